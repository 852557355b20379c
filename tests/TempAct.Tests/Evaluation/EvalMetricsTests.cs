using TempAct.Evaluation.Eval;
using TempAct.Evaluation.Metrics;
using TempAct.Judges.Oracle;
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

    [Fact]
    public void Blending_MoveAcrossBothSwitches_DelayOfALateTurn_AndAMissingJump()
    {
        // The move runs over frames 10–25 (16 active frames): across the switch at 12 and past the one at 24. The turn
        // comes at 28–30 (two still frames after the move), the jump never. Post-switch frames 12..35 = 24; blended: 12..23
        // (the move began before 12) and 24..25 (it began before 24) = 14 → 14/24. Shown: move and turn of three →
        // completion 2/3; in order → 1; delay: only the turn is shown after a switch, 28 − 12 = 16 frames.
        var e = JudgeScenarios.Instruction.Events;
        var video = JudgeScenarios.RenderOverlapping(JudgeScenarios.Instruction.Scene, [(e[0], 10, 16), (e[1], 28, 3)], JudgeScenarios.Frames);
        var detected = Tracker.Track(video).Events;
        Assert.Equal(["red circle move_right [10..25]", "red circle turn_blue [28..30]"], detected.Select(d => d.ToString()));
        var s = TemporalMetrics.Measure(video, JudgeScenarios.Instruction, EventTiming.Assign(e, JudgeScenarios.Frames));
        Assert.Equal(14.0 / 24, s.Blending!.Value, 9);
        Assert.Equal(2.0 / 3, s.Completion, 9);
        Assert.Equal(1.0, s.Order);
        Assert.Equal(16.0, s.Delay!.Value, 9);
    }

    /// <summary>"It slides to the right, then it stays put, and finally it jumps": spans [0, 12), [12, 24), [24, 36).</summary>
    private static readonly Instruction WithStay = InstructionParser.Parse("A large red circle rests on the left. It slides to the right, then it stays put, and finally it jumps.");

    [Fact]
    public void Completion_AStayIsShownWhenNothingStartsInItsSpan()
    {
        // The move over 2–9, nothing in 12–23, the jump over 26–30: all three shown; the stay has no onset, so the delay
        // is the jump's alone, 26 − 24 = 2; nothing runs across a switch.
        var e = WithStay.Events;
        var video = JudgeScenarios.RenderOverlapping(WithStay.Scene, [(e[0], 2, 8), (e[2], 26, 5)], JudgeScenarios.Frames);
        var s = TemporalMetrics.Measure(video, WithStay, EventTiming.Assign(e, JudgeScenarios.Frames));
        Assert.Equal(1.0, s.Completion);
        Assert.Equal(1.0, s.Order);
        Assert.Equal(2.0, s.Delay!.Value, 9);
        Assert.Equal(0.0, s.Blending);
    }

    [Fact]
    public void Completion_AJumpStartingInsideTheStay_BreaksTheStay_AndIsEarly()
    {
        // The jump starts at 16, inside the stay's span [12, 24): the stay is not shown (2 of 3), the jump is (the only
        // jump), 8 frames early: delay 16 − 24 = −8. It ends at 20, before the switch at 24: no blending.
        var e = WithStay.Events;
        var video = JudgeScenarios.RenderOverlapping(WithStay.Scene, [(e[0], 2, 8), (e[2], 16, 5)], JudgeScenarios.Frames);
        var s = TemporalMetrics.Measure(video, WithStay, EventTiming.Assign(e, JudgeScenarios.Frames));
        Assert.Equal(2.0 / 3, s.Completion, 9);
        Assert.Equal(1.0, s.Order);
        Assert.Equal(-8.0, s.Delay!.Value, 9);
        Assert.Equal(0.0, s.Blending);
    }

    [Fact]
    public void Order_TiesCountAsOutOfOrder_MissingEventsAreLeftOut_AndOneShownEventIsUndefined()
    {
        DetectedEvent At(int onset) => new("red circle", ActionKind.Jump, null, onset, onset + 4, 0);
        // Onsets 5, 5, 20 for expected 0, 1, 2: pairs (0,1) tie → out of order, (0,2) and (1,2) in order → 2/3.
        Assert.Equal(2.0 / 3, TemporalMetrics.Order(new EventMatcher.Matching([0, 1, 2], 0), [At(5), At(5), At(20)])!.Value, 9);
        // Expected 1 missing; 0 at 20 and 2 at 5: the one pair left is reversed → 0.
        Assert.Equal(0.0, TemporalMetrics.Order(new EventMatcher.Matching([0, -1, 1], 0), [At(20), At(5)])!.Value, 9);
        // One shown event and a satisfied stay (−2): no pair → undefined.
        Assert.Null(TemporalMetrics.Order(new EventMatcher.Matching([0, -1, -2], 0), [At(3)]));
    }

    [Fact]
    public void Identity_TwoObjectsSwapColours_HalfwayThrough()
    {
        // A red circle (left) and a green square (right) swap colours at frame 12: each track sees one colour change,
        // which the tracker reports as a turn; frames inside it are not checked. With only a stay in the instruction,
        // each track's frames before the change fit and those after it do not; with "the red circle turns green", all of
        // the circle's frames fit and the square's stay as they were.
        var two = InstructionParser.Parse("A large red circle rests on the left. A large green square rests on the right. The red circle stays put.");
        var video = Renderer.RenderStates(Enumerable.Range(0, Frames).Select(f => WorldSimulator.Initial(two.Scene)
            .Select(s => f < 12 ? s : s with { Color = s.Color == ColorName.Red ? ColorName.Green : ColorName.Red }).ToArray()).ToArray());
        var tracking = Tracker.Track(video);
        Assert.Equal(2, tracking.Tracks.Count);
        var changes = tracking.Events.OrderBy(d => d.Subject, StringComparer.Ordinal).ToList();
        Assert.Equal(["green square turn_red", "red circle turn_green"], changes.Select(d => $"{d.Subject} {d.ActionCode}"));
        Assert.All(changes, d => Assert.Equal((12, 12), (d.Onset, d.End)));
        // Per track: 24 frames, 1 inside its change → 23 checked; 12 before the swap fit → (12 + 12) / (23 + 23).
        Assert.Equal(24.0 / 46, IdentityConsistency.Of(tracking, two.Events)!.Value, 9);
        var turned = InstructionParser.Parse("A large red circle rests on the left. A large green square rests on the right. The red circle turns green.");
        Assert.Equal((23.0 + 12) / 46, IdentityConsistency.Of(tracking, turned.Events)!.Value, 9);
    }

    [Fact]
    public void ModeSummary_AveragesEachMetricOverTheVideosWhereItIsDefined()
    {
        // Three videos; order is undefined for the second, identity for the third. Order: {1, 0.5} → mean 0.75, s = √0.125,
        // half-width t(0.975, 1) · s / √2 = 12.706 · 0.25 = 3.1765. S_video: {0.2, 0.4, 0.9} → mean 0.5, n 3.
        VideoScores V(double tfs, double? order, double? identity) => new(new TemporalScores(1, order, null, null, tfs, 0.8), 0.5, identity);
        var mode = ModeResult.Of(EvalMode.Step, [V(0.2, 1, 1), V(0.4, null, 0.5), V(0.9, 0.5, null)], 0);
        Assert.Equal((0.75, 2), (mode.Temporal.Order.Mean, mode.Temporal.Order.N));
        Assert.Equal(12.706 * 0.25, mode.Temporal.Order.HalfWidth, 9);
        Assert.Equal((0.5, 3), (Math.Round(mode.Temporal.SVideo.Mean, 12), mode.Temporal.SVideo.N));
        Assert.Equal((0.75, 2), (mode.Identity.Mean, mode.Identity.N));
        Assert.Equal(0, mode.Temporal.Delay.N);
        Assert.True(double.IsNaN(mode.Temporal.Delay.Mean));
    }
}
