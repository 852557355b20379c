using TempAct.World.Events;
using TempAct.World.Simulation;

namespace TempAct.World.Language;

/// <summary>
/// The error for an instruction whose events cannot all happen, whatever the open facts: the problem as the simulator
/// states it, pointed at the event's verb (or, for a scene that cannot be set up, at the object's colour word), and the
/// two statements of the text that conflict — the failing event and the statement that set the state it runs into (an
/// earlier event, or the object's description).
/// </summary>
internal static class ConflictMessage
{
    /// <summary>The error for the furthest-reaching attempt.</summary>
    public static InstructionParseException For(IReadOnlyList<ObjectDescription> objects, IReadOnlyList<EventSpec> specs, PlayAttempt attempt)
    {
        var problem = attempt.Problem!;
        if (attempt.FailedSpec < 0)
        {
            int first = problem.Object ?? 0, second = problem.Other ?? objects.Count - 1;
            int culprit = Math.Max(first, second), other = Math.Min(first, second);
            return TokenCursor.ErrorAt(objects[culprit].NameToken,
                $"the scene cannot be set up: {problem.Message}{Conflict(objects[other].Statement, objects[culprit].Statement)}");
        }
        var spec = specs[attempt.FailedSpec];
        string? source = Source(objects, specs, attempt);
        return TokenCursor.ErrorAt(spec.Verb, $"event {attempt.Events.Count + 1} cannot happen: {problem.Message}{Conflict(source, spec.Statement)}");
    }

    private static string Conflict(string? earlier, string later) =>
        earlier is null || earlier == later ? "" : $" ('{earlier}' conflicts with '{later}')";

    /// <summary>The statement that set the state the failing event runs into: the subject's last change of that kind
    /// made by another statement, else its description; for a collision, the other object's.</summary>
    private static string? Source(IReadOnlyList<ObjectDescription> objects, IReadOnlyList<EventSpec> specs, PlayAttempt a)
    {
        var spec = specs[a.FailedSpec];
        if (a.Problem!.Message.StartsWith("too many events", StringComparison.Ordinal)) return null;
        if (a.Failed is null && spec.Target is MoveTarget.Back or MoveTarget.Return) return null; // nothing to undo: one statement
        int subject = a.Scene.IndexOf(spec.Subject);
        if (a.Problem.Other is { } other)
            return LastChange(objects, specs, a, other, spec.Statement, e => SceneDefaults.IsMove(e.Action) || e.Action is ActionKind.Grow or ActionKind.Shrink or ActionKind.Appear);
        var states = WorldSimulator.Initial(a.Scene);
        var names = a.Scene.Objects.Select(o => o.Name).ToArray();
        foreach (var e in a.Events) WorldSimulator.TryApply(states, names, e, 0);
        var state = states[subject];
        Func<WorldEvent, bool> kind = a.Failed switch
        {
            null => e => SceneDefaults.IsMove(e.Action),
            { Action: ActionKind.Appear } => e => e.Action is ActionKind.Appear or ActionKind.Vanish,
            { Action: not ActionKind.Stay } when !state.Visible => e => e.Action is ActionKind.Appear or ActionKind.Vanish,
            { Action: ActionKind.Turn } => e => e.Action == ActionKind.Turn,
            { Action: ActionKind.Grow or ActionKind.Shrink } => e => e.Action is ActionKind.Grow or ActionKind.Shrink,
            _ => e => SceneDefaults.IsMove(e.Action),
        };
        return LastChange(objects, specs, a, subject, spec.Statement, kind);
    }

    private static string LastChange(IReadOnlyList<ObjectDescription> objects, IReadOnlyList<EventSpec> specs, PlayAttempt a, int obj,
        string failing, Func<WorldEvent, bool> kind)
    {
        string name = a.Scene.Objects[obj].Name;
        for (int i = a.Events.Count - 1; i >= 0; i--)
        {
            var e = a.Events[i];
            var statement = specs[a.Origins[i]].Statement;
            if (e.Subject == name && kind(e) && statement != failing) return statement;
        }
        return objects[obj].Statement;
    }
}
