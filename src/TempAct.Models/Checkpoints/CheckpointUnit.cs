using System.Text.Json;
using TempAct.Models.Training;

namespace TempAct.Models.Checkpoints;

/// <summary>
/// Commits a checkpoint as one unit into a folder whose files consumers read in place (<c>DIR/model.safetensors</c> +
/// <c>config.json</c> + …). Phases:
/// <list type="number">
/// <item>stage: every file of the checkpoint, the logs and, last, <c>checkpoint.json</c> (size + SHA-256 of each) are
/// written into <c>DIR/.checkpoint-staging/</c>; an interrupted staging folder is simply deleted on the next start;</item>
/// <item>commit point: one rename, <c>.checkpoint-staging</c> → <c>.checkpoint-pending</c>;</item>
/// <item>roll forward: each file is renamed into place, <c>checkpoint.json</c> last, then the pending folder is removed.
/// A run killed in this phase is completed by <see cref="Recover"/> on the next start (renames are idempotent).</item>
/// </list>
/// Every start (<see cref="Open"/> for a resume) recovers first, so the folder always holds one whole checkpoint: the old
/// one or the new one, never a mix. Renames are atomic within one file system; file data is forced to disk (fsync)
/// before the commit point, the folder entries are not (a kill is covered, a power cut depends on the file system).
/// </summary>
public static class CheckpointUnit
{
    /// <summary>Folder the next checkpoint is written into.</summary>
    public const string StagingDir = ".checkpoint-staging";

    /// <summary>Folder of a committed checkpoint whose files are being moved into place.</summary>
    public const string PendingDir = ".checkpoint-pending";

    /// <summary>The names this class writes into a folder, the manifest first (for <see cref="RunFolder"/>).</summary>
    public static IReadOnlyList<string> Names { get; } = [CheckpointManifest.FileName, StagingDir, PendingDir];

    /// <summary>
    /// Writes the checkpoint of <paramref name="step"/>: <paramref name="writeFiles"/> writes the checkpoint's files into
    /// the folder it is given (same relative layout as in <paramref name="dir"/>), the <paramref name="logs"/> are added,
    /// then the unit is committed. <paramref name="fault"/> (tests only) is called with (step, point) at each point where
    /// a kill is possible — "staged", then "move PATH" before each rename into place; throwing there leaves the folder as
    /// a kill would.
    /// </summary>
    public static CheckpointManifest Commit(string dir, int step, Action<string> writeFiles, IReadOnlyList<TrainingLog> logs,
        Action<int, string>? fault = null)
    {
        Recover(dir);
        string staging = Path.Combine(dir, StagingDir);
        Directory.CreateDirectory(staging);

        // 1. Stage: the files, the logs, then the manifest describing them.
        writeFiles(staging);
        foreach (var log in logs) log.WriteTo(staging);
        var logNames = logs.Select(l => l.Name).ToHashSet();
        var files = Relative(staging).Where(f => !logNames.Contains(f) && !f.EndsWith(".tmp", StringComparison.Ordinal)).ToList();
        var manifest = new CheckpointManifest(step,
            files.Select(f => CheckpointManifest.Describe(staging, f)).ToList(),
            logs.Select(l => CheckpointManifest.Describe(staging, l.Name)).ToList());
        fault?.Invoke(step, "staged");
        manifest.Write(staging);

        // 2. Commit point, 3. roll forward.
        Directory.Move(staging, Path.Combine(dir, PendingDir));
        RollForward(dir, name => fault?.Invoke(step, "move " + name));
        return manifest;
    }

    /// <summary>Completes a committed checkpoint whose files were not all moved into place, and deletes an uncommitted
    /// staging folder. Safe to call at any start.</summary>
    public static void Recover(string dir)
    {
        if (Directory.Exists(Path.Combine(dir, PendingDir))) RollForward(dir, null);
        string staging = Path.Combine(dir, StagingDir);
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
    }

    /// <summary>For a resume: recovers, reads <c>checkpoint.json</c> and verifies every file of the unit (a missing
    /// manifest is "nothing to resume"; a file that does not belong is a <see cref="CheckpointException"/> naming it).</summary>
    public static CheckpointManifest Open(string dir)
    {
        if (!Directory.Exists(dir)) throw new CheckpointException($"{dir}: nothing to resume (folder not found)");
        Recover(dir);
        var manifest = CheckpointManifest.Read(dir);
        manifest.Verify(dir);
        return manifest;
    }

    /// <summary>Reads the trainer's state file (JSON) of a verified checkpoint; its step must be the manifest's.</summary>
    public static TState ReadState<TState>(string dir, string file, CheckpointManifest checkpoint, Func<TState, int> stepOf,
        JsonSerializerOptions? options = null) where TState : class
    {
        string path = Path.Combine(dir, file);
        TState? state;
        try { state = JsonSerializer.Deserialize<TState>(File.ReadAllText(path), options); }
        catch (JsonException e) { throw new CheckpointException($"{path}: corrupt ({e.Message})", e); }
        if (state is null || stepOf(state) != checkpoint.Step)
            throw new CheckpointException($"{path}: its step does not match {CheckpointManifest.FileName} (step {checkpoint.Step})");
        return state;
    }

    private static void RollForward(string dir, Action<string>? beforeMove)
    {
        string pending = Path.Combine(dir, PendingDir);
        // The manifest last: until it is in place, the folder's old manifest does not describe the moved files, so a
        // reader that skipped recovery would refuse the folder rather than trust it.
        foreach (var name in Relative(pending).OrderBy(f => f == CheckpointManifest.FileName).ThenBy(f => f, StringComparer.Ordinal))
        {
            beforeMove?.Invoke(name);
            string target = Path.Combine(dir, name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(Path.Combine(pending, name), target, overwrite: true);
        }
        Directory.Delete(pending, recursive: true);
    }

    /// <summary>Files under <paramref name="root"/>, relative, '/'-separated, in ordinal order.</summary>
    private static List<string> Relative(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal).ToList();
}
