using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.World.Simulation;

/// <summary>
/// Plays events on a scene: checks that every event can happen (<see cref="Check"/>) and gives every object's state in
/// every frame (<see cref="States"/>). The renderer draws these states; the generator and the parser use the check.
/// </summary>
public static class WorldSimulator
{
    /// <summary>States at the start of the video.</summary>
    public static ObjectState[] Initial(Scene scene) => scene.Objects.Select(o => new ObjectState(
        o.Shape, WorldGeometry.CellCenter(o.Placement.Column), WorldGeometry.CellCenter(o.Placement.Row),
        WorldGeometry.Radius(o.Size), o.Color, o.Visible ? 1f : 0f)).ToArray();

    /// <summary>
    /// The first reason the scene or one of its events cannot happen, or null when all can: unknown subject, a move off the
    /// grid, growing a large object, turning to its own colour, acting while invisible, or two objects coming closer than
    /// <see cref="WorldGeometry.MinGap"/>.
    /// </summary>
    public static FeasibilityProblem? Check(Scene scene, IReadOnlyList<WorldEvent> events)
    {
        if (scene.Objects.Count is < 1 or > Scene.MaxObjects)
            return new FeasibilityProblem(-1, $"a scene has 1 to {Scene.MaxObjects} objects, this one has {scene.Objects.Count}");
        var names = scene.Objects.Select(o => o.Name).ToList();
        if (names.Distinct().Count() != names.Count)
            return new FeasibilityProblem(-1, "two objects share a name: " + names.GroupBy(n => n).First(g => g.Count() > 1).Key);
        var states = Initial(scene);
        for (int i = 0; i < states.Length; i++)
            if (Crowded(states, i, states[i]) is { } other)
                return new FeasibilityProblem(-1, $"the {names[i]} and the {names[other]} start too close together") { Object = i, Other = other };

        for (int e = 0; e < events.Count; e++)
            if (TryApply(states, names, events[e], e) is { } problem) return problem;
        return null;
    }

    /// <summary>
    /// Checks one event against the current states and, when it can happen, applies it (states change in place);
    /// otherwise returns why not and leaves the states as they were.
    /// </summary>
    public static FeasibilityProblem? TryApply(ObjectState[] states, IReadOnlyList<string> names, WorldEvent ev, int eventIndex)
    {
        int s = -1;
        for (int i = 0; i < names.Count; i++) if (names[i] == ev.Subject) s = i;
        if (s < 0) return new FeasibilityProblem(eventIndex, $"there is no {ev.Subject} in the scene");
        var st = states[s];
        string? why = ev.Action switch
        {
            ActionKind.Appear when st.Visible => $"the {ev.Subject} is already visible",
            not (ActionKind.Appear or ActionKind.Stay) when !st.Visible => $"the {ev.Subject} is not visible",
            ActionKind.Turn when st.Color == ev.TargetColor => $"the {ev.Subject} is already {ev.TargetColor!.Value.Word()}",
            ActionKind.Grow when st.Size == SizeClass.Large => $"the {ev.Subject} is already large",
            ActionKind.Shrink when st.Size == SizeClass.Small => $"the {ev.Subject} is already small",
            ActionKind.MoveLeft or ActionKind.MoveRight or ActionKind.MoveUp or ActionKind.MoveDown
                when !OnGrid(Final(st, ev)) => $"the {ev.Subject} cannot move {Direction(ev.Action)}: it is at the edge",
            _ => null,
        };
        if (why is not null) return new FeasibilityProblem(eventIndex, why);
        // Every in-between state must keep its distance from the other visible objects.
        int checks = ev.Action is ActionKind.Stay or ActionKind.Turn or ActionKind.Vanish ? 0 : ev.Action == ActionKind.Appear ? 1 : 5;
        for (int k = 1; k <= checks; k++)
        {
            var mid = Partial(st, ev, k, checks);
            if (ev.Action == ActionKind.Jump && k == checks) mid = st with { Y = st.Y - WorldGeometry.JumpHeight }; // the apex
            if (mid.Visible && Crowded(states, s, mid) is { } other)
                return new FeasibilityProblem(eventIndex, $"the {ev.Subject} would touch the {names[other]}") { Other = other };
        }
        states[s] = Final(st, ev);
        return null;
    }

    /// <summary>Every object's state in each of <paramref name="frames"/> frames, given timed events.</summary>
    public static ObjectState[][] States(Scene scene, IReadOnlyList<TimedEvent> timed, int frames)
    {
        var current = Initial(scene);
        var result = new ObjectState[frames][];
        int next = 0; // index of the first event not yet fully applied
        for (int f = 0; f < frames; f++)
        {
            var frame = (ObjectState[])current.Clone();
            while (next < timed.Count)
            {
                var (ev, span) = (timed[next].Event, timed[next].Span);
                int s = scene.IndexOf(ev.Subject);
                int active = ActionDynamics.ActiveFrames(ev, span.Length);
                int k = f - span.Start + 1; // 1 on the span's first frame
                if (k <= 0) break;
                if (k >= active || f >= span.End)
                {
                    current[s] = Final(current[s], ev);
                    frame[s] = current[s];
                    next++;
                    continue; // the next event may start in this frame too only if its span began; the loop checks
                }
                frame[s] = Partial(current[s], ev, k, active);
                break;
            }
            result[f] = frame;
        }
        return result;
    }

    /// <summary>State after the whole action.</summary>
    public static ObjectState Final(ObjectState s, WorldEvent e) => e.Action switch
    {
        ActionKind.MoveLeft => s with { X = s.X - WorldGeometry.MoveDistance },
        ActionKind.MoveRight => s with { X = s.X + WorldGeometry.MoveDistance },
        ActionKind.MoveUp => s with { Y = s.Y - WorldGeometry.MoveDistance },
        ActionKind.MoveDown => s with { Y = s.Y + WorldGeometry.MoveDistance },
        ActionKind.Grow => s with { Radius = WorldGeometry.LargeRadius },
        ActionKind.Shrink => s with { Radius = WorldGeometry.SmallRadius },
        ActionKind.Turn => s with { Color = e.TargetColor!.Value, WipeColor = null, WipeFraction = 0 },
        ActionKind.Vanish => s with { Alpha = 0 },
        ActionKind.Appear => s with { Alpha = 1 },
        _ => s, // jump lands where it started; stay changes nothing
    };

    /// <summary>State on active frame k (1..active) of an action; k = active is the final state.</summary>
    public static ObjectState Partial(ObjectState s, WorldEvent e, int k, int active)
    {
        if (k >= active) return Final(s, e);
        float p = (float)k / active;
        var end = Final(s, e);
        switch (e.Action)
        {
            case ActionKind.Jump:
                int up = (active + 1) / 2; // rise in ceil(A/2) frames, fall in the rest: no two frames at the same height
                float h = k <= up ? WorldGeometry.JumpHeight * k / up : WorldGeometry.JumpHeight * (active - k) / (active - up);
                return s with { Y = s.Y - h };
            case ActionKind.Turn:
                return s with { WipeColor = e.TargetColor, WipeFraction = p };
            case ActionKind.Vanish:
                return s with { Alpha = 1 - p };
            case ActionKind.Appear:
                // Starts at half opacity so the object is detectable on the first frame of its span.
                return s with { Alpha = 0.5f + 0.5f * (k - 1) / (active - 1) };
            default:
                return s with { X = s.X + (end.X - s.X) * p, Y = s.Y + (end.Y - s.Y) * p, Radius = s.Radius + (end.Radius - s.Radius) * p };
        }
    }

    private static bool OnGrid(ObjectState s) => s.X is >= 5 and <= 27 && s.Y is >= 5 and <= 27;

    private static string Direction(ActionKind a) => a.ToString()[4..].ToLowerInvariant();

    // WorldGeometry.Distance samples the shapes every 0.5 px; objects only ever stand at a few thousand distinct places
    // (cell centres and the in-between steps of actions), so the exact results are kept. The parser tries several scenes
    // per instruction and the sampler many; this makes both several times faster without changing a single answer.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(ShapeKind, float, float, float, ShapeKind, float, float, float), float> Distances = new();
    private const int MaxRemembered = 1 << 20;

    private static float Distance(ObjectState a, ObjectState b)
    {
        var key = (a.Shape, a.X, a.Y, a.Radius, b.Shape, b.X, b.Y, b.Radius);
        if (Distances.TryGetValue(key, out float d)) return d;
        d = WorldGeometry.Distance(a.Shape, a.X, a.Y, a.Radius, b.Shape, b.X, b.Y, b.Radius);
        if (Distances.Count < MaxRemembered) Distances.TryAdd(key, d);
        return d;
    }

    /// <summary>Index of a visible object (other than <paramref name="self"/>) closer than the minimum gap, or null.</summary>
    private static int? Crowded(ObjectState[] states, int self, ObjectState candidate)
    {
        if (!candidate.Visible) return null;
        for (int j = 0; j < states.Length; j++)
        {
            if (j == self || !states[j].Visible) continue;
            var o = states[j];
            if (Distance(candidate, o) < WorldGeometry.MinGap) return j;
        }
        return null;
    }
}
