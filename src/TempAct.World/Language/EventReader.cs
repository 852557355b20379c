using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.World.Language;

/// <summary>
/// Reads the event part of an instruction: sentences of clauses "[connective] [subject] [pace] action [count] [pace]",
/// joined inside a sentence by ",", "and" and connectives; resolves subjects and expands counts.
/// </summary>
internal sealed class EventReader
{
    private readonly TokenCursor cursor;
    private readonly IReadOnlyList<SceneObject> objects;
    private string? previous; // the previous event's subject

    /// <summary>Reads events about <paramref name="objects"/> from <paramref name="cursor"/>.</summary>
    public EventReader(TokenCursor cursor, IReadOnlyList<SceneObject> objects)
    {
        this.cursor = cursor; this.objects = objects;
    }

    /// <summary>The events read, counts expanded.</summary>
    public List<WorldEvent> Events { get; } = [];

    /// <summary>The first word of each event's action (shared by the copies a count makes).</summary>
    public List<Token> VerbTokens { get; } = [];

    /// <summary>Reads every remaining sentence; at least one event is required.</summary>
    public void ReadAll()
    {
        while (!cursor.AtEnd)
        {
            ReadSentence();
            if (!cursor.AtEnd) cursor.Advance(); // the sentence's end mark
        }
        if (Events.Count == 0) throw cursor.AtTextEnd("expected at least one event after the scene, e.g. 'It jumps.'");
    }

    private void ReadSentence()
    {
        if (!TakeOpening() && cursor.Take(PhraseKind.Connective) is not null) cursor.TryMark(Lexicon.Comma);
        while (true)
        {
            ReadClause();
            if (cursor.AtSentenceEnd) return;
            bool joined = cursor.TryMark(Lexicon.Comma);
            if (cursor.Take(PhraseKind.And) is not null) { joined = true; cursor.TryMark(Lexicon.Comma); }
            if (TakeOpening() || cursor.Take(PhraseKind.Connective) is not null) { joined = true; cursor.TryMark(Lexicon.Comma); }
            if (!joined) throw cursor.Error("expected ',', 'and', 'then' or '.' after the event");
        }
    }

    /// <summary>Consumes "first" / "to begin with" (and a comma), which may only open the first event.</summary>
    private bool TakeOpening()
    {
        if (cursor.Peek(PhraseKind.OpeningConnective) is null) return false;
        var token = cursor.Current;
        if (Events.Count > 0) throw TokenCursor.ErrorAt(token, $"'{token.Text}' can only introduce the first event");
        cursor.Take(PhraseKind.OpeningConnective);
        cursor.TryMark(Lexicon.Comma);
        return true;
    }

    private void ReadClause()
    {
        string subject = ReadSubject() ?? previous
            ?? throw cursor.Error("expected the event's subject: name the object (e.g. 'the red circle') or use 'it'");
        bool slow = cursor.Take(PhraseKind.PaceBefore) is not null;
        if (cursor.AtEnd) throw cursor.Error("expected an action, e.g. 'slides to the right', 'jumps' or 'turns blue'");
        var verb = cursor.Current;
        var action = cursor.Take(PhraseKind.Action) ?? throw ActionError();
        int count = 1;
        Token? countToken = null;
        while (!cursor.AtEnd)
        {
            var token = cursor.Current;
            if (cursor.Take(PhraseKind.Count) is { } c)
            {
                if (countToken is not null) throw TokenCursor.ErrorAt(token, "the count is given twice");
                countToken = token;
                count = c.Count;
            }
            else if (cursor.Take(PhraseKind.PaceAfter) is not null)
            {
                if (slow) throw TokenCursor.ErrorAt(token, "the pace is given twice");
                slow = true;
            }
            else break;
        }
        var ev = new WorldEvent(subject, action.Action!.Value, action.Color, slow ? Pace.Slow : Pace.Normal);
        for (int i = 0; i < count; i++)
        {
            if (Events.Count >= Lexicon.MaxEvents)
                throw TokenCursor.ErrorAt(countToken ?? verb, $"too many events: an instruction has at most {Lexicon.MaxEvents} (counts included)");
            Events.Add(ev);
            VerbTokens.Add(verb);
        }
        previous = subject;
    }

    /// <summary>Reads "it", "the &lt;shape&gt;" or "the &lt;colour&gt; &lt;shape&gt;" and returns the frame-0 name; null when
    /// the clause has no subject.</summary>
    private string? ReadSubject()
    {
        if (cursor.Peek(PhraseKind.Article) is not null || cursor.Peek(PhraseKind.ThereIs) is not null)
            throw cursor.Error("every object must be described before the first event");
        if (cursor.Peek(PhraseKind.Pronoun) is not null)
        {
            var it = cursor.Current;
            cursor.Take(PhraseKind.Pronoun);
            if (previous is not null) return previous;
            if (objects.Count == 1) return objects[0].Name;
            throw TokenCursor.ErrorAt(it,
                $"'{it.Text}' is ambiguous: there are {objects.Count} objects and no earlier event; name the object, e.g. 'the {objects[0].Name}'");
        }
        if (cursor.Take(PhraseKind.Definite) is null) return null;
        var colorToken = cursor.AtEnd ? default : cursor.Current;
        var color = cursor.Take(PhraseKind.Color)?.Color;
        var shapeToken = cursor.AtEnd ? default : cursor.Current;
        var shape = cursor.Take(PhraseKind.Shape)?.Shape ?? throw cursor.Error(color is null
            ? "expected an object after 'the', e.g. 'the circle' or 'the red circle'"
            : "expected a shape (square, circle or triangle)");
        if (color is { } c)
        {
            string name = $"{c.Word()} {shape.Word()}";
            if (objects.Any(o => o.Name == name)) return name;
            throw TokenCursor.ErrorAt(colorToken,
                $"unknown object: there is no {name} in the scene (it has {Listing()}; objects keep the name they start with)");
        }
        var matches = objects.Where(o => o.Shape == shape).ToList();
        if (matches.Count == 1) return matches[0].Name;
        if (matches.Count == 0)
            throw TokenCursor.ErrorAt(shapeToken, $"unknown object: there is no {shape.Word()} in the scene (it has {Listing()})");
        throw TokenCursor.ErrorAt(shapeToken,
            $"'the {shape.Word()}' is ambiguous: it could be {string.Join(" or ", matches.Select(m => "the " + m.Name))}; add its colour");
    }

    private string Listing() => string.Join(", ", objects.Select(o => "the " + o.Name));

    private InstructionParseException ActionError()
    {
        var token = cursor.Current;
        if (token.IsWord && Lexicon.MoveVerbs.Contains(token.Lower))
            return cursor.Error($"'{token.Text}' needs a direction: left, right, up or down");
        if (token.IsWord && Lexicon.TurnVerbs.Any(v => v.Split(' ')[0] == token.Lower))
            return cursor.Error($"'{token.Text}' needs a colour, e.g. 'turns blue'");
        return cursor.Error("expected an action, e.g. 'slides to the right', 'jumps', 'grows' or 'turns blue'");
    }
}
