using System.Security.Cryptography;
using System.Text.Json;

namespace TempAct.Models.Checkpoints;

/// <summary>
/// <c>checkpoint.json</c>: the step of a checkpoint and the size and SHA-256 of every file that belongs to it, written
/// last into the checkpoint unit (<see cref="CheckpointUnit"/>). <see cref="Files"/> must match exactly; <see cref="Logs"/>
/// (metrics.csv, eval.jsonl) keep growing after the checkpoint, so only their first <see cref="Entry.Bytes"/> bytes must.
/// </summary>
/// <param name="Step">Optimiser steps done when the checkpoint was taken.</param>
/// <param name="Files">Weights, optimizer, trainer state…: paths relative to the folder, '/'-separated.</param>
/// <param name="Logs">The append-only logs and the prefix that belongs to this step.</param>
public sealed record CheckpointManifest(int Step, IReadOnlyList<CheckpointManifest.Entry> Files, IReadOnlyList<CheckpointManifest.Entry> Logs)
{
    /// <summary>File name of the manifest.</summary>
    public const string FileName = "checkpoint.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>One file: path relative to the checkpoint folder, size, and SHA-256 (lower-case hex) of its first
    /// <paramref name="Bytes"/> bytes.</summary>
    public sealed record Entry(string Path, long Bytes, string Sha256);

    /// <summary>Describes <paramref name="relative"/> under <paramref name="root"/> and forces it to disk (fsync), so the
    /// manifest never names data that is still only in the page cache.</summary>
    public static Entry Describe(string root, string relative)
    {
        using var f = new FileStream(System.IO.Path.Combine(root, relative), FileMode.Open, FileAccess.ReadWrite);
        f.Flush(flushToDisk: true);
        return new Entry(relative, f.Length, Convert.ToHexStringLower(SHA256.HashData(f)));
    }

    /// <summary>Reads <c>DIR/checkpoint.json</c>; a missing one is "nothing to resume".</summary>
    public static CheckpointManifest Read(string dir)
    {
        string path = System.IO.Path.Combine(dir, FileName);
        if (!File.Exists(path)) throw new CheckpointException($"{dir}: nothing to resume (no {FileName}: no checkpoint was committed there)");
        try
        {
            var manifest = JsonSerializer.Deserialize<CheckpointManifest>(File.ReadAllText(path), Json);
            return manifest is { Files: not null, Logs: not null } ? manifest : throw new JsonException("no Files or Logs");
        }
        catch (JsonException e) { throw new CheckpointException($"{path}: corrupt ({e.Message})", e); }
    }

    /// <summary>Writes the manifest into <paramref name="dir"/> (temp name + rename).</summary>
    public void Write(string dir) => WeightStore.WriteAtomic(System.IO.Path.Combine(dir, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>Checks every file of the unit in <paramref name="dir"/>; the first one that does not belong is a
    /// <see cref="CheckpointException"/> naming it.</summary>
    public void Verify(string dir)
    {
        foreach (var (entry, isLog) in Files.Select(e => (e, false)).Concat(Logs.Select(e => (e, true))))
        {
            string path = System.IO.Path.Combine(dir, entry.Path);
            string? problem = !File.Exists(path) ? "missing" : Mismatch(path, entry, isLog);
            if (problem is not null)
                throw new CheckpointException($"{path}: does not belong to the step-{Step} checkpoint ({problem}; {FileName} records "
                    + $"{entry.Bytes} bytes, SHA-256 {entry.Sha256[..12]}…); the folder mixes checkpoints — start again with --overwrite");
        }
    }

    private static string? Mismatch(string path, Entry entry, bool isLog)
    {
        using var f = File.OpenRead(path);
        if (isLog ? f.Length < entry.Bytes : f.Length != entry.Bytes) return $"{f.Length} bytes";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        for (long left = entry.Bytes; left > 0;)
        {
            int n = f.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0) return "shorter than recorded";
            hash.AppendData(buffer, 0, n);
            left -= n;
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset()) == entry.Sha256 ? null : isLog ? "its first rows differ" : "different contents";
    }
}
