using TempAct.Models.Checkpoints;
using TempAct.Models.Planner;
using TempAct.Models.Training;
using static TempAct.Tests.Training.TrainingRuns;
using static TorchSharp.torch;

namespace TempAct.Tests.Planner;

/// <summary>One uninterrupted tiny run, shared by the tests that compare against it.</summary>
public sealed class PlannerReferenceRun : IDisposable
{
    /// <summary>6 steps, checkpoints at 3 and 6, one evaluation (at 6, before the checkpoint: it flushes the logs, so a
    /// kill while staging the last checkpoint leaves rows past the step-3 checkpoint on disk).</summary>
    public static readonly PlannerSftConfig Tiny = new()
    {
        Steps = 6, BatchSize = 4, WarmupSteps = 2, EvalEvery = 1000, EvalInstructions = 1, CheckpointEvery = 3,
        Model = new PlannerConfig { Dim = 32, Layers = 1, Heads = 2, MaxTokens = 320 },
    };

    public PlannerReferenceRun() => new PlannerSftTrainer(Tiny, Dir, CPU).Run(TrainingStart.Fresh);

    /// <summary>The folder of the uninterrupted run.</summary>
    public string Dir { get; } = TempDir("sft-reference");

    public void Dispose() => Directory.Delete(Dir, true);
}

[Collection(TorchCollection.Name)]
public sealed class PlannerSftTrainerTests(PlannerReferenceRun reference) : IClassFixture<PlannerReferenceRun>, IDisposable
{
    private static readonly PlannerSftConfig Tiny = PlannerReferenceRun.Tiny;
    private readonly string dir = TempDir("sft");

    public void Dispose() => Directory.Delete(dir, true);

    private static string[] Unit => ["optimizer.bin", "config.json", "vocab.json"];

    [Fact]
    public void CancelledThenResumed_EqualsAnUninterruptedRun()
    {
        using (var stop = new CancellationTokenSource())
            new PlannerSftTrainer(Tiny, dir, CPU).Run(TrainingStart.Fresh, new Progress(r => { if (r.Step == 3) stop.Cancel(); }), stop.Token);
        Assert.Equal(3, CheckpointManifest.Read(dir).Step);
        new PlannerSftTrainer(Tiny, dir, CPU).Run(TrainingStart.Resume);
        AssertSameRun(reference.Dir, dir, Unit);
        Assert.Equal(7, File.ReadAllLines(Path.Combine(dir, "metrics.csv")).Length); // header + 6 steps
    }

    /// <summary>A kill -9 between two files of a checkpoint, then --resume: the same weights, optimizer, metrics and
    /// evaluations as the uninterrupted run. "move optimizer.bin" at step 3 is the case that used to leave new weights
    /// beside an old step counter.</summary>
    [Theory]
    [InlineData(3, "move optimizer.bin")]
    [InlineData(3, "move trainer_state.json")]
    [InlineData(6, "staged")]
    [InlineData(6, "move checkpoint.json")]
    public void KilledBetweenTheFilesOfACheckpoint_ThenResumed_EqualsAnUninterruptedRun(int step, string point)
    {
        Assert.Throws<InjectedKill>(() => new PlannerSftTrainer(Tiny, dir, CPU) { CheckpointFault = KillAt(step, point) }.Run(TrainingStart.Fresh));
        Assert.True(Directory.Exists(Path.Combine(dir, CheckpointUnit.StagingDir)) || Directory.Exists(Path.Combine(dir, CheckpointUnit.PendingDir)));
        new PlannerSftTrainer(Tiny, dir, CPU).Run(TrainingStart.Resume);
        AssertSameRun(reference.Dir, dir, Unit);
    }

    [Fact]
    public void AKillAfterTheLastEvaluation_LeavesFlushedLogs_AndResumeDropsTheRowsAfterTheCheckpoint()
    {
        Assert.Throws<InjectedKill>(() => new PlannerSftTrainer(Tiny, dir, CPU) { CheckpointFault = KillAt(6, "staged") }.Run(TrainingStart.Fresh));
        // On disk: the header and rows 1–6 (flushed by the evaluation at step 6); the committed checkpoint is step 3.
        Assert.Equal(MetricsWithoutTiming(reference.Dir), MetricsWithoutTiming(dir));
        Assert.Equal(3, CheckpointManifest.Read(dir).Step);
        new PlannerSftTrainer(Tiny, dir, CPU).Run(TrainingStart.Resume);
        var rows = File.ReadAllLines(Path.Combine(dir, "metrics.csv"));
        Assert.Equal("step,loss,lr,tokens_per_s,seconds", rows[0]);
        Assert.Equal(["1", "2", "3", "4", "5", "6"], rows[1..].Select(r => r.Split(',')[0]));
        Assert.Single(File.ReadAllLines(Path.Combine(dir, "eval.jsonl"))); // step 6, once
    }

    [Theory]
    [InlineData(WeightStore.WeightsFile)]
    [InlineData("optimizer.bin")]
    public void AMixedCheckpoint_IsRefused_NamingTheFileThatDoesNotBelong(string stranger)
    {
        Assert.Throws<InjectedKill>(() => new PlannerSftTrainer(Tiny, dir, CPU) { CheckpointFault = KillAt(6, "staged") }.Run(TrainingStart.Fresh));
        File.Copy(Path.Combine(reference.Dir, stranger), Path.Combine(dir, stranger), overwrite: true); // a step-6 file in the step-3 checkpoint
        var e = Assert.Throws<CheckpointException>(() => new PlannerSftTrainer(Tiny, dir, CPU).Run(TrainingStart.Resume));
        Assert.Contains(Path.Combine(dir, stranger), e.Message);
        Assert.Contains("step-3", e.Message);
    }

    [Fact]
    public void AFreshRun_RefusesAFinishedRun_AndOverwriteReplacesIt()
    {
        Copy(reference.Dir, dir);
        File.WriteAllBytes(Path.Combine(dir, WeightStore.WeightsFile), [1, 2, 3]); // stands for another finished model
        Assert.Throws<RunExistsException>(() => new PlannerSftTrainer(Tiny, dir, CPU).Run(TrainingStart.Fresh));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(dir, WeightStore.WeightsFile)));
        new PlannerSftTrainer(Tiny, dir, CPU).Run(TrainingStart.Overwrite);
        AssertSameRun(reference.Dir, dir, Unit);
    }

    [Fact]
    public void InitFrom_StartsFromTheSavedWeights_AndRefusesAnotherShape()
    {
        // A vanishing learning rate: one step leaves the loaded weights where they were.
        var config = Tiny with { InitFrom = reference.Dir, Steps = 1, LearningRate = 1e-12, CheckpointEvery = 1 };
        new PlannerSftTrainer(config, dir, CPU).Run(TrainingStart.Fresh);
        var (before, _) = PlannerCheckpoint.Load(reference.Dir);
        var (after, _) = PlannerCheckpoint.Load(dir);
        using (before) using (after)
        {
            var tuned = after.state_dict();
            foreach (var (k, v) in before.state_dict())
            {
                float scale = v.abs().max().item<float>();
                float diff = (v - tuned[k]).abs().max().item<float>();
                Assert.True(diff <= 1e-5f * (1 + scale), $"{k}: {diff}");
            }
        }
        var wide = Tiny with { Model = Tiny.Model with { Dim = 48 }, InitFrom = reference.Dir };
        var e = Assert.Throws<CheckpointException>(() => new PlannerSftTrainer(wide, Path.Combine(dir, "wide"), CPU).Run(TrainingStart.Fresh));
        Assert.Contains("config.json", e.Message);
        Assert.Contains("another shape", e.Message);
        Assert.False(Directory.Exists(Path.Combine(dir, "wide")), "a refused InitFrom created the output folder");
        // Refused before the folder is touched: --overwrite of the run in dir does not delete it.
        Assert.Throws<CheckpointException>(() => new PlannerSftTrainer(wide, dir, CPU).Run(TrainingStart.Overwrite));
        Assert.True(File.Exists(Path.Combine(dir, "model.safetensors")), "a refused InitFrom deleted the run it was to overwrite");
    }

    [Fact]
    public void ResumeWithNothingToResume_IsAClearError() =>
        Assert.Contains("nothing to resume", Assert.Throws<CheckpointException>(() => new PlannerSftTrainer(Tiny, dir, CPU).Run(TrainingStart.Resume)).Message);

    [Fact]
    public void MaxTokensShorterThanTheData_IsAConfigError_BeforeTheFolderIsTouched()
    {
        var config = Tiny with { Model = Tiny.Model with { MaxTokens = 16 } };
        var e = Assert.Throws<ConfigException>(() => new PlannerSftTrainer(config, Path.Combine(dir, "out"), CPU).Run(TrainingStart.Fresh));
        Assert.StartsWith("Model.MaxTokens 16 is too small", e.Message);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Theory]
    [InlineData("LearningRate", double.PositiveInfinity)]
    [InlineData("LearningRate", double.NaN)]
    [InlineData("LearningRate", 0)]
    [InlineData("GradClip", double.NaN)]
    [InlineData("WeightDecay", double.NegativeInfinity)]
    [InlineData("ExplicitStepsFraction", 1.5)]
    [InlineData("Model.LoraAlpha", double.PositiveInfinity)]
    public void NonFiniteOrOutOfRangeNumbers_AreConfigErrors_NamingTheField(string field, double value)
    {
        var config = field switch
        {
            "LearningRate" => Tiny with { LearningRate = value },
            "GradClip" => Tiny with { GradClip = value },
            "WeightDecay" => Tiny with { WeightDecay = value },
            "ExplicitStepsFraction" => Tiny with { ExplicitStepsFraction = value },
            _ => Tiny with { Model = Tiny.Model with { LoraAlpha = value } },
        };
        Assert.StartsWith(field + " must", Assert.Throws<ConfigException>(config.Validate).Message);
    }

    [Fact]
    public void OutOfRangeCounts_AreConfigErrors_NamingTheField()
    {
        Assert.StartsWith("Steps", Assert.Throws<ConfigException>((Tiny with { Steps = 0 }).Validate).Message);
        Assert.StartsWith("WarmupSteps", Assert.Throws<ConfigException>((Tiny with { WarmupSteps = -1 }).Validate).Message);
        Assert.StartsWith("EvalInstructions", Assert.Throws<ConfigException>((Tiny with { EvalInstructions = 501 }).Validate).Message);
        Assert.StartsWith("Threads", Assert.Throws<ConfigException>((Tiny with { Threads = -1 }).Validate).Message);
        Assert.StartsWith("Model.Dim", Assert.Throws<ConfigException>((Tiny with { Model = Tiny.Model with { Dim = 30, Heads = 4 } }).Validate).Message);
        Assert.StartsWith("Model.MaxTokens", Assert.Throws<ConfigException>((Tiny with { Model = Tiny.Model with { MaxTokens = 8 } }).Validate).Message);
        Tiny.Validate();
    }

    private sealed class Progress(Action<PlannerSftTrainer.Report> report) : IProgress<PlannerSftTrainer.Report>
    {
        public void Report(PlannerSftTrainer.Report value) => report(value);
    }
}
