using TempAct.World.Events;
using TempAct.World.Scenes;
using TempAct.World.Simulation;

namespace TempAct.World.Tests.Simulation;

public sealed class WorldSimulatorTests
{
    private static readonly Scene OneCircle = new([new SceneObject(ColorName.Red, ShapeKind.Circle, SizeClass.Large, new Placement(0, 1))]);

    [Theory]
    [InlineData(ActionKind.MoveLeft, null, "edge")]
    [InlineData(ActionKind.Grow, null, "already large")]
    [InlineData(ActionKind.Turn, ColorName.Red, "already red")]
    [InlineData(ActionKind.Appear, null, "already visible")]
    public void ImpossibleEvents_AreNamed(ActionKind action, ColorName? color, string why)
    {
        var problem = WorldSimulator.Check(OneCircle, [new WorldEvent("red circle", action, color)]);
        Assert.NotNull(problem);
        Assert.Equal(0, problem.EventIndex);
        Assert.Contains(why, problem.Message);
    }

    [Fact]
    public void MovingIntoAnotherObject_IsRejected()
    {
        var scene = new Scene([
            new SceneObject(ColorName.Red, ShapeKind.Circle, SizeClass.Large, new Placement(0, 1)),
            new SceneObject(ColorName.Blue, ShapeKind.Square, SizeClass.Large, new Placement(2, 1))]);
        Assert.Null(WorldSimulator.Check(scene, []));
        var problem = WorldSimulator.Check(scene, [new WorldEvent("red circle", ActionKind.MoveRight)]);
        Assert.NotNull(problem);
        Assert.Contains("touch the blue square", problem.Message);
    }

    [Fact]
    public void States_FollowTheTimingAndSpeeds()
    {
        var events = new[] { new WorldEvent("red circle", ActionKind.MoveRight), new WorldEvent("red circle", ActionKind.Vanish) };
        var timed = EventTiming.Assign(events, 12); // [0,6) and [6,12)
        var states = WorldSimulator.States(OneCircle, timed, 12);
        Assert.Equal(8f, states[0][0].X, 3);      // 2 px on the span's first frame
        Assert.Equal(16f, states[4][0].X, 3);     // done after 5 frames
        Assert.Equal(16f, states[5][0].X, 3);     // the hold frame
        Assert.Equal(1f, states[5][0].Alpha, 3);
        Assert.Equal(0.75f, states[6][0].Alpha, 3); // fades over 4 frames from frame 6
        Assert.False(states[9][0].Visible);
    }

    [Fact]
    public void Sampler_IsDeterministicAndFeasible()
    {
        for (int seed = 0; seed < 200; seed++)
        {
            var a = ScenarioSampler.Sample(new Random(seed), 1 + seed % 6);
            var b = ScenarioSampler.Sample(new Random(seed), 1 + seed % 6);
            Assert.Equal(a.Scene, b.Scene);
            Assert.Equal(a.Events, b.Events);
            Assert.Null(WorldSimulator.Check(a.Scene, a.Events));
        }
    }
}
