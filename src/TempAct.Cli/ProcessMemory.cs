using System.Globalization;

namespace TempAct.Cli;

/// <summary>The process's memory as the kernel counts it, for commands that report what they used.</summary>
public static class ProcessMemory
{
    /// <summary>Peak resident set size in MiB so far (VmHWM of /proc/self/status; includes native and managed memory
    /// alike); null where there is no /proc (not Linux).</summary>
    public static double? PeakResidentMegabytes()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return null;
        foreach (var line in File.ReadLines(status))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries); // "VmHWM:", "123456", "kB"
                return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long kb) ? Math.Round(kb / 1024.0, 1) : null;
            }
        return null;
    }
}
