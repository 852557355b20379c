using System.Diagnostics;
using TempAct.World.Serialization;

namespace TempAct.Studio;

/// <summary>Profiling aid: with TEMPACT_STUDIO_TRACE=FILE the studio records one line per milestone of a start (run started,
/// planning thread running, first token after the prefill, first step decoded, lane handed to the engine, each turn of
/// the generation thread, first chunk made, first chunk received by a bench client) — milliseconds, managed thread id,
/// what — and rewrites FILE with every line so far (temporary name + rename) each time the count doubles (64, 128, …: the
/// rewrites cost as much as the lines) and when the engine is disposed. Off (nothing recorded) without the variable; at
/// most 200,000 lines are kept. A FILE that cannot be written is said once on standard error and tracing stops; the
/// studio goes on.</summary>
internal static class StudioTrace
{
    private const int MaxLines = 200_000;
    private static readonly string? Path = Environment.GetEnvironmentVariable("TEMPACT_STUDIO_TRACE");
    private static readonly List<string> Lines = [];
    private static int unwritten, nextFlush = 64;
    private static bool failed;

    /// <summary>True when the variable is set and its file has not failed to write.</summary>
    public static bool On => Path is not null && !failed;

    /// <summary>Records one milestone (when on).</summary>
    public static void Mark(string what)
    {
        if (!On) return;
        string line = $"{Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency:0.0}\t{Environment.CurrentManagedThreadId}\t{what}";
        bool flush;
        lock (Lines)
        {
            if (Lines.Count >= MaxLines) return;
            Lines.Add(line);
            unwritten++;
            flush = Lines.Count >= nextFlush;
            if (flush) nextFlush *= 2;
        }
        if (flush) Flush();
    }

    /// <summary>Writes every line recorded so far to the file.</summary>
    public static void Flush()
    {
        if (!On) return;
        lock (Lines)
        {
            if (unwritten == 0 || failed) return;
            try { AtomicFile.WriteAllLines(Path!, Lines); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                failed = true;
                Console.Error.WriteLine($"studio trace: TEMPACT_STUDIO_TRACE={Path}: cannot write it ({e.Message}); tracing is off");
                return;
            }
            unwritten = 0;
        }
    }
}
