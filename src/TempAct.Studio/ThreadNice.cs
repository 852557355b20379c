using System.Runtime.InteropServices;

namespace TempAct.Studio;

/// <summary>
/// Lowers the scheduling priority of the calling OS thread (Linux: a per-thread nice value). A planner whose stream has
/// started only has to stay ahead of the playback (its next step is needed chunks later), while the generation thread
/// has a frame deadline; with both on two cores, the planner gives way. Best effort: elsewhere, or when the call fails,
/// nothing changes.
/// </summary>
internal static class ThreadNice
{
    private const int PrioProcess = 0;   // setpriority(PRIO_PROCESS, tid, …) sets one thread's nice on Linux
    private const long SysGettidX64 = 186;

    /// <summary>Sets the calling thread's nice value to <paramref name="nice"/> (higher yields more); true when it took effect.</summary>
    public static bool Lower(int nice)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return false;
        try
        {
            long tid = syscall(SysGettidX64);
            return tid > 0 && setpriority(PrioProcess, (uint)tid, nice) == 0;
        }
        catch (DllNotFoundException) { return false; }
        catch (EntryPointNotFoundException) { return false; }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern long syscall(long number);

    [DllImport("libc", SetLastError = true)]
    private static extern int setpriority(int which, uint who, int prio);
}
