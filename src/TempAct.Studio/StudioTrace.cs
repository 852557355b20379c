using System.Collections.Concurrent;
using System.Diagnostics;

namespace TempAct.Studio;

/// <summary>Profiling aid: with TEMPACT_STUDIO_TRACE=FILE the studio appends one line per milestone of a start (run started,
/// planning thread running, first token after the prefill, first step decoded, lane handed to the engine, each turn of
/// the generation thread, first chunk made, first chunk received by a bench client) — milliseconds, managed thread id,
/// what — flushed every 64 lines and when the engine is disposed. Off (nothing recorded) without the variable.</summary>
internal static class StudioTrace
{
    private static readonly string? Path = Environment.GetEnvironmentVariable("TEMPACT_STUDIO_TRACE");
    private static readonly ConcurrentQueue<string> Lines = new();
    /// <summary>True when the variable is set.</summary>
    public static bool On => Path is not null;
    /// <summary>Records one milestone (when on).</summary>
    public static void Mark(string what)
    {
        if (Path is null) return;
        Lines.Enqueue($"{Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency:0.0}\t{Environment.CurrentManagedThreadId}\t{what}");
        if (Lines.Count > 64) Flush();
    }
    /// <summary>Appends what was recorded to the file.</summary>
    public static void Flush()
    {
        if (Path is null) return;
        var sb = new System.Text.StringBuilder();
        while (Lines.TryDequeue(out var l)) sb.AppendLine(l);
        lock (Lines) File.AppendAllText(Path, sb.ToString());
    }
}
