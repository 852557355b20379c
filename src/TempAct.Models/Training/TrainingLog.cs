using System.Diagnostics;
using System.Text;
using TempAct.Models.Checkpoints;

namespace TempAct.Models.Training;

/// <summary>
/// An append-only training log (metrics.csv, eval.jsonl) kept consistent with the checkpoints. The rows live in memory;
/// the file is rewritten whole under a temp name and renamed — inside every checkpoint unit, after every evaluation and
/// at most every <see cref="RefreshSeconds"/> seconds in between — so a reader never sees half a row. The checkpoint
/// records the log's bytes at its step; on resume the file is cut back to them, so rows logged after the checkpoint are
/// dropped and logged again, and a resumed log equals an uninterrupted one (header included).
/// </summary>
public sealed class TrainingLog
{
    /// <summary>Longest time rows wait in memory before the live file is refreshed.</summary>
    public const double RefreshSeconds = 10;

    private readonly string dir;
    private readonly StringBuilder text = new();
    private long lastWrite;

    /// <summary>A log <paramref name="name"/> in <paramref name="dir"/>, starting with <paramref name="header"/> (if any).</summary>
    public TrainingLog(string dir, string name, string? header = null)
    {
        (this.dir, Name) = (dir, name);
        if (header is not null) Append(header);
    }

    /// <summary>File name inside the output folder.</summary>
    public string Name { get; }

    /// <summary>Adds one row (a newline is appended).</summary>
    public void Append(string row) => text.Append(row).Append('\n');

    /// <summary>Rewrites the live file when <see cref="RefreshSeconds"/> have passed since the last write, or now when
    /// <paramref name="now"/>.</summary>
    public void Refresh(bool now = false)
    {
        if (now || Stopwatch.GetElapsedTime(lastWrite).TotalSeconds >= RefreshSeconds) WriteTo(dir);
    }

    /// <summary>Writes the whole log into <paramref name="folder"/> (the output folder, or a checkpoint's staging
    /// folder) under a temp name, then renames it.</summary>
    public void WriteTo(string folder)
    {
        WeightStore.WriteAtomic(Path.Combine(folder, Name), text.ToString());
        if (folder == dir) lastWrite = Stopwatch.GetTimestamp();
    }

    /// <summary>Continues the log of a verified checkpoint (<see cref="CheckpointUnit.Open"/>): keeps the bytes it
    /// recorded, drops the rows after them (also from the file).</summary>
    public void Restore(CheckpointManifest checkpoint)
    {
        var entry = checkpoint.Logs.FirstOrDefault(e => e.Path == Name)
            ?? throw new CheckpointException($"{Path.Combine(dir, CheckpointManifest.FileName)}: does not record {Name}");
        using (var f = File.OpenRead(Path.Combine(dir, Name)))
        {
            var kept = new byte[entry.Bytes];
            f.ReadExactly(kept);
            text.Clear().Append(Encoding.UTF8.GetString(kept));
        }
        WriteTo(dir);
    }
}
