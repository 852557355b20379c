using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Scenes;

namespace TempAct.World.Plans;

/// <summary>
/// Step prompts: the short text an executor step is conditioned on, "red circle moves right", "red circle slowly turns
/// blue" — a subject by its frame-0 name and one action phrase of the instruction language (any paraphrase).
/// </summary>
public static class StepPrompt
{
    /// <summary>The canonical prompt of an event, as the rule teacher writes it.</summary>
    public static string Canonical(WorldEvent e)
    {
        string verb = e.Action switch
        {
            ActionKind.MoveLeft => "moves left",
            ActionKind.MoveRight => "moves right",
            ActionKind.MoveUp => "moves up",
            ActionKind.MoveDown => "moves down",
            ActionKind.Jump => "jumps",
            ActionKind.Grow => "grows",
            ActionKind.Shrink => "shrinks",
            ActionKind.Turn => "turns " + e.TargetColor!.Value.Word(),
            ActionKind.Vanish => "vanishes",
            ActionKind.Appear => "appears",
            _ => "stays still",
        };
        return e.Pace == Pace.Slow ? $"{e.Subject} slowly {verb}" : $"{e.Subject} {verb}";
    }

    /// <summary>Reads a step prompt back to its event; null when the text is not one subject plus one action.</summary>
    public static WorldEvent? TryParse(string prompt) => TryParse(prompt, out _);

    /// <summary>Reads a step prompt; on failure <paramref name="problem"/> says why, naming the word.</summary>
    public static WorldEvent? TryParse(string prompt, out string? problem)
    {
        problem = null;
        try
        {
            if (string.IsNullOrWhiteSpace(prompt)) { problem = "the prompt is empty"; return null; }
            if (prompt.Length > 200) { problem = $"the prompt has {prompt.Length} characters; at most 200"; return null; }
            var cursor = new TokenCursor(prompt, Tokenizer.Tokenize(prompt), null);
            cursor.Take(PhraseKind.Definite);
            var color = cursor.Take(PhraseKind.Color)?.Color ?? throw cursor.Error("expected the subject's colour");
            var shape = cursor.Take(PhraseKind.Shape)?.Shape ?? throw cursor.Error("expected the subject's shape");
            bool slow = cursor.Take(PhraseKind.PaceBefore) is not null;
            var verb = cursor.AtEnd ? default : cursor.Current;
            var action = cursor.Take(PhraseKind.Action) ?? throw cursor.Error("expected an action, e.g. 'moves right'");
            if (action.Action is null) // "moves to the top", "comes back": how far depends on where the object is
                throw TokenCursor.ErrorAt(verb, $"'{action.Text}' depends on where the object is; a step prompt names one move, e.g. 'moves up'");
            if (cursor.Take(PhraseKind.PaceAfter) is not null) slow = true;
            cursor.TryMark(".");
            if (!cursor.AtEnd) throw cursor.Error("unexpected text after the action");
            return new WorldEvent($"{color.Word()} {shape.Word()}", action.Action!.Value, action.Color, slow ? Pace.Slow : Pace.Normal);
        }
        catch (InstructionParseException e)
        {
            problem = e.Message;
            return null;
        }
    }
}
