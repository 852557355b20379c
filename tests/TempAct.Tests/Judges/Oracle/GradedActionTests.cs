using TempAct.Judges;
using TempAct.Judges.Oracle;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;
using TempAct.World.Rendering;
using TempAct.World.Scenes;
using TempAct.World.Simulation;
using Xunit.Abstractions;

namespace TempAct.Tests.Judges.Oracle;

/// <summary><see cref="OracleOptions.GradedAction"/>: partial action credit for an undetected action, nothing else changed.</summary>
public sealed class GradedActionTests(ITestOutputHelper output)
{
    private static readonly OracleStepJudge Plain = new();
    private static readonly OracleStepJudge Graded = new(OracleOptions.Default with { GradedAction = true });

    /// <summary>The window [12, 18): the step that begins at the switch at frame 12, ending the video.</summary>
    private static readonly FrameSpan Window = new(12, 18);

    /// <summary>The tracker measures centroids, radii and colour shares of anti-aliased, rendered shapes: a few hundredths
    /// of a cell or of a share, not float rounding.</summary>
    private const double Measurement = 0.02;

    /// <summary>
    /// The judge scenario's scene (a large red circle on the left, a small green square at the top right) held still for
    /// frames 0–11; from frame 12 <paramref name="ev"/> runs at a pace of <paramref name="active"/> frames an action, so at
    /// the last frame (17) it is 6 / <paramref name="active"/> done (half at 12). The video ends there.
    /// </summary>
    private static Video HalfDone(WorldEvent ev, int active = 12)
    {
        var scene = JudgeScenarios.Instruction.Scene;
        var states = new ObjectState[18][];
        for (int f = 0; f < states.Length; f++)
        {
            var s = WorldSimulator.Initial(scene);
            int i = scene.IndexOf(ev.Subject);
            if (f >= 12) s[i] = WorldSimulator.Partial(s[i], ev, f - 11, active);
            states[f] = s;
        }
        return Renderer.RenderStates(states);
    }

    private static WorldEvent Circle(ActionKind action, ColorName? target = null) =>
        new(JudgeScenarios.Instruction.Events[0].Subject, action, target);

    /// <summary>The tracker counts a net shift of 5 px (half a cell) as a move, so a half-way move is a detected event
    /// under its defaults; with its move threshold raised to 6 px the same video has no event and earns partial credit.</summary>
    private static readonly OracleStepJudge GradedStrictMoves =
        new(OracleOptions.Default with { GradedAction = true, Tracker = TempAct.World.Tracking.TrackerOptions.Default with { MoveDistance = 6 } });

    [Fact]
    public void HalfWayMove_NoEventDetected_EarnsCapTimesHalf()
    {
        var ev = Circle(ActionKind.MoveRight);
        var video = HalfDone(ev);
        string prompt = StepPrompt.Canonical(ev);
        var plain = new OracleStepJudge(OracleOptions.Default with { Tracker = TempAct.World.Tracking.TrackerOptions.Default with { MoveDistance = 6 } }).Score(video, Window, prompt);
        var graded = GradedStrictMoves.Score(video, Window, prompt);
        output.WriteLine($"moved {WorldGeometry.MoveDistance / 2} px of {WorldGeometry.MoveDistance}: plain {plain}; graded {graded}");
        Assert.Equal(0, plain[SubScoreNames.Action]);
        Assert.Equal(0, graded[SubScoreNames.ActionEvent]);
        // Progress 5 / 10 = 0.5; credit 0.5 (the cap) × 0.5 = 0.25.
        Assert.InRange(graded[SubScoreNames.Action], 0.25 - Measurement, 0.25 + Measurement);
        // Only the action sub-score moved: the total rises by its weight (0.2) times the credit.
        Assert.Equal(plain.Total + 0.2 * graded[SubScoreNames.Action], graded.Total, 12);
        foreach (var name in SubScoreNames.Step.Where(n => n != SubScoreNames.Action)) Assert.Equal(plain[name], graded[name]);
    }

    [Fact]
    public void FourPixelMove_UnderTheDefaultTracker_EarnsCapTimesFourTenths()
    {
        // 6 of 15 frames of a move: 4 px, below the tracker's 5 px move threshold. Progress 0.4, credit 0.5 × 0.4 = 0.2.
        var ev = Circle(ActionKind.MoveRight);
        var video = HalfDone(ev, 15);
        string prompt = StepPrompt.Canonical(ev);
        var plain = Plain.Score(video, Window, prompt);
        var graded = Graded.Score(video, Window, prompt);
        output.WriteLine($"moved 4 px: plain {plain}; graded {graded}");
        Assert.Equal(0, plain[SubScoreNames.Action]);
        Assert.Equal(0, graded[SubScoreNames.ActionEvent]);
        Assert.InRange(graded[SubScoreNames.Action], 0.2 - Measurement, 0.2 + Measurement);
    }

    [Fact]
    public void HalfWayMove_UnderTheDefaultTracker_IsADetectedEvent_AndScoresAsWithoutTheOption()
    {
        var ev = Circle(ActionKind.MoveRight);
        var video = HalfDone(ev);
        string prompt = StepPrompt.Canonical(ev);
        var plain = Plain.Score(video, Window, prompt);
        var graded = Graded.Score(video, Window, prompt);
        Assert.Equal(1, graded[SubScoreNames.ActionEvent]);
        Assert.Equal(1, plain[SubScoreNames.Action]);
        foreach (var sub in SubScoreNames.Step) Assert.Equal(plain[sub], graded[sub]);
    }

    [Fact]
    public void HalfWayMoveTheOtherWay_EarnsNothing()
    {
        // The circle moves right half a cell while the step asks for a move left: negative progress clamps to 0.
        var video = HalfDone(Circle(ActionKind.MoveRight));
        var graded = Graded.Score(video, Window, StepPrompt.Canonical(Circle(ActionKind.MoveLeft)));
        Assert.Equal(0, graded[SubScoreNames.Action]);
    }

    [Fact]
    public void HalfWayTurn_EarnsCapTimesTheTargetShare()
    {
        // The top-down wipe covers half the circle's height at frame 17: half its area shows blue.
        var ev = Circle(ActionKind.Turn, ColorName.Blue);
        var video = HalfDone(ev);
        string prompt = StepPrompt.Canonical(ev);
        var plain = Plain.Score(video, Window, prompt);
        var graded = Graded.Score(video, Window, prompt);
        output.WriteLine($"half-way turn: plain {plain}; graded {graded}");
        Assert.Equal(0, plain[SubScoreNames.Action]);
        Assert.Equal(0, graded[SubScoreNames.ActionEvent]);
        Assert.InRange(graded[SubScoreNames.Action], 0.25 - Measurement, 0.25 + Measurement);
    }

    public static TheoryData<string> Videos => new() { "ground truth", "wrong order", "missing event", "blended", "delayed", "half-way move", "half-way turn" };

    private static (Video Video, FrameSpan Window, string Prompt) Case(string name) => name switch
    {
        "half-way move" => (HalfDone(Circle(ActionKind.MoveRight)), Window, StepPrompt.Canonical(Circle(ActionKind.MoveRight))),
        "half-way turn" => (HalfDone(Circle(ActionKind.Turn, ColorName.Blue)), Window, StepPrompt.Canonical(Circle(ActionKind.Turn, ColorName.Blue))),
        _ => (name switch
        {
            "ground truth" => JudgeScenarios.GroundTruth(),
            "wrong order" => JudgeScenarios.WrongOrder(),
            "missing event" => JudgeScenarios.MissingEvent(),
            "delayed" => Delayed(),
            _ => JudgeScenarios.Blended(),
        }, JudgeScenarios.StepWindow(JudgeScenarios.Instruction, JudgeScenarios.Frames, 1), "red circle turns blue"),
    };

    [Theory]
    [MemberData(nameof(Videos))]
    public void OptionOff_ScoresExactlyAsTheDefaultJudge(string name)
    {
        var (video, window, prompt) = Case(name);
        var today = Plain.Score(video, window, prompt);
        var off = new OracleStepJudge(OracleOptions.Default with { GradedAction = false, GradedActionCap = 0.9 }).Score(video, window, prompt);
        Assert.Equal(today.Total, off.Total);
        Assert.Equal(today.SubScores.OrderBy(p => p.Key), off.SubScores.OrderBy(p => p.Key));
        Assert.False(off.SubScores.ContainsKey(SubScoreNames.ActionEvent));
    }

    /// <summary>The turn starts 8 frames after the switch at frame 12: detected, with reduced timeliness.</summary>
    private static Video Delayed()
    {
        var e = JudgeScenarios.Instruction.Events;
        return JudgeScenarios.RenderOverlapping(JudgeScenarios.Instruction.Scene, [(e[0], 0, 5), (e[1], 20, 3), (e[2], 24, 5)], JudgeScenarios.Frames);
    }

    [Theory]
    [InlineData("ground truth")]
    [InlineData("delayed")]
    public void DetectedEvent_ScoresAsWithoutTheOption(string name)
    {
        var (video, window, prompt) = Case(name);
        var plain = Plain.Score(video, window, prompt);
        var graded = Graded.Score(video, window, prompt);
        output.WriteLine($"{name}: plain {plain}; graded {graded}");
        Assert.True(plain[SubScoreNames.Action] > 0, plain.ToString());
        Assert.Equal(1, graded[SubScoreNames.ActionEvent]);
        Assert.Equal(plain.Total, graded.Total);
        foreach (var sub in SubScoreNames.Step) Assert.Equal(plain[sub], graded[sub]);
    }

    [Fact]
    public void StayStep_CarriesNoEventFlag_AndScoresAsWithoutTheOption()
    {
        var video = JudgeScenarios.MissingEvent();
        var window = JudgeScenarios.StepWindow(JudgeScenarios.Instruction, JudgeScenarios.Frames, 1);
        string prompt = StepPrompt.Canonical(Circle(ActionKind.Stay));
        var plain = Plain.Score(video, window, prompt);
        var graded = Graded.Score(video, window, prompt);
        Assert.Equal(plain.SubScores.OrderBy(p => p.Key), graded.SubScores.OrderBy(p => p.Key));
    }
}
