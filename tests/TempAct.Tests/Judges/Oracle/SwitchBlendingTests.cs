using TempAct.Judges.Oracle;
using TempAct.World.Events;
using TempAct.World.Tracking;

namespace TempAct.Tests.Judges.Oracle;

/// <summary><see cref="SwitchBlending"/>: the window's share of frames where a change begun before the switch is still
/// under way, on hand-made detections and on rendered videos.</summary>
public sealed class SwitchBlendingTests
{
    private static DetectedEvent Change(int onset, int end) => new("red circle", ActionKind.MoveRight, null, onset, end, 0);

    [Fact]
    public void Fraction_CountsTheFramesAChangeBegunBeforeTheSwitchIsStillUnderWay()
    {
        var window = new FrameSpan(12, 18);
        // Begun at 5 and under way to 14: frames 12, 13, 14 of six. One begun at the switch is the new step's own; one
        // that ended before it blends nothing.
        Assert.Equal(3.0 / 6, SwitchBlending.Fraction([Change(5, 14), Change(12, 16), Change(2, 7)], window), 12);
        // Two overlapping old changes count a frame once: 8..13 and 10..16 cover frames 12–16, five of six.
        Assert.Equal(5.0 / 6, SwitchBlending.Fraction([Change(8, 13), Change(10, 16)], window), 12);
        Assert.Equal(1.0, SwitchBlending.Fraction([Change(0, 40)], window), 12);
        Assert.Equal(0.0, SwitchBlending.Fraction([Change(12, 17), Change(3, 11)], window), 12);
        Assert.Equal(0.0, SwitchBlending.Fraction([], window), 12);
        Assert.Throws<ArgumentException>(() => SwitchBlending.Fraction([], new FrameSpan(12, 12)));
    }

    [Fact]
    public void Score_OnRenderedVideos_IsZeroForAnOnTimeSwitch_AndHighWhenTheMoveRunsOn()
    {
        var window = new FrameSpan(12, 18);
        // The ground truth's move fills frames 0–11 and the turn begins at the switch: nothing under way across it.
        Assert.Equal(0.0, SwitchBlending.Score(JudgeScenarios.GroundTruth(), window), 12);
        // The blended video's move runs over frames 8–15, across the switch at 12: frames 12–15 of the window, 4 of 6
        // (the tracker may place an end a frame either way).
        double blended = SwitchBlending.Score(JudgeScenarios.Blended(), window);
        Assert.InRange(blended, 3.0 / 6 - 1e-9, 5.0 / 6 + 1e-9);
        Assert.Throws<ArgumentException>(() => SwitchBlending.Score(JudgeScenarios.GroundTruth(), new FrameSpan(30, 40)));
    }
}
