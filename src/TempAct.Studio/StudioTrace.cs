using System.Diagnostics;
using TempAct.World.Serialization;

namespace TempAct.Studio;

/// <summary>Profiling aid: with TEMPACT_STUDIO_TRACE=FILE the studio records one line per milestone of a start (run started,
/// planning thread running, first token after the prefill, first step decoded, lane handed to the engine, each turn of
/// the generation thread, first chunk made, first chunk received by a bench client) — milliseconds, managed thread id,
/// what — and rewrites FILE with every line so far (temporary name + rename) every 64 lines and when the engine is
/// disposed. Off (nothing recorded) without the variable; at most 200,000 lines are kept.</summary>
internal static class StudioTrace
{
    private const int MaxLines = 200_000;
    private static readonly string? Path = Environment.GetEnvironmentVariable("TEMPACT_STUDIO_TRACE");
    private static readonly List<string> Lines = [];
    private static int unwritten;

    /// <summary>True when the variable is set.</summary>
    public static bool On => Path is not null;

    /// <summary>Records one milestone (when on).</summary>
    public static void Mark(string what)
    {
        if (Path is null) return;
        string line = $"{Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency:0.0}\t{Environment.CurrentManagedThreadId}\t{what}";
        bool flush;
        lock (Lines)
        {
            if (Lines.Count >= MaxLines) return;
            Lines.Add(line);
            flush = ++unwritten >= 64;
        }
        if (flush) Flush();
    }

    /// <summary>Writes every line recorded so far to the file.</summary>
    public static void Flush()
    {
        if (Path is null) return;
        lock (Lines)
        {
            if (unwritten == 0) return;
            AtomicFile.WriteAllLines(Path, Lines);
            unwritten = 0;
        }
    }
}
