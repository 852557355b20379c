using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.World.Simulation;

/// <summary>
/// A random scene in which given events can happen: what a prompt like "red circle moves right" leaves open (where
/// the circle is, what else is there) drawn from a seeded <see cref="Random"/> by rejection over
/// <see cref="ScenarioSampler"/>'s scenes.
/// </summary>
public static class SceneForEvents
{
    /// <summary>A scene holding every subject of <paramref name="events"/> in which they are feasible in order.</summary>
    /// <exception cref="InvalidOperationException">when no such scene turns up in <paramref name="attempts"/> draws.</exception>
    public static Scene Draw(IReadOnlyList<WorldEvent> events, Random rng, int attempts = 50_000)
    {
        var subjects = events.Select(e => e.Subject).Distinct().ToArray();
        var options = new ScenarioSampler.Options(ObjectCount: null);
        for (int i = 0; i < attempts; i++)
        {
            int count = Math.Max(subjects.Length, 1 + rng.Next(Scene.MaxObjects));
            var (scene, _) = ScenarioSampler.Sample(rng, 1, options with { ObjectCount = count });
            if (!subjects.All(s => scene.Find(s) is not null)) continue;
            if (WorldSimulator.Check(scene, events) is null) return scene;
        }
        throw new InvalidOperationException($"no scene found for {string.Join(", ", events)} in {attempts} draws");
    }
}
