using TempAct.Cli;
using TempAct.Tests.Cli;
using TempAct.Training.Config;

namespace TempAct.Tests.Training;

public sealed class RlConfigTests
{
    private static string Repo(string relative) => Path.Combine(CliRunner.RepoRoot(), relative);

    [Fact]
    public void TheDefaultsAndTheShippedConfigs_AreValid_AndKeepTheReleaseScale()
    {
        new RlConfig().Validate();
        var real = ConfigFiles.Read<RlConfig>(Repo("configs/tempact.json")).Validate();
        Assert.Equal((16, 4, 8), (real.Exploration.Instructions, real.Exploration.Plans, real.Exploration.Continuations));
        Assert.Equal([1, 2], real.Exploration.SwitchIndices);
        Assert.Equal((1e-4, 2e-5), (real.Executor.LearningRate, real.Planner.LearningRate));
        var tiny = ConfigFiles.Read<RlConfig>(Repo("configs/tempact-tiny.json")).Validate();
        Assert.Equal((2, 2, 2), (tiny.Exploration.Instructions, tiny.Exploration.Plans, tiny.Exploration.Continuations));
    }

    [Theory]
    [InlineData("Exploration.Plans")]
    [InlineData("Exploration.SwitchIndices")]
    [InlineData("Planner.TopP")]
    [InlineData("Instructions.MinEvents")]
    [InlineData("Optimizer.MiniBatches")]
    [InlineData("Rewards.Weights")]
    [InlineData("Executor.AdapterChunks")]
    public void ABadField_IsNamed(string field)
    {
        var good = new RlConfig();
        var bad = field switch
        {
            "Exploration.Plans" => good with { Exploration = good.Exploration with { Plans = 1 } },
            "Exploration.SwitchIndices" => good with { Exploration = good.Exploration with { SwitchIndices = [0] } },
            "Planner.TopP" => good with { Planner = good.Planner with { TopP = 0 } },
            "Instructions.MinEvents" => good with { Instructions = good.Instructions with { MinEvents = 1 } },
            "Optimizer.MiniBatches" => good with { Optimizer = good.Optimizer with { MiniBatches = 0 } },
            "Executor.AdapterChunks" => good with { Executor = good.Executor with { AdapterChunks = (TempAct.Models.Executor.AdapterChunks)7 } }, // a JSON number
            _ => good with { Rewards = good.Rewards with { Weights = good.Rewards.Weights with { ExecLocal = 0.9 } } },
        };
        var e = Assert.Throws<ArgumentException>(() => bad.Validate());
        Assert.StartsWith(field, e.Message);
    }

    [Fact]
    public void Ablations_ChangeWhatTheyName()
    {
        var flat = new RlConfig { Ablations = Ablation.Flat | Ablation.NoAesthetic };
        Assert.Equal(1, flat.ContinuationsPerPlan);
        Assert.Equal((1.0, 0.0), (flat.EffectiveWeights.ExecLocal, flat.EffectiveWeights.ExecAesthetic));
        Assert.Equal(8, new RlConfig().ContinuationsPerPlan);
        Assert.Throws<ArgumentException>(() => new RlConfig { Ablations = Ablation.PlannerFrozen | Ablation.ExecutorFrozen }.Validate());
        // Flags read from JSON as TempAct's names.
        string path = Path.Combine(Path.GetTempPath(), $"rl-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, "{ \"Ablations\": \"Flat, NoKl\", \"Optimizer\": { \"Kl\": \"EveryStep\" } }");
            var read = ConfigFiles.Read<RlConfig>(path);
            Assert.Equal(Ablation.Flat | Ablation.NoKl, read.Ablations);
            Assert.Equal(KlSchedule.EveryStep, read.Optimizer.Kl);
        }
        finally { File.Delete(path); }
    }
}

public sealed class RlConfigOverrideTests
{
    private static string Repo(string relative) => Path.Combine(CliRunner.RepoRoot(), relative);

    [Fact]
    public void TheGatedConfig_IsTheSweepsSwArm_FieldForField()
    {
        // configs/tempact-gated.json must be what `scripts/gpu-rl-sweep … sw` ran (its common flags, then the arm's).
        var sweep = ConfigFiles.Read<RlConfig>(Repo("configs/tempact.json"),
            ["Schedule.CheckpointEvery=2", "Executor.LearningRate=0.0003", "Optimizer.MiniBatches=4",
             "Exploration.WindowChunks=1", "Rewards.GradedAction=true", "Planner.LearningRate=0.0001",
             "Rewards.GateAestheticOnLocalSpread=true", "Executor.AdapterChunks=Switch"]).Validate();
        var file = ConfigFiles.Read<RlConfig>(Repo("configs/tempact-gated.json")).Validate();
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(sweep), System.Text.Json.JsonSerializer.Serialize(file));
        Assert.Equal(TempAct.Models.Executor.AdapterChunks.Switch, file.Executor.AdapterChunks);
    }

    [Fact]
    public void SetOverrides_ReplaceNumbersEnumsAndLists_AndTheLastOneWins()
    {
        var read = ConfigFiles.Read<RlConfig>(Repo("configs/tempact.json"),
            ["Executor.LearningRate=0.001", "Executor.SwitchMode=None", "Exploration.SwitchIndices=[2]", "Optimizer.MiniBatches=4",
             "Rewards.Probe=Brightness", "Rewards.GradedAction=true", "Executor.LearningRate=0.0003"]).Validate();
        Assert.Equal(3e-4, read.Executor.LearningRate);
        Assert.Equal(TempAct.Models.Executor.SwitchMode.None, read.Executor.SwitchMode);
        Assert.Equal([2], read.Exploration.SwitchIndices);
        Assert.Equal(4, read.Optimizer.MiniBatches);
        Assert.Equal(ProbeReward.Brightness, read.Rewards.Probe);
        Assert.True(read.Rewards.GradedAction);
        Assert.False(ConfigFiles.Read<RlConfig>(Repo("configs/tempact.json")).Rewards.GradedAction);
        // Untouched fields keep the file's values.
        Assert.Equal(2e-5, read.Planner.LearningRate);
        Assert.Equal("models/executor-ll", read.Executor.Base);
        // Without a file, the overrides apply to the defaults.
        Assert.Equal(7, ConfigFiles.Read<RlConfig>(null, ["Schedule.Epochs=7"]).Schedule.Epochs);
    }

    [Theory]
    [InlineData("Executor.LearningRate", "expected Section.Field=value")]
    [InlineData("=3", "expected Section.Field=value")]
    [InlineData("Executor..LearningRate=1", "empty name")]
    [InlineData("Seed.Value=1", "'Seed' is not a section")]
    public void AMalformedOverride_IsAnArgumentErrorNamingIt(string assignment, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => ConfigFiles.Read<RlConfig>(Repo("configs/tempact.json"), [assignment]));
        Assert.Contains(assignment, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void AnOverrideOfAnUnknownField_FailsNamingTheFieldAndTheOverride()
    {
        var e = Assert.Throws<InvalidDataException>(() => ConfigFiles.Read<RlConfig>(Repo("configs/tempact.json"), ["Executor.LearningRat=0.1"]));
        Assert.Contains("LearningRat", e.Message);
        Assert.Contains("--set Executor.LearningRat=0.1", e.Message);
    }

    [Fact]
    public void AblationNames_ParseEveryArm_AndRefuseUnknownOrRepeatedOnes()
    {
        Assert.Equal(Ablation.None, AblationNames.ParseList(""));
        Assert.Equal(Ablation.Flat | Ablation.NoKl, AblationNames.ParseList("flat, NO-KL"));
        foreach (var name in AblationNames.Known)
            Assert.Equal(name, AblationNames.Name(AblationNames.ParseList(name)));
        Assert.Equal(8, AblationNames.Known.Count);
        Assert.Contains("unknown arm 'flatt'", Assert.Throws<ArgumentException>(() => AblationNames.ParseList("flatt")).Message);
        Assert.Contains("given twice", Assert.Throws<ArgumentException>(() => AblationNames.ParseList("flat,flat")).Message);
    }

    [Fact]
    public void TheBrightnessProbe_IsTheMeanOfTheTrainedChunkOnly()
    {
        // 3 chunks of 4 values: 0s, then 1..4, then 10s.
        float[] video = [0, 0, 0, 0, 1, 2, 3, 4, 10, 10, 10, 10];
        Assert.Equal(2.5, TempAct.Training.Scoring.RewardScorer.ChunkBrightness(video, 3, 1), 12);
        Assert.Equal(0.0, TempAct.Training.Scoring.RewardScorer.ChunkBrightness(video, 3, 0), 12);
        Assert.Equal(10.0, TempAct.Training.Scoring.RewardScorer.ChunkBrightness(video, 3, 2), 12);
        Assert.Throws<ArgumentException>(() => TempAct.Training.Scoring.RewardScorer.ChunkBrightness(video, 5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TempAct.Training.Scoring.RewardScorer.ChunkBrightness(video, 3, 3));
    }
}
