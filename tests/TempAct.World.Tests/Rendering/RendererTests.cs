using TempAct.World.Events;
using TempAct.World.Rendering;
using TempAct.World.Scenes;
using TempAct.World.Simulation;

namespace TempAct.World.Tests.Rendering;

public sealed class RendererTests
{
    [Fact]
    public void Render_KeepsNoStateBetweenCalls()
    {
        // A render must depend on its arguments alone: rendering other scenes in between (of other sizes, objects and
        // event kinds) must not change it — this catches caches or buffers reused across calls.
        var cases = Enumerable.Range(0, 20).Select(seed =>
        {
            var (scene, events) = ScenarioSampler.Sample(new Random(seed), 1 + seed % 6);
            int frames = 6 * (1 + seed % 6) + 3 * (seed % 3);
            return (scene, timed: EventTiming.Assign(events, frames), frames);
        }).ToArray();
        var first = cases.Select(c => Renderer.Render(c.scene, c.timed, c.frames).Hash()).ToArray();
        var reversed = cases.Reverse().Select(c => Renderer.Render(c.scene, c.timed, c.frames).Hash()).Reverse().ToArray();
        Assert.Equal(first, reversed);
        Assert.Equal(first.Length, first.Distinct().Count()); // different scenes render differently
    }

    [Fact]
    public void Render_HasTheRightShapeRangeAndColours()
    {
        var scene = new Scene([new SceneObject(ColorName.Blue, ShapeKind.Square, SizeClass.Large, new Placement(1, 1))]);
        var video = Renderer.Render(scene, EventTiming.Assign([new WorldEvent("blue square", ActionKind.Stay)], 3), 3);
        Assert.Equal((3, 32, 32), (video.Frames, video.Height, video.Width));
        Assert.All(video.Data, v => Assert.InRange(v, -1f, 1f));
        Assert.Equal(ColorName.Blue, Palette.Fit(video.Rgb(0, 16, 16).R, video.Rgb(0, 16, 16).G, video.Rgb(0, 16, 16).B).Color);
        Assert.True(Palette.Fit(video.Rgb(0, 0, 0).R, video.Rgb(0, 0, 0).G, video.Rgb(0, 0, 0).B).Alpha < 0.01f); // background
    }

    [Fact]
    public void Edges_AreAntiAliased()
    {
        var scene = new Scene([new SceneObject(ColorName.White, ShapeKind.Circle, SizeClass.Large, new Placement(1, 1))]);
        var video = Renderer.Render(scene, EventTiming.Assign([new WorldEvent("white circle", ActionKind.Stay)], 3), 3);
        int partial = 0;
        for (int y = 0; y < 32; y++)
            for (int x = 0; x < 32; x++)
            {
                float alpha = Palette.Fit(video.Rgb(0, y, x).R, video.Rgb(0, y, x).G, video.Rgb(0, y, x).B).Alpha;
                if (alpha is > 0.05f and < 0.95f) partial++;
            }
        Assert.InRange(partial, 8, 60); // a ring of partly covered pixels around the circle
    }
}
