using TempAct.Models.Checkpoints;
using TempAct.Models.Executor;
using TempAct.Models.Training;
using static TempAct.Tests.Training.TrainingRuns;
using static TorchSharp.torch;

namespace TempAct.Tests.Executor;

/// <summary>One uninterrupted tiny executor run, shared by the tests that compare against it.</summary>
public sealed class ExecutorReferenceRun : IDisposable
{
    /// <summary>4 steps on 8 clips of 6 frames, checkpoints at 2 and 4, one evaluation (at 4).</summary>
    public static readonly ExecutorTrainConfig Tiny = new()
    {
        Model = new ExecutorConfig { Dim = 32, Layers = 1, Heads = 2, TextLayers = 1, MaxTextTokens = 80, SinkFrames = 3, WindowFrames = 3 },
        Steps = 4, BatchSize = 2, ClipFrames = 6, DatasetClips = 8, WarmupSteps = 1, EvalEvery = 100, EvalPrompts = 2, EvalFrames = 6,
        CheckpointEvery = 2, Threads = 2,
    };

    public ExecutorReferenceRun() => new ExecutorTrainer(Tiny, Dir, CPU).Run(TrainingStart.Fresh);

    /// <summary>The folder of the uninterrupted run.</summary>
    public string Dir { get; } = TempDir("executor-reference");

    public void Dispose() => Directory.Delete(Dir, true);
}

[Collection(TorchCollection.Name)]
public sealed class ExecutorTrainerTests(ExecutorReferenceRun reference) : IClassFixture<ExecutorReferenceRun>, IDisposable
{
    private static readonly ExecutorTrainConfig Tiny = ExecutorReferenceRun.Tiny;
    private readonly string dir = TempDir("executor");

    public void Dispose() => Directory.Delete(dir, true);

    /// <summary>The EMA weights (checked by AssertSameRun) and the rest of the unit.</summary>
    private static string[] Unit => ["config.json", "vocab.json", "train/model.safetensors", "train/optimizer.bin"];

    /// <summary>A kill -9 between two files of a checkpoint, then --resume: the same EMA and raw weights, optimizer,
    /// metrics and evaluations as the uninterrupted run.</summary>
    [Theory]
    [InlineData(2, "move model.safetensors")]
    [InlineData(2, "move train/optimizer.bin")]
    [InlineData(4, "staged")]
    public void KilledBetweenTheFilesOfACheckpoint_ThenResumed_EqualsAnUninterruptedRun(int step, string point)
    {
        Assert.Throws<InjectedKill>(() => new ExecutorTrainer(Tiny, dir, CPU) { CheckpointFault = KillAt(step, point) }.Run(TrainingStart.Fresh));
        Assert.True(Directory.Exists(Path.Combine(dir, CheckpointUnit.StagingDir)) || Directory.Exists(Path.Combine(dir, CheckpointUnit.PendingDir)));
        new ExecutorTrainer(Tiny, dir, CPU).Run(TrainingStart.Resume);
        AssertSameRun(reference.Dir, dir, Unit);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(dir, "metrics.csv")).Length); // header + 4 steps
    }

    [Fact]
    public void AMixedCheckpoint_IsRefused_NamingTheFileThatDoesNotBelong()
    {
        Assert.Throws<InjectedKill>(() => new ExecutorTrainer(Tiny, dir, CPU) { CheckpointFault = KillAt(4, "staged") }.Run(TrainingStart.Fresh));
        string stranger = Path.Combine("train", "optimizer.bin");
        File.Copy(Path.Combine(reference.Dir, stranger), Path.Combine(dir, stranger), overwrite: true); // step 4's in step 2's checkpoint
        var e = Assert.Throws<CheckpointException>(() => new ExecutorTrainer(Tiny, dir, CPU).Run(TrainingStart.Resume));
        Assert.Contains(Path.Combine(dir, stranger), e.Message);
        Assert.Contains("step-2", e.Message);
    }

    [Fact]
    public void AFreshRun_RefusesAFolderHoldingARun()
    {
        Directory.CreateDirectory(Path.Combine(dir, "train"));
        var e = Assert.Throws<RunExistsException>(() => new ExecutorTrainer(Tiny, dir, CPU).Run(TrainingStart.Fresh));
        Assert.Contains("train", e.Message);
    }

    [Fact]
    public void MaxTextTokensShorterThanTheCaptions_IsAConfigError_BeforeTheFolderIsTouched()
    {
        var config = Tiny with { Model = Tiny.Model with { MaxTextTokens = 4 } };
        var e = Assert.Throws<ConfigException>(() => new ExecutorTrainer(config, Path.Combine(dir, "out"), CPU).Run(TrainingStart.Fresh));
        Assert.StartsWith("Model.MaxTextTokens 4 is too small", e.Message);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Theory]
    [InlineData("LearningRate", double.PositiveInfinity)]
    [InlineData("LearningRate", double.NaN)]
    [InlineData("EmaDecay", 1)]
    [InlineData("GradClip", 0)]
    [InlineData("ContextNoiseMax", 2)]
    [InlineData("Model.Shift", double.NaN)]
    [InlineData("Model.RopeTheta", double.PositiveInfinity)]
    public void NonFiniteOrOutOfRangeNumbers_AreConfigErrors_NamingTheField(string field, double value)
    {
        var config = field switch
        {
            "LearningRate" => Tiny with { LearningRate = value },
            "EmaDecay" => Tiny with { EmaDecay = value },
            "GradClip" => Tiny with { GradClip = value },
            "ContextNoiseMax" => Tiny with { ContextNoiseMax = value },
            "Model.Shift" => Tiny with { Model = Tiny.Model with { Shift = value } },
            _ => Tiny with { Model = Tiny.Model with { RopeTheta = value } },
        };
        Assert.StartsWith(field + " must", Assert.Throws<ConfigException>(config.Validate).Message);
    }

    [Fact]
    public void OutOfRangeCounts_AreConfigErrors_NamingTheField()
    {
        Assert.StartsWith("ClipFrames", Assert.Throws<ConfigException>((Tiny with { ClipFrames = 3 }).Validate).Message);
        Assert.StartsWith("EvalPrompts", Assert.Throws<ConfigException>((Tiny with { EvalPrompts = 0 }).Validate).Message);
        Assert.StartsWith("WarmupSteps", Assert.Throws<ConfigException>((Tiny with { WarmupSteps = -1 }).Validate).Message);
        Assert.StartsWith("Model.WindowFrames", Assert.Throws<ConfigException>((Tiny with { Model = Tiny.Model with { WindowFrames = 0 } }).Validate).Message);
        Tiny.Validate();
    }
}
