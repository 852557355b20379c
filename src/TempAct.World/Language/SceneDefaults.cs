using TempAct.World.Events;
using TempAct.World.Scenes;
using TempAct.World.Simulation;

namespace TempAct.World.Language;

/// <summary>
/// Feasible by construction: settles what the text left open — the size of an object without a size word, the cell of
/// an object placed only on a side — so that every event can happen. The choices are tried from the most expected
/// (large; the side's middle) to the least, fewest changes first (a size counts 1, a cell 3), and the first scene in which
/// every event happens wins. Destination moves ("to the top", "back") become moves here, as positions become known.
/// When no choice works, the stated facts contradict the events: the error names the two statements that conflict.
/// </summary>
internal static class SceneDefaults
{
    /// <summary>The scene and the events (destinations expanded); throws <see cref="InstructionParseException"/> when
    /// no choice of the open facts lets every event happen.</summary>
    public static (Scene Scene, IReadOnlyList<WorldEvent> Events) Resolve(IReadOnlyList<ObjectDescription> objects, IReadOnlyList<EventSpec> specs)
    {
        PlayAttempt? best = null;
        foreach (var scene in Candidates(objects))
        {
            var attempt = Play(scene, specs);
            if (attempt.Problem is null) return (scene, attempt.Events);
            if (best is null || attempt.Progress > best.Progress) best = attempt;
        }
        throw ConflictMessage.For(objects, specs, best!);
    }

    /// <summary>Throws the scene error when no choice of the open facts lets the objects start apart.</summary>
    public static void CheckScene(IReadOnlyList<ObjectDescription> objects)
    {
        PlayAttempt? first = null;
        foreach (var scene in Candidates(objects))
        {
            var attempt = Play(scene, []);
            if (attempt.Problem is null) return;
            first ??= attempt;
        }
        throw ConflictMessage.For(objects, [], first!);
    }

    /// <summary>Every scene the descriptions allow, fewest departures from the expected first (ties in a fixed order).</summary>
    public static IEnumerable<Scene> Candidates(IReadOnlyList<ObjectDescription> objects)
    {
        var options = objects.Select(o =>
        {
            SizeClass[] sizes = o.Size is { } stated ? [stated] : [SizeClass.Large, SizeClass.Small];
            return sizes.SelectMany(size => o.Cells.Select((cell, k) => (
                Object: new SceneObject(o.Color, o.Shape, size, cell, o.Visible),
                Cost: (o.Size is null && size == SizeClass.Small ? 1 : 0) + (k > 0 ? 3 : 0)))).ToArray();
        }).ToArray();
        // Combination c is a number whose digits pick each object's option, object 0 the most significant (slowest).
        int total = options.Aggregate(1, (n, o) => n * o.Length);
        int Digit(int c, int i)
        {
            for (int j = options.Length - 1; j > i; j--) c /= options[j].Length;
            return c % options[i].Length;
        }
        var costs = new int[total];
        for (int c = 0; c < total; c++)
            for (int i = 0; i < options.Length; i++) costs[c] += options[i][Digit(c, i)].Cost;
        foreach (int c in Enumerable.Range(0, total).OrderBy(c => costs[c]).ThenBy(c => c))
        {
            var chosen = new SceneObject[options.Length];
            for (int i = 0; i < options.Length; i++) chosen[i] = options[i][Digit(c, i)].Object;
            yield return new Scene(chosen);
        }
    }

    /// <summary>Plays the specs on <paramref name="scene"/> until the first problem.</summary>
    public static PlayAttempt Play(Scene scene, IReadOnlyList<EventSpec> specs)
    {
        var events = new List<WorldEvent>();
        var origins = new List<int>();
        if (WorldSimulator.Check(scene, []) is { } sceneProblem) return new PlayAttempt(scene, events, origins, sceneProblem, -1, null);
        var states = WorldSimulator.Initial(scene);
        var names = scene.Objects.Select(o => o.Name).ToArray();
        var lastMove = new ActionKind?[names.Length];
        for (int s = 0; s < specs.Count; s++)
        {
            var spec = specs[s];
            int i = Array.IndexOf(names, spec.Subject);
            var (expanded, why) = Expand(spec, states[i], lastMove[i]);
            if (why is not null) return new PlayAttempt(scene, events, origins, new FeasibilityProblem(events.Count, why), s, null);
            foreach (var ev in expanded)
            {
                if (events.Count >= Lexicon.MaxEvents)
                    return new PlayAttempt(scene, events, origins,
                        new FeasibilityProblem(events.Count, $"too many events: an instruction has at most {Lexicon.MaxEvents} (counts and destinations included)"), s, ev);
                if (WorldSimulator.TryApply(states, names, ev, events.Count) is { } problem) return new PlayAttempt(scene, events, origins, problem, s, ev);
                events.Add(ev);
                origins.Add(s);
                if (IsMove(ev.Action)) lastMove[i] = ev.Action;
            }
        }
        return new PlayAttempt(scene, events, origins, null, -1, null);
    }

    /// <summary>The events a spec makes from the subject's current state, or why it makes none.</summary>
    private static (List<WorldEvent> Events, string? Why) Expand(EventSpec spec, ObjectState state, ActionKind? lastMove)
    {
        List<WorldEvent> Moves(ActionKind move, int n) => Enumerable.Repeat(new WorldEvent(spec.Subject, move, null, spec.Pace), n).ToList();
        if (spec.Action is { } action) return ([new WorldEvent(spec.Subject, action, spec.Color, spec.Pace)], null);
        int column = Cell(state.X), row = Cell(state.Y);
        string s = spec.Subject;
        switch (spec.Target)
        {
            case MoveTarget.Top: return row == 0 ? ([], $"the {s} is already at the top") : (Moves(ActionKind.MoveUp, row), null);
            case MoveTarget.Bottom: return row == 2 ? ([], $"the {s} is already at the bottom") : (Moves(ActionKind.MoveDown, 2 - row), null);
            case MoveTarget.LeftSide: return column == 0 ? ([], $"the {s} is already on the left side") : (Moves(ActionKind.MoveLeft, column), null);
            case MoveTarget.RightSide: return column == 2 ? ([], $"the {s} is already on the right side") : (Moves(ActionKind.MoveRight, 2 - column), null);
            case MoveTarget.Middle:
                if (row == 1 && column == 1) return ([], $"the {s} is already in the middle");
                if (row == 1) return (Moves(column == 0 ? ActionKind.MoveRight : ActionKind.MoveLeft, 1), null);
                if (column == 1) return (Moves(row == 0 ? ActionKind.MoveDown : ActionKind.MoveUp, 1), null);
                return ([], $"the {s} is in a corner: the middle is not in a straight line from it");
            case MoveTarget.Return when !state.Visible:
                return ([new WorldEvent(s, ActionKind.Appear, null, spec.Pace)], null);
            default:
                return lastMove is { } m
                    ? (Moves(Opposite(m), 1), null)
                    : ([], $"the {s} has not moved yet, so it cannot {(spec.Target == MoveTarget.Return ? "come" : "move")} back");
        }
    }

    private static int Cell(float coordinate) => (int)MathF.Round((coordinate - WorldGeometry.CellCenter(0)) / WorldGeometry.MoveDistance);

    public static bool IsMove(ActionKind a) => a is ActionKind.MoveLeft or ActionKind.MoveRight or ActionKind.MoveUp or ActionKind.MoveDown;

    private static ActionKind Opposite(ActionKind move) => move switch
    {
        ActionKind.MoveLeft => ActionKind.MoveRight,
        ActionKind.MoveRight => ActionKind.MoveLeft,
        ActionKind.MoveUp => ActionKind.MoveDown,
        _ => ActionKind.MoveUp,
    };
}
