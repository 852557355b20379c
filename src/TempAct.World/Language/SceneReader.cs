using TempAct.World.Scenes;

namespace TempAct.World.Language;

/// <summary>
/// Reads the scene part of an instruction: sentences of objects, each "a/an/the [size] [hidden] colour shape [posture]
/// [hidden] placement", joined by ",", "and" or ", and", optionally opened by "there is"; or a placement first ("In the
/// middle sits a white circle."). The last object may go straight on into the first event ("A red circle on the left
/// slides right."), which ends the scene part.
/// </summary>
internal static class SceneReader
{
    /// <summary>The objects in the order they are named, and the object the first event is about when the scene's last
    /// clause runs straight into it (null otherwise).</summary>
    public static (List<ObjectDescription> Objects, string? Carried) Read(TokenCursor cursor)
    {
        var objects = new List<ObjectDescription>();
        while (StartsSentence(cursor))
        {
            if (cursor.Peek(PhraseKind.Placement) is not null) ReadFronted(cursor, objects);
            else
            {
                cursor.Take(PhraseKind.ThereIs);
                while (true)
                {
                    ReadObject(cursor, objects);
                    if (cursor.AtSentenceEnd) break;
                    if (EventAhead(cursor)) return (objects, objects[^1].Name);
                    bool comma = cursor.TryClauseMark();
                    bool and = cursor.Take(PhraseKind.And) is not null;
                    if (!comma && !and) throw cursor.Error("expected ',', 'and' or '.' after the object's placement");
                    if (!comma) cursor.TryClauseMark();
                    if (EventAhead(cursor) || cursor.Peek(PhraseKind.Connective) is not null || cursor.Peek(PhraseKind.Pronoun) is not null
                        || cursor.Peek(PhraseKind.Conjunction) is not null) return (objects, objects[^1].Name);
                    cursor.Take(PhraseKind.ThereIs);
                    if (cursor.Peek(PhraseKind.Article) is null && !ObjectAhead(cursor))
                        throw cursor.Error("expected 'a' or 'an' to introduce another object (end the scene description with '.' before the events)");
                }
            }
            SkipEnds(cursor);
        }
        if (objects.Count == 0) throw NoScene(cursor);
        return (objects, null);
    }

    /// <summary>Skips a sentence's end marks ("...", "!!" count as one).</summary>
    public static void SkipEnds(TokenCursor cursor)
    {
        while (!cursor.AtEnd && cursor.AtSentenceEnd) cursor.Advance();
    }

    private static bool StartsSentence(TokenCursor cursor) =>
        cursor.Peek(PhraseKind.Article) is not null || cursor.Peek(PhraseKind.ThereIs) is not null
        || cursor.Peek(PhraseKind.Placement) is not null || ObjectAhead(cursor);

    /// <summary>True when an object clause starting with "the" follows: "the red circle is on the left".</summary>
    public static bool ObjectAhead(TokenCursor cursor)
    {
        var saved = cursor.Save();
        try
        {
            if (cursor.Take(PhraseKind.Definite) is null && cursor.Take(PhraseKind.Article) is null) return false;
            while (cursor.Take(PhraseKind.Size) is not null || cursor.Take(PhraseKind.Hidden) is not null) { }
            if (cursor.Take(PhraseKind.Color) is null || cursor.Take(PhraseKind.Shape) is null) return false;
            cursor.Take(PhraseKind.Posture);
            cursor.Take(PhraseKind.Hidden);
            return cursor.Peek(PhraseKind.Placement) is not null;
        }
        finally { cursor.Restore(saved); }
    }

    /// <summary>True when an event clause follows (an action, possibly after an auxiliary or adverbs).</summary>
    private static bool EventAhead(TokenCursor cursor) =>
        cursor.Peek(PhraseKind.Action) is not null || cursor.Peek(PhraseKind.Auxiliary) is not null
        || cursor.Peek(PhraseKind.PaceBefore) is not null || cursor.Peek(PhraseKind.Sequencer) is not null
        || cursor.Peek(PhraseKind.Manner) is not null || cursor.Peek(PhraseKind.Repetition) is not null;

    /// <summary>"In the middle (,) sits / there is a white circle."</summary>
    private static void ReadFronted(TokenCursor cursor, List<ObjectDescription> objects)
    {
        int start = cursor.Position;
        var place = cursor.Take(PhraseKind.Placement)!;
        cursor.Take(PhraseKind.PlacementSuffix);
        cursor.TryClauseMark();
        if (cursor.Take(PhraseKind.ThereIs) is null) cursor.Take(PhraseKind.Posture);
        var (color, shape, size, hidden, colorToken) = ReadNoun(cursor, objects);
        if (cursor.Take(PhraseKind.Posture) is not null) cursor.Take(PhraseKind.Hidden);
        Add(objects, color, shape, size, place, hidden, colorToken, cursor.Span(start));
    }

    private static void ReadObject(TokenCursor cursor, List<ObjectDescription> objects)
    {
        int start = cursor.Position;
        var (color, shape, size, hidden, colorToken) = ReadNoun(cursor, objects);
        if (cursor.Take(PhraseKind.Posture) is not null && !cursor.AtEnd)
        {
            var token = cursor.Current;
            if (cursor.Take(PhraseKind.Hidden) is not null)
            {
                if (hidden) throw TokenCursor.ErrorAt(token, "'hidden' is given twice");
                hidden = true;
            }
        }
        var place = cursor.Take(PhraseKind.Placement)
            ?? throw cursor.Error("expected where the object is, e.g. 'on the left', 'in the center' or 'in the top right corner'");
        cursor.Take(PhraseKind.PlacementSuffix);
        Add(objects, color, shape, size, place, hidden, colorToken, cursor.Span(start));
    }

    /// <summary>"a small hidden red circle": article, modifiers (each once, any order), colour, shape.</summary>
    private static (ColorName, ShapeKind, SizeClass?, bool, Token) ReadNoun(TokenCursor cursor, List<ObjectDescription> objects)
    {
        if (cursor.Take(PhraseKind.Article) is null && cursor.Take(PhraseKind.Definite) is null)
            throw cursor.Error("expected 'a' or 'an' to introduce an object");
        SizeClass? size = null;
        bool hidden = false;
        while (!cursor.AtEnd)
        {
            var token = cursor.Current;
            if (cursor.Take(PhraseKind.Size) is { } s)
            {
                if (size is not null) throw TokenCursor.ErrorAt(token, "the size is given twice");
                size = s.Size;
            }
            else if (cursor.Take(PhraseKind.Hidden) is not null)
            {
                if (hidden) throw TokenCursor.ErrorAt(token, "'hidden' is given twice");
                hidden = true;
            }
            else break;
        }
        var colorToken = cursor.AtEnd ? default : cursor.Current;
        var color = cursor.Take(PhraseKind.Color)?.Color
            ?? throw cursor.Error("expected a colour (red, green, blue, yellow, purple, cyan or white)");
        var shape = cursor.Take(PhraseKind.Shape)?.Shape ?? throw cursor.Error("expected a shape (square, circle or triangle)");
        string name = $"{color.Word()} {shape.Word()}";
        if (objects.Count >= Scene.MaxObjects)
            throw TokenCursor.ErrorAt(colorToken, $"too many objects: a scene has at most {Scene.MaxObjects}");
        if (objects.Any(o => o.Name == name))
            throw TokenCursor.ErrorAt(colorToken, $"there already is a {name}: the objects of a scene need different names");
        return (color, shape, size, hidden, colorToken);
    }

    private static void Add(List<ObjectDescription> objects, ColorName color, ShapeKind shape, SizeClass? size, LexiconPhrase place,
        bool hidden, Token colorToken, string statement) =>
        objects.Add(new ObjectDescription(color, shape, size, LexiconPlacements.Region(place.Cell!.Value, place.Side), !hidden, colorToken, statement));

    private static InstructionParseException NoScene(TokenCursor cursor)
    {
        if (cursor.AtEnd) return cursor.Error("the instruction is empty");
        if (!cursor.Current.IsWord)
            return cursor.Error("expected the scene description first, e.g. 'A red circle rests on the left.'");
        bool eventLike = cursor.Peek(PhraseKind.Pronoun) is not null || cursor.Peek(PhraseKind.Definite) is not null
            || cursor.Peek(PhraseKind.Action) is not null || cursor.Peek(PhraseKind.PaceBefore) is not null
            || cursor.Peek(PhraseKind.Connective) is not null || cursor.Peek(PhraseKind.OpeningConnective) is not null
            || cursor.Peek(PhraseKind.Conjunction) is not null || Lexicon.MoveVerbs.Any(v => Inflection.Forms(v).Any(f => f.Text == cursor.Current.Lower));
        return cursor.Error(eventLike
            ? "an event comes before any object is named: describe the scene first, e.g. 'A red circle rests on the left.'"
            : "an instruction starts with the scene, e.g. 'A red circle rests on the left.' or 'There is a blue square in the center.'");
    }
}
