using TempAct.World.Scenes;

namespace TempAct.World.Language;

/// <summary>
/// Reads the scene part of an instruction: sentences of objects, each "a/an [size] [hidden] colour shape [posture]
/// [hidden] placement", joined by ",", "and" or ", and", optionally opened by "there is".
/// </summary>
internal static class SceneReader
{
    /// <summary>The objects in the order they are named, and the colour word that names each one.</summary>
    public static (List<SceneObject> Objects, List<Token> NameTokens) Read(TokenCursor cursor)
    {
        var objects = new List<SceneObject>();
        var nameTokens = new List<Token>();
        while (cursor.Peek(PhraseKind.Article) is not null || cursor.Peek(PhraseKind.ThereIs) is not null)
        {
            cursor.Take(PhraseKind.ThereIs);
            while (true)
            {
                ReadObject(cursor, objects, nameTokens);
                if (cursor.AtSentenceEnd) break;
                bool comma = cursor.TryMark(Lexicon.Comma);
                bool and = cursor.Take(PhraseKind.And) is not null;
                if (!comma && !and) throw cursor.Error("expected ',', 'and' or '.' after the object's placement");
                if (cursor.Peek(PhraseKind.Article) is null)
                    throw cursor.Error("expected 'a' or 'an' to introduce another object (end the scene description with '.' before the events)");
            }
            if (!cursor.AtEnd) cursor.Advance(); // the sentence's end mark
        }
        if (objects.Count == 0) throw NoScene(cursor);
        return (objects, nameTokens);
    }

    private static void ReadObject(TokenCursor cursor, List<SceneObject> objects, List<Token> nameTokens)
    {
        if (cursor.Take(PhraseKind.Article) is null) throw cursor.Error("expected 'a' or 'an' to introduce an object");
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
        if (cursor.Take(PhraseKind.Posture) is not null && !cursor.AtEnd)
        {
            var token = cursor.Current;
            if (cursor.Take(PhraseKind.Hidden) is not null)
            {
                if (hidden) throw TokenCursor.ErrorAt(token, "'hidden' is given twice");
                hidden = true;
            }
        }
        var cell = cursor.Take(PhraseKind.Placement)?.Cell
            ?? throw cursor.Error("expected where the object is, e.g. 'on the left', 'in the center' or 'in the top right corner'");
        objects.Add(new SceneObject(color, shape, size ?? SizeClass.Large, cell, !hidden));
        nameTokens.Add(colorToken);
    }

    private static InstructionParseException NoScene(TokenCursor cursor)
    {
        if (cursor.AtEnd) return cursor.Error("the instruction is empty");
        if (!cursor.Current.IsWord)
            return cursor.Error("expected the scene description first, e.g. 'A red circle rests on the left.'");
        bool eventLike = cursor.Peek(PhraseKind.Pronoun) is not null || cursor.Peek(PhraseKind.Definite) is not null
            || cursor.Peek(PhraseKind.Action) is not null || cursor.Peek(PhraseKind.PaceBefore) is not null
            || cursor.Peek(PhraseKind.Connective) is not null || cursor.Peek(PhraseKind.OpeningConnective) is not null
            || Lexicon.MoveVerbs.Contains(cursor.Current.Lower);
        return cursor.Error(eventLike
            ? "an event comes before any object is named: describe the scene first, e.g. 'A red circle rests on the left.'"
            : "an instruction starts with the scene, e.g. 'A red circle rests on the left.' or 'There is a blue square in the center.'");
    }
}
