using TempAct.World.Scenes;

namespace TempAct.World.Events;

/// <summary>One step of an instruction: a subject (by its frame-0 name), an action, the target colour of a turn, a pace.</summary>
public sealed record WorldEvent(string Subject, ActionKind Action, ColorName? TargetColor = null, Pace Pace = Pace.Normal)
{
    /// <summary>The action as in JSON: move_left … jump, grow, shrink, turn_blue, vanish, appear, stay.</summary>
    public string ActionCode => ToCode(Action, TargetColor);

    /// <summary>The code of an action ("turn_blue" needs the colour).</summary>
    public static string ToCode(ActionKind action, ColorName? target) => action switch
    {
        ActionKind.MoveLeft => "move_left",
        ActionKind.MoveRight => "move_right",
        ActionKind.MoveUp => "move_up",
        ActionKind.MoveDown => "move_down",
        ActionKind.Turn => "turn_" + (target ?? throw new ArgumentException("a turn needs a target colour")).Word(),
        _ => action.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses an action code; null when it is not one.</summary>
    public static (ActionKind Action, ColorName? Target)? FromCode(string code)
    {
        if (code.StartsWith("turn_", StringComparison.Ordinal))
            return Words.ParseColor(code[5..]) is { } c ? (ActionKind.Turn, c) : null;
        foreach (var a in Enum.GetValues<ActionKind>())
            if (a != ActionKind.Turn && ToCode(a, null) == code) return (a, null);
        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Subject} {ActionCode}{(Pace == Pace.Slow ? " (slow)" : "")}";
}
