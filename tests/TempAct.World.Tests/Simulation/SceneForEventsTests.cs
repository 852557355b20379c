using TempAct.World.Events;
using TempAct.World.Plans;
using TempAct.World.Simulation;

namespace TempAct.World.Tests.Simulation;

/// <summary>Start scenes for step prompts: impossible events are named at once, possible ones always get a scene.</summary>
public sealed class SceneForEventsTests
{
    private static List<WorldEvent> Events(params string[] prompts) => prompts.Select(p => StepPrompt.TryParse(p) ?? throw new ArgumentException(p)).ToList();

    [Theory]
    [InlineData(2, "cannot move right: it is at the edge", "red circle moves right", "red circle moves right", "red circle moves right")]
    [InlineData(1, "already large", "red circle grows", "red circle grows")]
    [InlineData(1, "is not visible", "red circle vanishes", "red circle jumps")]
    [InlineData(3, "already visible", "blue square moves left", "red circle vanishes", "red circle appears", "red circle appears")]
    [InlineData(-1, "a scene holds at most 3", "red circle jumps", "blue square jumps", "green triangle jumps", "white circle jumps")]
    public void ImpossibleEvents_AreNamed_WithTheEventThatCannotHappen(int index, string why, params string[] prompts)
    {
        var events = Events(prompts);
        var problem = SceneForEvents.Impossible(events);
        Assert.NotNull(problem);
        Assert.Equal(index, problem.EventIndex);
        Assert.Contains(why, problem.Message);
        Assert.Contains(why, Assert.Throws<InvalidOperationException>(() => SceneForEvents.Draw(events, new Random(1))).Message);
    }

    [Theory]
    [InlineData("red circle moves right", "red circle moves right")]
    [InlineData("red circle appears")]
    [InlineData("red circle moves right", "blue square turns red", "green triangle jumps")]
    [InlineData("red circle moves right", "blue square moves right", "green triangle moves right", "red circle moves right", "blue square moves right", "green triangle moves right")]
    [InlineData("red circle appears", "blue square appears", "green triangle jumps")]
    public void PossibleEvents_GetAScene_WhereTheyHappen(params string[] prompts)
    {
        var events = Events(prompts);
        Assert.Null(SceneForEvents.Impossible(events));
        for (int seed = 0; seed < 3; seed++)
        {
            var scene = SceneForEvents.Draw(events, new Random(seed));
            Assert.Null(WorldSimulator.Check(scene, events));
            Assert.Contains(scene.Objects, o => o.Visible);
        }
    }

    [Fact]
    public void Impossible_AgreesWithTheSampler_OnRandomEventLists()
    {
        // Whatever the sampler draws is possible; shuffled or doubled lists often are not, and then no sampled scene fits.
        var rng = new Random(3);
        int impossible = 0;
        for (int n = 0; n < 200; n++)
        {
            var (scene, events) = ScenarioSampler.Sample(rng, 1 + rng.Next(6));
            Assert.Null(SceneForEvents.Impossible(events));
            var mangled = events.Concat(events).OrderBy(_ => rng.Next()).ToList();
            if (SceneForEvents.Impossible(mangled) is { } p)
            {
                impossible++;
                Assert.InRange(p.EventIndex, -1, mangled.Count - 1);
                Assert.NotNull(WorldSimulator.Check(scene, mangled)); // the scene that was fine for the original is not for this
            }
        }
        Assert.InRange(impossible, 1, 199);
    }
}
