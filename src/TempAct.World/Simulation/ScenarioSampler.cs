using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.World.Simulation;

/// <summary>
/// Draws random feasible content: a scene of 1–3 objects and a sequence of events that can all happen, from a seeded
/// <see cref="Random"/>. The instruction generator turns this content into text; tests use it directly.
/// </summary>
public static class ScenarioSampler
{
    /// <summary>Options for <see cref="Sample"/>.</summary>
    /// <param name="ObjectCount">Objects in the scene; null draws 1 (40%), 2 (35%) or 3 (25%).</param>
    /// <param name="SlowProbability">Chance that an event is slow.</param>
    /// <param name="HiddenProbability">Chance that an object of a multi-object scene starts invisible.</param>
    /// <param name="SameSubjectProbability">Chance that an event keeps the previous event's subject.</param>
    /// <param name="RepeatProbability">Chance that an event repeats the previous one (so counts like "twice" occur).</param>
    public sealed record Options(int? ObjectCount = null, double SlowProbability = 0.15, double HiddenProbability = 0.1,
        double SameSubjectProbability = 0.6, double RepeatProbability = 0.15);

    /// <summary>A scene and <paramref name="eventCount"/> feasible events (1–6 in the language, any count here).</summary>
    public static (Scene Scene, IReadOnlyList<WorldEvent> Events) Sample(Random rng, int eventCount, Options? options = null)
    {
        options ??= new Options();
        if (eventCount < 1) throw new ArgumentOutOfRangeException(nameof(eventCount), "at least one event");
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            var scene = SampleScene(rng, options);
            if (scene is null) continue;
            var events = SampleEvents(rng, scene, eventCount, options);
            if (events is not null) return (scene, events);
        }
        throw new InvalidOperationException($"could not draw {eventCount} feasible events after 1000 attempts");
    }

    private static Scene? SampleScene(Random rng, Options o)
    {
        int count = o.ObjectCount ?? (rng.NextDouble() switch { < 0.40 => 1, < 0.75 => 2, _ => 3 });
        var objects = new List<SceneObject>();
        var cells = Placement.All.OrderBy(_ => rng.Next()).ToList();
        for (int i = 0; i < count; i++)
        {
            SceneObject obj;
            do
            {
                obj = new SceneObject(
                    (ColorName)rng.Next(7), (ShapeKind)rng.Next(3), rng.Next(2) == 0 ? SizeClass.Small : SizeClass.Large,
                    cells[i], Visible: !(count > 1 && rng.NextDouble() < o.HiddenProbability));
            } while (objects.Any(x => x.Name == obj.Name));
            objects.Add(obj);
        }
        if (objects.All(x => !x.Visible)) objects[0] = objects[0] with { Visible = true };
        var scene = new Scene(objects);
        return WorldSimulator.Check(scene, []) is null ? scene : null;
    }

    private static List<WorldEvent>? SampleEvents(Random rng, Scene scene, int eventCount, Options o)
    {
        var names = scene.Objects.Select(x => x.Name).ToArray();
        var states = WorldSimulator.Initial(scene);
        var events = new List<WorldEvent>();
        while (events.Count < eventCount)
        {
            var last = events.Count > 0 ? events[^1] : null;
            if (last is not null && last.Action != ActionKind.Stay && rng.NextDouble() < o.RepeatProbability
                && WorldSimulator.TryApply(states, names, last, events.Count) is null)
            {
                events.Add(last);
                continue;
            }
            string subject = last is not null && rng.NextDouble() < o.SameSubjectProbability ? last.Subject : names[rng.Next(names.Length)];
            var candidates = Candidates(subject, rng, o).OrderBy(_ => rng.Next()).ToList();
            WorldEvent? chosen = null;
            foreach (var c in candidates)
            {
                // Two stays in a row would be one long stillness: nobody could tell them apart.
                if (c.Action == ActionKind.Stay && last?.Action == ActionKind.Stay) continue;
                if (WorldSimulator.TryApply(states, names, c, events.Count) is null) { chosen = c; break; }
            }
            if (chosen is null) return null;
            events.Add(chosen);
        }
        return events;
    }

    private static IEnumerable<WorldEvent> Candidates(string subject, Random rng, Options o)
    {
        Pace pace = rng.NextDouble() < o.SlowProbability ? Pace.Slow : Pace.Normal;
        foreach (var a in Enum.GetValues<ActionKind>())
        {
            if (a == ActionKind.Turn)
                yield return new WorldEvent(subject, a, (ColorName)rng.Next(7), pace);
            else
                yield return new WorldEvent(subject, a, null, a == ActionKind.Stay ? Pace.Normal : pace);
        }
    }
}
