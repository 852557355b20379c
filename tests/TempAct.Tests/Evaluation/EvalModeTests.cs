using System.Text.Json;
using TempAct.Evaluation.Eval;
using TempAct.Evaluation.Metrics;
using TempAct.Models.Checkpoints;
using TempAct.Models.Executor;
using TempAct.Tests.Judges;
using TempAct.Training.Checkpoints;
using TempAct.Training.Config;
using TempAct.World.Plans;

namespace TempAct.Tests.Evaluation;

/// <summary>The modes of `eval`: names of the ablation arms and the switch suffixes, the errors for unknown ones, what an
/// arm does to a hand-built plan, where an arm's weights are and what its manifest must say, and results.json with an arm
/// column.</summary>
public sealed class EvalModeTests
{
    [Fact]
    public void Names_CoverEveryAblationArm_InKebabCase()
    {
        Assert.Equal(["single", "step", "tempact", "flat", "planner-frozen", "executor-frozen", "no-kl", "no-aesthetic", "uniform-spans",
            "look-ahead", "shuffled-advantages"], EvalMode.Known.Select(m => m.Name));
        Assert.Equal(Ablation.NoKl, EvalMode.Parse("no-kl").Arm);
        Assert.Equal(Ablation.UniformSpans, EvalMode.Parse(" Uniform-Spans ").Arm);
        Assert.Equal(EvalMode.TempAct, EvalMode.Parse("tempact"));
        Assert.Same(EvalMode.Of(Ablation.Flat), EvalMode.Parse("flat"));
        Assert.All(EvalMode.Arms, m => Assert.True(m.Trained && m.Plans));
        Assert.False(EvalMode.Single.Plans);
        Assert.False(EvalMode.Step.Trained);
    }

    [Fact]
    public void ParseList_TakesArmsAndSwitchSuffixes_InOrder()
    {
        var modes = EvalMode.ParseList("single,step,tempact,tempact-recache,flat,no-kl-recache,step-none");
        Assert.Equal(["single", "step", "tempact", "tempact-recache", "flat", "no-kl-recache", "step-none"], modes.Select(m => m.Name));
        Assert.Equal(SwitchMode.Recache, modes[3].FixedSwitch);
        Assert.Equal("tempact", modes[3].Base);
        Assert.Equal(Ablation.NoKl, modes[5].Arm);
        // The switch a mode's videos are made with: single never switches, a suffix wins over --switch.
        Assert.Equal(SwitchMode.None, EvalMode.Single.SwitchIn(SwitchMode.Recache));
        Assert.Equal(SwitchMode.Recache, EvalMode.TempAct.SwitchIn(SwitchMode.Recache));
        Assert.Equal(SwitchMode.None, EvalMode.TempAct.SwitchIn(SwitchMode.None));
        Assert.Equal(SwitchMode.Recache, modes[3].SwitchIn(SwitchMode.None));
        Assert.Equal(SwitchMode.None, modes[6].SwitchIn(SwitchMode.Recache));
    }

    [Theory]
    [InlineData("single,flatt", "unknown mode 'flatt'")]
    [InlineData("nokl", "unknown mode 'nokl'")]
    [InlineData("single-recache", "single never switches")]
    [InlineData("flat,flat", "'flat' is given twice")]
    [InlineData("tempact,TEMPACT", "given twice")]
    [InlineData(",", "no mode given")]
    public void ParseList_BadNames_AreClearErrors(string list, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => EvalMode.ParseList(list));
        Assert.Contains(message, e.Message);
        if (message.StartsWith("unknown", StringComparison.Ordinal))
            Assert.Contains("known: single, step, tempact, flat, planner-frozen, executor-frozen, no-kl, no-aesthetic, uniform-spans, look-ahead", e.Message);
    }

    [Fact]
    public void NoiseKeys_KeepSingleStepTempAct_AndShareTempActsAmongTrainedModes()
    {
        // 0, 1, 2 are what single, step and tempact always drew with (the enum's values before arms existed).
        Assert.Equal(0, EvalMode.Single.NoiseKey);
        Assert.Equal(1, EvalMode.Step.NoiseKey);
        Assert.Equal(1, EvalMode.Parse("step-recache").NoiseKey);
        Assert.All(EvalMode.Arms.Append(EvalMode.Parse("tempact-recache")), m => Assert.Equal(2, m.NoiseKey));
    }

    /// <summary>A plan with uneven spans: 2, 7 and 3 of 12 chunks.</summary>
    private static StepPlan Uneven() => new(
    [
        new PlanStep(0, "red circle moves right", new ChunkSpan(0, 2)),
        new PlanStep(1, "red circle turns blue", new ChunkSpan(2, 9)),
        new PlanStep(2, "blue circle jumps", new ChunkSpan(9, 12)),
    ], 12);

    [Fact]
    public void UniformSpansArm_KeepsThePrompts_AndSpreadsTheSpans_OthersKeepThePlan()
    {
        var plan = Uneven();
        var executed = EvalMode.Parse("uniform-spans").Executed(plan, 12);
        Assert.Equal(plan.Steps.Select(s => s.Prompt), executed.Steps.Select(s => s.Prompt));
        Assert.Equal([(0, 4), (4, 8), (8, 12)], executed.Steps.Select(s => (s.Chunks.First, s.Chunks.End)));
        // 13 chunks: the earlier steps take the remainder, as StepPlan.Uniform (the trainer's call) does.
        var longer = new StepPlan([new PlanStep(0, "a", new ChunkSpan(0, 1)), new PlanStep(1, "b", new ChunkSpan(1, 13))], 13);
        Assert.Equal([(0, 7), (7, 13)], EvalMode.Parse("uniform-spans-recache").Executed(longer, 13).Steps.Select(s => (s.Chunks.First, s.Chunks.End)));
        foreach (var name in new[] { "step", "tempact", "flat", "look-ahead", "no-kl" })
            Assert.Same(plan, EvalMode.Parse(name).Executed(plan, 12));
    }

    [Fact]
    public void LookAhead_ChunkPrompts_JoinEachStepWithTheNext()
    {
        var prompts = VideoGenerator.ChunkPrompts(Uneven(), lookAhead: true);
        Assert.Equal(12, prompts.Length);
        Assert.All(prompts.Take(2), p => Assert.Equal("red circle moves right ; red circle turns blue", p));
        Assert.All(prompts.Skip(2).Take(7), p => Assert.Equal("red circle turns blue ; blue circle jumps", p));
        Assert.All(prompts.Skip(9), p => Assert.Equal("blue circle jumps", p));
    }

    [Fact]
    public void Weights_ArmFolderIsNamedLikeTheMode_AndErrorsNameIt()
    {
        Assert.Null(EvalWeights.FolderOf(EvalMode.Step, "models/tempact", "arms"));
        Assert.Equal("models/tempact", EvalWeights.FolderOf(EvalMode.Parse("tempact-recache"), "models/tempact", "arms"));
        Assert.Equal(Path.Combine("arms", "no-aesthetic"), EvalWeights.FolderOf(EvalMode.Parse("no-aesthetic-recache"), "models/tempact", "arms"));
        var missing = EvalWeights.Missing(EvalMode.Parse("flat"), "arms/flat", "--arms arms");
        Assert.Contains("no weights for the flat arm: arms/flat holds no tempact.json", missing.Message);
        Assert.Contains("leave flat out of --modes", missing.Message);

        var trainedRecache = new TempActManifest { SwitchMode = SwitchMode.Recache };
        Assert.Null(EvalWeights.Check(EvalMode.Parse("flat"), "arms/flat", trainedRecache, SwitchMode.Recache));
        Assert.Null(EvalWeights.Check(EvalMode.Parse("flat-recache"), "arms/flat", trainedRecache, SwitchMode.None));
        var notice = EvalWeights.Check(EvalMode.Parse("flat"), "arms/flat", trainedRecache, SwitchMode.None);
        Assert.Contains("trained with switch recache and runs with none", notice);
        Assert.Contains("flat-recache runs it as trained", notice);
        // The look-ahead arm's folder must say it was trained with look-ahead prompts.
        var e = Assert.Throws<CheckpointException>(() => EvalWeights.Check(EvalMode.Parse("look-ahead"), "arms/look-ahead", trainedRecache, SwitchMode.Recache));
        Assert.Contains("LookAhead is false", e.Message);
        Assert.Null(EvalWeights.Check(EvalMode.Parse("look-ahead"), "arms/look-ahead", trainedRecache with { LookAhead = true }, SwitchMode.Recache));
        // A folder that records its arms must be the mode's arm; one that records none (older folders) is taken.
        Assert.Null(EvalWeights.Check(EvalMode.Parse("no-kl"), "arms/no-kl", trainedRecache with { Ablations = ["no-kl"] }, SwitchMode.Recache));
        Assert.Null(EvalWeights.Check(EvalMode.Parse("tempact"), "models/tempact", trainedRecache, SwitchMode.Recache));
        var wrongArm = Assert.Throws<CheckpointException>(() =>
            EvalWeights.Check(EvalMode.Parse("flat"), "arms/flat", trainedRecache with { Ablations = ["no-kl"] }, SwitchMode.Recache));
        Assert.Contains("trained with ablations [no-kl], but the flat mode needs [flat]", wrongArm.Message);
        var notFull = Assert.Throws<CheckpointException>(() =>
            EvalWeights.Check(EvalMode.Parse("tempact"), "runs/x/model", trainedRecache with { Ablations = ["shuffled-advantages"] }, SwitchMode.Recache));
        Assert.Contains("needs the full method", notFull.Message);
    }

    [Fact]
    public void ResultsJson_HasAColumnAnArm_WithItsSwitchAndExecution()
    {
        var video = JudgeScenarios.GroundTruth();
        var tracking = TempAct.World.Tracking.Tracker.Track(video);
        var scores = new VideoScores(TemporalMetrics.Measure(video, tracking, JudgeScenarios.Instruction,
            TempAct.World.Events.EventTiming.Assign(JudgeScenarios.Instruction.Events, JudgeScenarios.Frames)), 0.5, 1.0);
        var modes = EvalMode.ParseList("single,tempact,tempact-recache,uniform-spans,look-ahead");
        var results = modes.Select(m => ModeResult.Of(m, [scores, scores], 0) with
        {
            Switch = m.SwitchIn(SwitchMode.None), LookAhead = m.Arm == Ablation.LookAhead,
        }).ToList();
        var report = new EvalReport("tiny", SwitchMode.None, 2, results, [], 3.0) { Phases = [("planning", 1.0), ("generation", 2.0)] };
        using var doc = JsonDocument.Parse(report.ToJson());
        var root = doc.RootElement;
        Assert.Equal(["single", "tempact", "tempact-recache", "uniform-spans", "look-ahead"], root.GetProperty("modes").EnumerateObject().Select(p => p.Name));
        var arm = root.GetProperty("modes").GetProperty("uniform-spans");
        Assert.Equal(2, arm.GetProperty("n").GetInt32());
        Assert.Equal(scores.Temporal.SVideo, arm.GetProperty("tfs").GetProperty("mean").GetDouble(), 12);
        Assert.True(arm.GetProperty("uniform_spans").GetBoolean());
        Assert.False(arm.GetProperty("look_ahead").GetBoolean());
        Assert.Equal("none", arm.GetProperty("switch").GetString());
        Assert.Equal("recache", root.GetProperty("modes").GetProperty("tempact-recache").GetProperty("switch").GetString());
        Assert.True(root.GetProperty("modes").GetProperty("look-ahead").GetProperty("look_ahead").GetBoolean());
        Assert.Equal("none", root.GetProperty("switch").GetString());
        Assert.Equal(2.0, root.GetProperty("phase_seconds").GetProperty("generation").GetDouble());
        string md = report.ToMarkdown();
        Assert.Contains("| metric | single | tempact | tempact-recache | uniform-spans | look-ahead |", md);
        Assert.Contains("| switch | none | none | recache | none | none |", md);
    }
}
