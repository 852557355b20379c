using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.World.Simulation;

/// <summary>
/// A random scene in which given events can happen: what a prompt like "red circle moves right" leaves open (where
/// the circle is, what else is there) drawn from a seeded <see cref="Random"/> by rejection over
/// <see cref="ScenarioSampler"/>'s scenes. Events no scene allows are found first, exhaustively and fast
/// (<see cref="Impossible"/>), so an impossible plan is an immediate, named error rather than thousands of draws.
/// </summary>
public static class SceneForEvents
{
    /// <summary>A scene holding every subject of <paramref name="events"/> in which they are feasible in order: the first
    /// fitting scene of <paramref name="attempts"/> sampler draws, else (several subjects the sampler seldom draws together)
    /// one of the fitting scenes of the subjects alone, chosen by <paramref name="rng"/>.</summary>
    /// <exception cref="InvalidOperationException">when no scene allows the events (<see cref="Impossible"/>'s reason).</exception>
    public static Scene Draw(IReadOnlyList<WorldEvent> events, Random rng, int attempts = 500)
    {
        if (Impossible(events) is { } why)
            throw new InvalidOperationException(why.EventIndex >= 0 ? $"event {why.EventIndex} ({events[why.EventIndex]}): {why.Message}" : why.Message);
        var subjects = events.Select(e => e.Subject).Distinct().ToArray();
        var options = new ScenarioSampler.Options(ObjectCount: null);
        for (int i = 0; i < attempts; i++)
        {
            int count = Math.Max(subjects.Length, 1 + rng.Next(Scene.MaxObjects));
            var (scene, _) = ScenarioSampler.Sample(rng, 1, options with { ObjectCount = count });
            if (!subjects.All(s => scene.Find(s) is not null)) continue;
            if (WorldSimulator.Check(scene, events) is null) return scene;
        }
        // Rare: feasible, but only in scenes the sampler seldom draws. Take one of the scenes of the subjects alone, with
        // one more, visible object when all of them start hidden (a scene shows something at frame 0).
        var feasible = SubjectScenes(events, subjects).Where(s => WorldSimulator.Check(s, events) is null).ToList();
        var pick = feasible[rng.Next(feasible.Count)];
        return pick.Objects.Any(o => o.Visible) ? pick : WithVisibleObject(pick, events, rng)
            ?? throw new InvalidOperationException($"no scene with a visible object allows {string.Join(", ", events)}");
    }

    /// <summary><paramref name="scene"/> plus one visible object (not a subject) where the events still fit; null if none does.</summary>
    private static Scene? WithVisibleObject(Scene scene, IReadOnlyList<WorldEvent> events, Random rng)
    {
        var extras =
            from c in Enum.GetValues<ColorName>()
            from sh in Enum.GetValues<ShapeKind>()
            from cell in Placement.All
            from size in Enum.GetValues<SizeClass>()
            let o = new SceneObject(c, sh, size, cell)
            where scene.Find(o.Name) is null && scene.Objects.All(x => x.Placement != cell)
            select o;
        return extras.OrderBy(_ => rng.Next()).Select(o => new Scene([.. scene.Objects, o]))
            .FirstOrDefault(s => s.Objects.Count <= Scene.MaxObjects && WorldSimulator.Check(s, events) is null);
    }

    /// <summary>
    /// Why no scene lets <paramref name="events"/> happen in order, or null when some scene does. Exhaustive over the
    /// scenes of the subjects alone — every placement, size and visibility (36 per object) — which decides it: other
    /// objects only add ways to collide. The reason is the one the most promising scene met: the furthest event it
    /// stopped at (its index in <paramref name="events"/>; −1 for the scene itself).
    /// </summary>
    public static FeasibilityProblem? Impossible(IReadOnlyList<WorldEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var subjects = events.Select(e => e.Subject).Distinct().ToArray();
        if (subjects.Length > Scene.MaxObjects)
            return new FeasibilityProblem(-1, $"the events name {subjects.Length} objects ({string.Join(", ", subjects)}); a scene holds at most {Scene.MaxObjects}");
        foreach (var s in subjects)
            if (Lookup(s) is null) return new FeasibilityProblem(events.ToList().FindIndex(e => e.Subject == s), $"'{s}' is not a colour and a shape");
        // 1. Each subject on its own: the common case of an impossible plan ("moves right" three times, "grows" twice).
        foreach (var s in subjects)
        {
            var own = Enumerable.Range(0, events.Count).Where(i => events[i].Subject == s).ToArray();
            var alone = own.Select(i => events[i]).ToList();
            FeasibilityProblem? furthest = null;
            bool any = false;
            foreach (var scene in SubjectScenes(alone, [s]))
            {
                var p = WorldSimulator.Check(scene, alone);
                if (p is null) { any = true; break; }
                if (furthest is null || p.EventIndex > furthest.EventIndex) furthest = p;
            }
            if (!any) return furthest!.EventIndex >= 0 ? furthest with { EventIndex = own[furthest.EventIndex], Message = furthest.Message + " (from any start)" } : furthest;
        }
        // 2. All subjects together: collisions between them.
        FeasibilityProblem? best = null;
        foreach (var scene in SubjectScenes(events, subjects))
        {
            var p = WorldSimulator.Check(scene, events);
            if (p is null) return null;
            if (best is null || p.EventIndex > best.EventIndex) best = p;
        }
        return best is null ? new FeasibilityProblem(-1, "no scene holds these objects")
            : best with { Message = best.Message + " (from any start)" };
    }

    /// <summary>Every scene of exactly these subjects: distinct cells, both sizes, visible or hidden (each subject's
    /// states pruned to those its own events allow when there are several subjects).</summary>
    private static IEnumerable<Scene> SubjectScenes(IReadOnlyList<WorldEvent> events, IReadOnlyList<string> subjects)
    {
        var states = subjects.Select(s => States(s).Where(o => subjects.Count == 1
            || WorldSimulator.Check(new Scene([o]), events.Where(e => e.Subject == s).ToList()) is null).ToArray()).ToArray();
        var chosen = new SceneObject[subjects.Count];
        return Combine(0);

        IEnumerable<Scene> Combine(int k)
        {
            if (k == subjects.Count) { yield return new Scene(chosen.ToArray()); yield break; }
            foreach (var o in states[k])
            {
                if (chosen.Take(k).Any(c => c.Placement == o.Placement)) continue;
                chosen[k] = o;
                foreach (var scene in Combine(k + 1)) yield return scene;
            }
        }
    }

    private static IEnumerable<SceneObject> States(string subject)
    {
        var (color, shape) = Lookup(subject)!.Value;
        foreach (var cell in Placement.All)
            foreach (var size in Enum.GetValues<SizeClass>())
                foreach (bool visible in new[] { true, false })
                    yield return new SceneObject(color, shape, size, cell, visible);
    }

    private static (ColorName Color, ShapeKind Shape)? Lookup(string name)
    {
        foreach (var c in Enum.GetValues<ColorName>())
            foreach (var s in Enum.GetValues<ShapeKind>())
                if ($"{c.Word()} {s.Word()}" == name) return (c, s);
        return null;
    }
}
