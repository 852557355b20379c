using TempAct.World.Events;
using TempAct.World.Rendering;
using TempAct.World.Scenes;
using TempAct.World.Simulation;

namespace TempAct.World.Tests.Rendering;

public sealed class RendererTests
{
    [Fact]
    public void Render_IsByteIdenticalForTheSameSeed()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            var (scene, events) = ScenarioSampler.Sample(new Random(seed), 4);
            var timed = EventTiming.Assign(events, 24);
            Assert.Equal(Renderer.Render(scene, timed, 24).Hash(), Renderer.Render(scene, timed, 24).Hash());
        }
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
