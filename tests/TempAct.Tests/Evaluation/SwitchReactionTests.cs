using System.Text.Json;
using TempAct.Evaluation;
using TempAct.Evaluation.Switching;
using TempAct.Models.Executor;
using TempAct.Tests.Cli;
using TempAct.Tests.Executor;
using TempAct.World.Events;
using TempAct.World.Rendering;
using TempAct.World.Scenes;
using TempAct.World.Simulation;

namespace TempAct.Tests.Evaluation;

/// <summary>The switch-reaction measurement: the outcome of a video on ground-truth renders with step 2 on time, late,
/// early or missing; the summary on a hand table; the held-out plans; a tiny run end to end and through the CLI.</summary>
[Collection(TorchCollection.Name)]
public sealed class SwitchReactionTests
{
    private const int Frames = 24, Switch = 12, Window = 6;

    // A red circle on the left moves right (step 1), then turns blue (step 2).
    private static readonly SwitchPlan Plan = new(
        new Scene([new SceneObject(ColorName.Red, ShapeKind.Circle, SizeClass.Large, new Placement(0, 1))]),
        new WorldEvent("red circle", ActionKind.MoveRight), new WorldEvent("red circle", ActionKind.Turn, ColorName.Blue));

    private static Video Render(int secondStart) => secondStart >= Frames
        ? Renderer.Render(Plan.Scene, [new TimedEvent(Plan.First, new FrameSpan(0, Frames))], Frames)
        : Renderer.Render(Plan.Scene, [new TimedEvent(Plan.First, new FrameSpan(0, secondStart)), new TimedEvent(Plan.Second, new FrameSpan(secondStart, Frames))], Frames);

    [Fact]
    public void Outcome_TimesStepTwoFromTheSwitch()
    {
        var onTime = SwitchOutcome.Of(Render(Switch), Plan, Switch, Window);
        Assert.True(onTime.FirstShown && onTime.Reacted && onTime.AfterSwitch);
        Assert.InRange(onTime.Delay!.Value, 0, 1);

        var late = SwitchOutcome.Of(Render(Switch + 9), Plan, Switch, Window); // 3 chunks after the switch: outside the window
        Assert.True(late.FirstShown && late.AfterSwitch);
        Assert.False(late.Reacted);
        Assert.InRange(late.Delay!.Value, 8, 10);

        var early = SwitchOutcome.Of(Render(Switch - 6), Plan, Switch, Window); // the turn starts before its prompt does
        Assert.False(early.Reacted || early.AfterSwitch);

        var never = SwitchOutcome.Of(Render(Frames), Plan, Switch, Window);
        Assert.True(never.FirstShown);
        Assert.False(never.Reacted || never.AfterSwitch);
        Assert.Null(never.Delay);
    }

    [Fact]
    public void ModeReaction_SummarisesOverPlans()
    {
        SwitchOutcome O(bool reacted, int? delay) => new(true, reacted, delay is not null, delay, 0.5);
        // Plan 0: one of two reacts (delay 2), the other starts late (delay 9); plan 1: neither starts step 2.
        var summary = ModeReaction.Of(SwitchMode.Recache, [[O(true, 2), O(false, 9)], [O(false, null), O(false, null)]]);
        Assert.Equal(0.25, summary.Reaction.Mean, 12);       // (1/2 + 0/2) / 2
        Assert.Equal(0.5, summary.ZeroGroups, 12);           // plan 1 has no success
        Assert.Equal(0.5, summary.AfterSwitch.Mean, 12);     // (2/2 + 0/2) / 2
        Assert.Equal(5.5, summary.Delay.Mean, 12);           // (2 + 9) / 2
        Assert.Equal([1, 0], summary.Successes);
        Assert.Equal("recache", summary.Name);
    }

    [Fact]
    public void HeldOutPlans_AreTwoVisibleDifferentFeasibleEvents_AndAStablePrefix()
    {
        var plans = SwitchPlan.HeldOut(1, 60);
        Assert.All(plans, p =>
        {
            Assert.NotEqual(ActionKind.Stay, p.First.Action);
            Assert.NotEqual(ActionKind.Stay, p.Second.Action);
            Assert.NotEqual(p.FirstPrompt, p.SecondPrompt);
            Assert.Null(WorldSimulator.Check(p.Scene, [p.First, p.Second]));
        });
        Assert.Equal(plans.Take(10), SwitchPlan.HeldOut(1, 10));
        Assert.NotEqual(plans.Take(10), SwitchPlan.HeldOut(2, 10));
    }

    [Fact]
    public void TinyRun_MeasuresBothModes_Repeatably()
    {
        var options = new ExecutorQualityOptions { SingleCount = 0, MultiCount = 0, SwitchPlans = 2, SwitchContinuations = 3, BatchSize = 4, Seed = 3 };
        using var model = ExecutorFixtures.Perturbed(ExecutorFixtures.Tiny(), 12);
        int videos = 0;
        var report = ExecutorQuality.Measure(model, [], options, n => videos += n);
        Assert.Equal(2 * 3 * 2, videos);
        Assert.Equal(ExecutorQuality.Work(options, 0), videos);
        var sw = report.Switch!;
        Assert.Equal(["none", "recache"], sw.Modes.Select(m => m.Name));
        Assert.All(sw.Modes, m =>
        {
            Assert.Equal(2, m.Successes.Count);
            Assert.All(m.Successes, s => Assert.InRange(s, 0, 3));
            Assert.InRange(m.FrameQuality.Mean, 0, 1);
            Assert.Equal(2, m.Reaction.N);
        });
        var again = ExecutorQuality.Measure(model, [], options).Switch!;
        Assert.Equal(sw.Modes.Select(m => (m.Successes.Sum(), m.FrameQuality.Mean)), again.Modes.Select(m => (m.Successes.Sum(), m.FrameQuality.Mean)));
        Assert.Contains("| recache |", report.ToMarkdown());
        using var json = JsonDocument.Parse(report.ToJson());
        Assert.Equal(2, json.RootElement.GetProperty("switch_reaction").GetProperty("modes").GetProperty("none").GetProperty("successes_per_plan").GetArrayLength());
    }

    [Fact]
    public void MeasureCommand_RunsTheSwitchReaction_AndRefusesNothingToMeasure()
    {
        string root = Path.Combine(Path.GetTempPath(), "tempact-cli-switch-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            string modelDir = Path.Combine(root, "model");
            using (var model = ExecutorFixtures.Perturbed(ExecutorFixtures.Tiny(), 4)) ExecutorCheckpoint.Save(model, modelDir);
            var (code, stdout, stderr) = CliRunner.Run("measure", "executor", "--model", modelDir, "--single", "0", "--multi", "0",
                "--switch-reaction", "--plans", "1", "-k", "2", "--out", Path.Combine(root, "out"), "--json");
            Assert.True(code == 0, stderr);
            using var json = JsonDocument.Parse(stdout);
            Assert.Equal(1, json.RootElement.GetProperty("switch_reaction").GetProperty("plans").GetInt32());
            Assert.Equal(2, json.RootElement.GetProperty("switch_reaction").GetProperty("continuations").GetInt32());

            var nothing = CliRunner.Run("measure", "executor", "--model", modelDir, "--single", "0", "--multi", "0");
            Assert.Equal(2, nothing.Code);
            Assert.Contains("nothing to measure", nothing.Stderr);
        }
        finally { if (Directory.Exists(root)) Directory.Delete(root, recursive: true); }
    }
}
