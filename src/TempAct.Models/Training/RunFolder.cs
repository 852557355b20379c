namespace TempAct.Models.Training;

/// <summary>The start of a training run in its output folder: a fresh run refuses a folder that holds one, an overwrite
/// first deletes the previous run's files (and only those), a resume leaves them to the trainer.</summary>
public static class RunFolder
{
    /// <summary>Throws <see cref="RunExistsException"/> when a fresh start meets a folder holding any of
    /// <paramref name="outputs"/>; changes nothing (the CLI calls it before drawing progress bars).</summary>
    public static void Check(string dir, TrainingStart start, IReadOnlyList<string> outputs)
    {
        if (start != TrainingStart.Fresh) return;
        var found = outputs.Where(name => Exists(Path.Combine(dir, name))).ToList();
        if (found.Count > 0)
            throw new RunExistsException($"{dir}: already holds a training run ({string.Join(", ", found)}); "
                + "pass --resume to continue it, --overwrite to replace it, or choose another --out");
    }

    /// <summary>Prepares <paramref name="dir"/>; <paramref name="outputs"/> are the names (files or folders) the trainer
    /// writes there, the checkpoint manifest first.</summary>
    public static void Prepare(string dir, TrainingStart start, IReadOnlyList<string> outputs)
    {
        switch (start)
        {
            case TrainingStart.Fresh:
                Check(dir, start, outputs);
                break;
            case TrainingStart.Overwrite when Directory.Exists(dir):
                // In the given order, the manifest first: an interrupted overwrite never leaves a checkpoint that verifies.
                foreach (var name in outputs)
                    foreach (var path in new[] { Path.Combine(dir, name), Path.Combine(dir, name + ".tmp") })
                        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                        else File.Delete(path);
                break;
            case TrainingStart.Overwrite:
                break;
            case TrainingStart.Resume:
                return; // the trainer opens the checkpoint (CheckpointUnit.Open), which reports a missing folder
            default:
                throw new ArgumentOutOfRangeException(nameof(start), start, null);
        }
        Directory.CreateDirectory(dir);
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);
}
