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
