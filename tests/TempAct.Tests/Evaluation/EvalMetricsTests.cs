using TempAct.Evaluation.Metrics;
using TempAct.Tests.Judges;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Rendering;
using TempAct.World.Scenes;
using TempAct.World.Simulation;
using TempAct.World.Tracking;

namespace TempAct.Tests.Evaluation;

/// <summary>The eval metrics on constructed videos with known delays, blends and identity changes, against hand-computed
/// values.</summary>
public sealed class EvalMetricsTests
{
    private const int Frames = 24;

    /// <summary>One large red circle on the left that (as the instruction says) only stays.</summary>
    private static readonly Instruction Still = InstructionParser.Parse("A large red circle rests on the left. It stays put.");

    /// <summary>24 frames of the still circle; from frame 12 on, <paramref name="change"/> applied to it.</summary>
    private static Video Swapped(Func<ObjectState, ObjectState> change) => Renderer.RenderStates(Enumerable.Range(0, Frames)
        .Select(f => WorldSimulator.Initial(Still.Scene).Select(s => f < 12 ? s : change(s)).ToArray()).ToArray());

    [Fact]
    public void Identity_GroundTruthWithItsTurn_IsConsistent()
    {
        // The circle moves, turns blue (as the instruction says) and jumps; the green square stays: every checked frame fits.
        var video = JudgeScenarios.GroundTruth();
        Assert.Equal(1.0, IdentityConsistency.Of(Tracker.Track(video), JudgeScenarios.Instruction.Events));
    }

    [Fact]
    public void Identity_TheSameTurnWithoutTheEvent_IsInconsistentAfterIt()
    {
        // Without the turn in the instruction, blue is not a colour the circle may take: the frames after the turn count
        // against it. Tracked frames outside the track's own changes: the check is consistent frames / checked frames.
        var video = JudgeScenarios.GroundTruth();
        var tracking = Tracker.Track(video);
        var noTurn = JudgeScenarios.Instruction.Events.Where(e => e.Action != ActionKind.Turn).ToList();
        Assert.Equal(2, tracking.Tracks.Count);
        var circle = tracking.FindTrack("red circle")!;
        var changes = tracking.Events.Where(e => e.TrackId == circle.Id).ToList();
        var turn = changes.Single(e => e.Action == ActionKind.Turn);
        bool Checked(int t) => circle.At(t) is { Visible: true } && !changes.Any(e => e.Onset <= t && t <= e.End);
        int circleChecked = Enumerable.Range(0, tracking.FrameCount).Count(Checked);
        int circleBlue = Enumerable.Range(turn.End + 1, tracking.FrameCount - turn.End - 1).Count(Checked);
        int squareChecked = Enumerable.Range(0, tracking.FrameCount).Count(t => tracking.FindTrack("green square")!.At(t) is { Visible: true });
        Assert.True(circleBlue > 0);
        double expected = (double)(circleChecked - circleBlue + squareChecked) / (circleChecked + squareChecked);
        Assert.Equal(expected, IdentityConsistency.Of(tracking, noTurn)!.Value, 9);
        Assert.True(expected < 1);
    }

    [Fact]
    public void Identity_ShapeSwapMidway_HalfTheFramesFit()
    {
        // Frames 0–11 a red circle, 12–23 a red square in the same place: the reference shape is the circle (its first
        // five frames), so 12 of the 24 checked frames fit.
        var tracking = Tracker.Track(Swapped(s => s with { Shape = ShapeKind.Square }));
        Assert.Single(tracking.Tracks);
        Assert.Empty(tracking.Events);
        Assert.Equal(12.0 / 24, IdentityConsistency.Of(tracking, Still.Events)!.Value, 9);
    }

    [Fact]
    public void Identity_ColourChangeByATurnEvent_IsConsistent_WithoutIt_IsNot()
    {
        // Frames 12–23 blue: with "it turns blue" in the instruction every frame fits; with only a stay, the blue frames
        // outside the detected change do not.
        var video = Swapped(s => s with { Color = ColorName.Blue });
        var tracking = Tracker.Track(video);
        var turn = tracking.Events.Single();
        Assert.Equal(ActionKind.Turn, turn.Action);
        var turned = InstructionParser.Parse("A large red circle rests on the left. It turns blue.");
        Assert.Equal(1.0, IdentityConsistency.Of(tracking, turned.Events));
        int changeFrames = turn.End - turn.Onset + 1, blueOutside = Frames - 1 - turn.End;
        Assert.Equal((double)(Frames - changeFrames - blueOutside) / (Frames - changeFrames), IdentityConsistency.Of(tracking, Still.Events)!.Value, 9);
    }

    [Fact]
    public void Identity_NothingVisible_IsUndefined()
    {
        var video = Renderer.RenderStates(Enumerable.Range(0, 6).Select(_ => WorldSimulator.Initial(Still.Scene).Select(s => s with { Alpha = 0 }).ToArray()).ToArray());
        Assert.Null(IdentityConsistency.Of(Tracker.Track(video), Still.Events));
    }

    [Fact]
    public void Delay_LateTurnAndLateJump_AverageTheirLateness()
    {
        // Switches at 12 and 24. The turn starts at 15 (3 late), the jump at 26 (2 late): mean delay 2.5 frames; the move
        // (step 0) is left out; everything shown, in order; nothing runs across a switch, so no blending.
        var e = JudgeScenarios.Instruction.Events;
        var video = JudgeScenarios.RenderOverlapping(JudgeScenarios.Instruction.Scene, [(e[0], 0, 10), (e[1], 15, 3), (e[2], 26, 5)], JudgeScenarios.Frames);
        var s = TemporalMetrics.Measure(video, JudgeScenarios.Instruction, EventTiming.Assign(e, JudgeScenarios.Frames));
        Assert.Equal(2.5, s.Delay!.Value, 9);
        Assert.Equal(1.0, s.Completion);
        Assert.Equal(1.0, s.Order);
        Assert.Equal(0.0, s.Blending);
    }

    [Fact]
    public void Delay_EarlyTurn_IsNegative_AndBlendsNothingAfterTheSwitch()
    {
        // The turn starts at 9, 3 frames before its switch at 12, and ends at 11; the jump is on time at 24: delays −3 and
        // 0, mean −1.5. No change that began before a switch is still going on after it: blending 0.
        var e = JudgeScenarios.Instruction.Events;
        var video = JudgeScenarios.RenderOverlapping(JudgeScenarios.Instruction.Scene, [(e[0], 0, 8), (e[1], 9, 3), (e[2], 24, 5)], JudgeScenarios.Frames);
        var s = TemporalMetrics.Measure(video, JudgeScenarios.Instruction, EventTiming.Assign(e, JudgeScenarios.Frames));
        Assert.Equal(-1.5, s.Delay!.Value, 9);
        Assert.Equal(0.0, s.Blending);
    }

    [Fact]
    public void Blending_MoveRunningFourFramesPastTheSwitch()
    {
        // The move runs over frames 4–15 (12 active frames), 4 frames past the switch at 12; the turn at 18–20 (two still frames
        // after the move, so the tracker keeps them apart), the jump at 24: post-switch frames 12..35 = 24, blended 12..15 = 4 → 4/24.
        var e = JudgeScenarios.Instruction.Events;
        var video = JudgeScenarios.RenderOverlapping(JudgeScenarios.Instruction.Scene, [(e[0], 4, 12), (e[1], 18, 3), (e[2], 24, 5)], JudgeScenarios.Frames);
        var s = TemporalMetrics.Measure(video, JudgeScenarios.Instruction, EventTiming.Assign(e, JudgeScenarios.Frames));
        Assert.True(Math.Abs(s.Blending!.Value - 4.0 / 24) < 1e-9, $"blending {s.Blending}: " + string.Join("; ", Tracker.Track(video).Events));
    }
}
