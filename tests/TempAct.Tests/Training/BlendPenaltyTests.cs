using System.Text.Json.Nodes;
using TempAct.Cli;
using TempAct.Training;
using TempAct.Training.Config;
using TempAct.Tests.Cli;
using static TorchSharp.torch;

namespace TempAct.Tests.Training;

/// <summary><see cref="RewardConfig.BlendPenalty"/> end to end: one epoch of the smallest real run, R_exec against its
/// parts in the logged metrics.</summary>
[Collection(TorchCollection.Name)]
public sealed class BlendPenaltyTests
{
    private static RlConfig Config(double penalty)
    {
        var c = ConfigFiles.Read<RlConfig>(Path.Combine(CliRunner.RepoRoot(), "configs/tempact-tiny.json"));
        return c with
        {
            Exploration = c.Exploration with { Instructions = 1 },
            Instructions = c.Instructions with { ChunksPerEvent = 1 },
            Rewards = c.Rewards with { BlendPenalty = penalty },
            Schedule = c.Schedule with { Epochs = 1, EvalEvery = 100, EvalInstructions = 1, CheckpointEvery = 1 },
        };
    }

    private static JsonObject Epoch(RlConfig config)
    {
        string dir = TrainingRuns.TempDir("blend");
        try
        {
            using var models = RlModels.Load(config, f => Path.Combine(CliRunner.RepoRoot(), f), CPU);
            new RlTrainer(config, models, dir, CPU, []).Run(false);
            return JsonNode.Parse(File.ReadLines(Path.Combine(dir, "metrics.jsonl")).Single())!.AsObject();
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>A metrics.jsonl number; NaN is written as the string "NaN".</summary>
    private static double Number(JsonObject row, string name) =>
        row[name] is JsonValue v && v.TryGetValue(out double d) ? d
        : double.Parse(row[name]?.GetValue<string>() ?? throw new KeyNotFoundException(name), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void RExecIsTheReleasedMixMinusLambdaTimesBlend_AndBlendIsMeasuredOnlyWithAPenalty()
    {
        var weights = Config(0).EffectiveWeights;
        var plain = Epoch(Config(0));
        Assert.True(double.IsNaN(Number(plain, "blend")), "no penalty: blend is not measured");
        double mix = weights.ExecLocal * Number(plain, "s_local") + weights.ExecAesthetic * Number(plain, "s_aes");
        Assert.Equal(mix, Number(plain, "r_exec"), 1e-9);

        const double lambda = 0.5;
        var penalised = Epoch(Config(lambda));
        double blend = Number(penalised, "blend");
        Assert.InRange(blend, 0, 1);
        // The same seed draws the same plans and videos: the judges' scores are unchanged, only R_exec moves.
        Assert.Equal(Number(plain, "s_local"), Number(penalised, "s_local"), 1e-12);
        Assert.Equal(Number(plain, "s_aes"), Number(penalised, "s_aes"), 1e-12);
        Assert.Equal(mix - lambda * blend, Number(penalised, "r_exec"), 1e-9);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(11)]
    public void ABlendPenaltyOutsideItsRange_IsRefusedByName(double penalty)
    {
        var e = Assert.Throws<ArgumentException>(() => Config(penalty).Validate());
        Assert.Contains("Rewards.BlendPenalty", e.Message);
    }
}

/// <summary><see cref="TempAct.Training.Scoring.RewardScorer"/> with a blend penalty, on two rendered continuations of one plan: one whose
/// switch is on time, one whose move runs on across it.</summary>
[Collection(TorchCollection.Name)]
public sealed class BlendPenaltyScorerTests
{
    /// <summary>Every clip scores the same: the aesthetic term is a constant here.</summary>
    private sealed class FlatAesthetic : TempAct.Judges.IAestheticScorer
    {
        public Task<IReadOnlyList<TempAct.Judges.JudgeScore>> ScoreAsync(IReadOnlyList<TempAct.World.Rendering.Video> clips, CancellationToken cancellation = default) =>
            Task.FromResult<IReadOnlyList<TempAct.Judges.JudgeScore>>([.. clips.Select(_ => new TempAct.Judges.JudgeScore(0.5, new Dictionary<string, double>()))]);
    }

    private static TempAct.Training.Scoring.EpochRewards Score(double penalty)
    {
        var instruction = TempAct.Tests.Judges.JudgeScenarios.Instruction;
        // The teacher's plan switches at frame 12 (chunk 4), where the turn follows the move: b = 4, window [12, 18).
        var plan = TempAct.Tests.Judges.JudgeScenarios.TeacherPlan(instruction, TempAct.Tests.Judges.JudgeScenarios.Frames);
        var sample = new TempAct.Models.Planner.PlanSample([], [], [], "", new TempAct.World.Plans.PlanParseResult(plan, 1.0, []));
        var rollout = new TempAct.Training.Exploration.PlanRollout(0, 0, 0, instruction, sample, plan, TempAct.Models.Executor.VideoGenerator.ChunkPrompts(plan, false), 4, null);
        float[][] videos = [TempAct.Tests.Judges.JudgeScenarios.GroundTruth().Data, TempAct.Tests.Judges.JudgeScenarios.Blended().Data];
        using var scope = NewDisposeScope();
        var trajectory = new TempAct.Models.Executor.ChunkTrajectory([zeros(2)], [zeros(2)], [], [1.0]);
        using var group = new TempAct.Training.Exploration.ExecutionGroup([rollout], 2, zeros(1), trajectory, videos);
        using var rollouts = new TempAct.Training.Exploration.EpochRollouts(0, 0, [instruction], [rollout], [], [group]);
        var weights = TempAct.Judges.Rewards.RewardWeights.Default;
        return TempAct.Training.Scoring.RewardScorer.Oracle(weights, new FlatAesthetic(), windowChunks: 2, blendPenalty: penalty)
            .Score(rollouts, TempAct.World.Scenes.WorldGeometry.Canvas);
    }

    [Fact]
    public void TheContinuationWhoseMoveRunsAcrossTheSwitch_LosesLambdaTimesItsBlend()
    {
        Assert.Equal(4, TempAct.Tests.Judges.JudgeScenarios.TeacherPlan(TempAct.Tests.Judges.JudgeScenarios.Instruction, 36).Steps[1].Chunks.First);
        var plain = Score(0).Continuations[0];
        var penalised = Score(0.5).Continuations[0];
        Assert.All(plain, c => Assert.True(double.IsNaN(c.Blend)));
        Assert.Equal(0.0, penalised[0].Blend, 12);                       // on time: nothing under way across the switch
        Assert.InRange(penalised[1].Blend, 0.5 - 1e-9, 5.0 / 6 + 1e-9);  // the move runs over frames 12–15 of [12, 18)
        Assert.Equal(plain[0].RExec, penalised[0].RExec, 12);
        Assert.Equal(plain[1].RExec - 0.5 * penalised[1].Blend, penalised[1].RExec, 12);
        Assert.Equal(plain[1].SLocal, penalised[1].SLocal, 12);
    }
}
