using TempAct.World.Events;

namespace TempAct.World.Tests.Events;

public sealed class EventTimingTests
{
    private static WorldEvent E(ActionKind a, Pace p = Pace.Normal) => new("red circle", a, null, p);

    [Fact]
    public void EqualShares_TwelveFramesAStep()
    {
        var timed = EventTiming.Assign([E(ActionKind.Jump), E(ActionKind.Grow), E(ActionKind.Shrink)], 36);
        Assert.Equal([new FrameSpan(0, 12), new FrameSpan(12, 24), new FrameSpan(24, 36)], timed.Select(t => t.Span));
    }

    [Fact]
    public void SlowEvent_GetsTwiceTheFrames()
    {
        // weights 1, 2, 1 over 36 frames: boundaries at 9 and 27.
        var timed = EventTiming.Assign([E(ActionKind.Jump), E(ActionKind.Grow, Pace.Slow), E(ActionKind.Shrink)], 36);
        Assert.Equal([new FrameSpan(0, 9), new FrameSpan(9, 27), new FrameSpan(27, 36)], timed.Select(t => t.Span));
    }

    [Fact]
    public void TooFewFrames_IsAClearError()
    {
        var ex = Assert.Throws<ArgumentException>(() => EventTiming.Assign([E(ActionKind.Jump), E(ActionKind.Grow)], 5));
        Assert.Contains("too few", ex.Message);
    }
}
