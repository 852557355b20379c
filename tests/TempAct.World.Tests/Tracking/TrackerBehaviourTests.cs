using TempAct.World.Events;
using TempAct.World.Rendering;
using TempAct.World.Scenes;
using TempAct.World.Tracking;

namespace TempAct.World.Tests.Tracking;

/// <summary>Hand-made scenes: identity through turns and disappearances, stays, event fields, the colour fit.</summary>
public sealed class TrackerBehaviourTests
{
    private static (IReadOnlyList<TimedEvent> Timed, TrackingResult Result) Run(
        Scene scene, int framesPerEvent, params WorldEvent[] events)
    {
        int frames = framesPerEvent * events.Sum(e => e.Pace == Pace.Slow ? 2 : 1);
        var timed = EventTiming.Assign(events, frames);
        return (timed, Tracker.Track(Renderer.Render(scene, timed, frames)));
    }

    private static SceneObject Object(ColorName color, ShapeKind shape, SizeClass size, int column, int row, bool visible = true) =>
        new(color, shape, size, new Placement(column, row), visible);

    [Fact]
    public void A_turn_keeps_the_track_and_its_first_name()
    {
        var scene = new Scene([Object(ColorName.Red, ShapeKind.Circle, SizeClass.Small, 0, 1)]);
        var (timed, result) = Run(scene, 6,
            new WorldEvent("red circle", ActionKind.Turn, ColorName.Blue),
            new WorldEvent("red circle", ActionKind.MoveRight),
            new WorldEvent("red circle", ActionKind.Turn, ColorName.Green, Pace.Slow));
        var track = Assert.Single(result.Tracks);
        Assert.Equal("red circle", track.Name);
        Assert.Equal(["turn_blue", "move_right", "turn_green"], result.Events.Select(e => e.ActionCode));
        Assert.All(result.Events, e => Assert.Equal("red circle", e.Subject));
        Assert.Equal(timed.Select(t => t.Span.Start), result.Events.Select(e => e.Onset));
        Assert.Equal(ColorName.Green, track.At(result.FrameCount - 1)!.Color);
    }

    [Fact]
    public void An_object_that_vanishes_and_reappears_keeps_its_track()
    {
        var scene = new Scene([
            Object(ColorName.Yellow, ShapeKind.Square, SizeClass.Large, 2, 0),
            Object(ColorName.Cyan, ShapeKind.Triangle, SizeClass.Small, 0, 2),
        ]);
        var (_, result) = Run(scene, 6,
            new WorldEvent("yellow square", ActionKind.Vanish),
            new WorldEvent("cyan triangle", ActionKind.Jump),
            new WorldEvent("yellow square", ActionKind.Appear),
            new WorldEvent("yellow square", ActionKind.Shrink));
        Assert.Equal(2, result.Tracks.Count);
        var yellow = result.FindTrack("yellow square");
        Assert.NotNull(yellow);
        Assert.Null(yellow.At(8));
        Assert.NotNull(yellow.At(12));
        Assert.Equal(["vanish", "jump", "appear", "shrink"], result.Events.Select(e => e.ActionCode));
        Assert.Equal([0, 6, 12, 18], result.Events.Select(e => e.Onset));
        Assert.Equal(["yellow square", "cyan triangle", "yellow square", "yellow square"], result.Events.Select(e => e.Subject));
    }

    [Fact]
    public void A_hidden_object_is_named_when_it_first_appears()
    {
        var scene = new Scene([
            Object(ColorName.White, ShapeKind.Circle, SizeClass.Small, 1, 1),
            Object(ColorName.Purple, ShapeKind.Square, SizeClass.Small, 2, 2, visible: false),
        ]);
        var (_, result) = Run(scene, 12,
            new WorldEvent("white circle", ActionKind.Stay),
            new WorldEvent("purple square", ActionKind.Appear, Pace: Pace.Slow),
            new WorldEvent("purple square", ActionKind.MoveUp));
        Assert.Equal(["purple square appear", "purple square move_up"], result.Events.Select(e => $"{e.Subject} {e.ActionCode}"));
        Assert.Equal(12, result.Events[0].Onset);
        Assert.True(result.StaySatisfied(new FrameSpan(0, 12)));
        Assert.False(result.StaySatisfied(new FrameSpan(10, 14)));
        Assert.Equal(12, result.FindTrack("purple square")!.FirstFrame);
    }

    [Fact]
    public void Jumps_grows_and_moves_are_told_apart()
    {
        var scene = new Scene([Object(ColorName.Green, ShapeKind.Triangle, SizeClass.Small, 1, 0)]);
        var (timed, result) = Run(scene, 6,
            new WorldEvent("green triangle", ActionKind.Jump),
            new WorldEvent("green triangle", ActionKind.Grow),
            new WorldEvent("green triangle", ActionKind.MoveDown, Pace: Pace.Slow),
            new WorldEvent("green triangle", ActionKind.Jump),
            new WorldEvent("green triangle", ActionKind.MoveLeft),
            new WorldEvent("green triangle", ActionKind.Shrink, Pace: Pace.Slow));
        Assert.Equal(timed.Select(t => t.Event.ActionCode), result.Events.Select(e => e.ActionCode));
        Assert.Equal(timed.Select(t => t.Span.Start), result.Events.Select(e => e.Onset));
        Assert.All(result.Events, e => Assert.True(e.End > e.Onset && e.End < e.Onset + 12, e.ToString()));
    }

    [Fact]
    public void Detections_carry_colour_shape_size_and_position()
    {
        var scene = new Scene([
            Object(ColorName.Blue, ShapeKind.Square, SizeClass.Large, 0, 0),
            Object(ColorName.Red, ShapeKind.Triangle, SizeClass.Small, 2, 2),
        ]);
        var (_, result) = Run(scene, 6, new WorldEvent("blue square", ActionKind.Stay));
        var frame = result.Detections[0].OrderBy(d => d.X).ToArray();
        Assert.Equal(2, frame.Length);
        Assert.Equal(("blue square", SizeClass.Large), (frame[0].Name, frame[0].Size));
        Assert.Equal(("red triangle", SizeClass.Small), (frame[1].Name, frame[1].Size));
        Assert.InRange(frame[0].X, 5.5f, 6.5f);
        Assert.InRange(frame[0].Y, 5.5f, 6.5f);
        Assert.InRange(frame[1].Y, 26f, 27.5f); // a triangle's centroid sits below its box centre
        Assert.All(frame, d => Assert.True(d.Visible && d.Alpha > 0.95f && d.ColorShare > 0.99f));
        Assert.Empty(result.Events);
    }

    [Fact]
    public void The_fast_colour_fit_matches_the_palette_fit()
    {
        var rng = new Random(3);
        var bg = Palette.Background;
        for (int i = 0; i < 20000; i++)
        {
            float r = (float)rng.NextDouble(), g = (float)rng.NextDouble(), b = (float)rng.NextDouble();
            var expected = Palette.Fit(r, g, b);
            var (color, alpha) = FrameDetector.Fit(r - bg.R, g - bg.G, b - bg.B);
            Assert.Equal(expected.Color, (ColorName)color);
            Assert.Equal(expected.Alpha, alpha, 1e-5f);
        }
    }

    [Fact]
    public void Detected_event_codes_match_world_event_codes()
    {
        var e = new DetectedEvent("red circle", ActionKind.Turn, ColorName.Cyan, 3, 5, 0);
        Assert.Equal("turn_cyan", e.ActionCode);
        var move = e with { Action = ActionKind.MoveLeft, TargetColor = null };
        Assert.Equal(new WorldEvent("red circle", ActionKind.MoveLeft).ActionCode, move.ActionCode);
    }
}
