using TempAct.Models.Checkpoints;
using TempAct.Models.Training;
using static TempAct.Tests.Training.TrainingRuns;

namespace TempAct.Tests.Training;

/// <summary>The commit protocol on plain files: whatever point a kill hits, the folder holds one whole checkpoint.</summary>
public sealed class CheckpointUnitTests : IDisposable
{
    private readonly string dir = TempDir("unit");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>A checkpoint of <paramref name="step"/> whose three files (one in a subfolder) all say which step they are.</summary>
    private void Save(int step, TrainingLog log, Action<int, string>? fault = null) =>
        CheckpointUnit.Commit(dir, step, stage =>
        {
            foreach (var name in new[] { "model.safetensors", "optimizer.bin", "train/raw.bin" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(stage, name))!);
                File.WriteAllText(Path.Combine(stage, name), $"{name} of step {step}");
            }
        }, [log], fault);

    private string Read(string name) => File.ReadAllText(Path.Combine(dir, name));

    [Theory]
    [InlineData("staged", 1)]                  // killed before the commit point: the old checkpoint stays
    [InlineData("move model.safetensors", 2)]  // killed after it: the next start completes the new one
    [InlineData("move optimizer.bin", 2)]
    [InlineData("move train/raw.bin", 2)]
    [InlineData("move checkpoint.json", 2)]
    public void AKillAtAnyPoint_LeavesOneWholeCheckpoint(string point, int survivor)
    {
        var log = new TrainingLog(dir, "metrics.csv", "step");
        log.Append("1");
        Save(1, log);
        log.Append("2");
        Assert.Throws<InjectedKill>(() => Save(2, log, KillAt(2, point)));

        var checkpoint = CheckpointUnit.Open(dir);
        Assert.Equal(survivor, checkpoint.Step);
        foreach (var name in new[] { "model.safetensors", "optimizer.bin", "train/raw.bin" }) Assert.Equal($"{name} of step {survivor}", Read(name));
        Assert.False(Directory.Exists(Path.Combine(dir, CheckpointUnit.StagingDir)));
        Assert.False(Directory.Exists(Path.Combine(dir, CheckpointUnit.PendingDir)));
        var resumed = new TrainingLog(dir, "metrics.csv");
        resumed.Restore(checkpoint);
        Assert.Equal(survivor == 1 ? "step\n1\n" : "step\n1\n2\n", Read("metrics.csv"));
    }

    [Fact]
    public void RowsLoggedAfterTheCheckpoint_AreDroppedOnResume_AndTheHeaderKept()
    {
        var log = new TrainingLog(dir, "metrics.csv", "step,loss");
        log.Append("1,0.5");
        Save(1, log);
        log.Append("2,0.4");
        log.Refresh(now: true); // the live file runs past the checkpoint
        Assert.Equal("step,loss\n1,0.5\n2,0.4\n", Read("metrics.csv"));

        var resumed = new TrainingLog(dir, "metrics.csv");
        resumed.Restore(CheckpointUnit.Open(dir));
        Assert.Equal("step,loss\n1,0.5\n", Read("metrics.csv"));
        resumed.Append("2,0.4");
        resumed.Refresh(now: true);
        Assert.Equal("step,loss\n1,0.5\n2,0.4\n", Read("metrics.csv"));
    }

    [Theory]
    [InlineData("optimizer.bin")]
    [InlineData("train/raw.bin")]
    public void AFileFromAnotherCheckpoint_IsRefused_NamingIt(string stranger)
    {
        var log = new TrainingLog(dir, "metrics.csv", "step");
        Save(1, log);
        File.WriteAllText(Path.Combine(dir, stranger), $"{stranger} of step 2");
        var e = Assert.Throws<CheckpointException>(() => CheckpointUnit.Open(dir));
        Assert.Contains(Path.Combine(dir, stranger), e.Message);
        Assert.Contains("does not belong to the step-1 checkpoint", e.Message);
    }

    [Fact]
    public void ALogWhoseCheckpointedRowsChanged_IsRefused_NamingIt()
    {
        var log = new TrainingLog(dir, "metrics.csv", "step");
        log.Append("1");
        Save(1, log);
        File.WriteAllText(Path.Combine(dir, "metrics.csv"), "step\n7\n8\n");
        Assert.Contains("metrics.csv", Assert.Throws<CheckpointException>(() => CheckpointUnit.Open(dir)).Message);
    }

    [Fact]
    public void NoManifest_IsNothingToResume()
    {
        File.WriteAllText(Path.Combine(dir, "trainer_state.json"), "{\"Step\": 3}"); // a folder written before manifests
        Assert.Contains("nothing to resume", Assert.Throws<CheckpointException>(() => CheckpointUnit.Open(dir)).Message);
    }

    [Fact]
    public void AFreshStart_RefusesAFolderHoldingARun_AndOverwriteDeletesOnlyTheRunsFiles()
    {
        string[] outputs = [.. CheckpointUnit.Names, "model.safetensors", "train", "metrics.csv"];
        Save(1, new TrainingLog(dir, "metrics.csv", "step"));
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");

        var e = Assert.Throws<RunExistsException>(() => RunFolder.Prepare(dir, TrainingStart.Fresh, outputs));
        Assert.Contains("--resume", e.Message);
        Assert.Contains("--overwrite", e.Message);
        Assert.Equal("model.safetensors of step 1", Read("model.safetensors"));

        RunFolder.Prepare(dir, TrainingStart.Overwrite, outputs);
        Assert.Equal(["notes.txt", "optimizer.bin"], Directory.GetFileSystemEntries(dir).Select(p => Path.GetFileName(p)).Order().ToArray());
        RunFolder.Prepare(dir, TrainingStart.Fresh, outputs); // nothing of the run is left
    }
}
