using TempAct.World.Events;

namespace TempAct.World.Language;

/// <summary>
/// Reads one event clause: "[subject] [adverbs] [auxiliary [adverbs]] verb-phrase [count, pace, manner, repetition,
/// duration]". The verb's form must fit: a finite form alone ("moves", "moved"), the participle after "has"/"had", the
/// "-ing" form after "is"/"was"/"starts" and after a completion verb ("has finished moving"), the base form after
/// "will"/"starts to"; a subordinate clause may also be a bare "-ing" form ("after jumping"). A direction alone, without
/// subject or verb, is a move ("then up").
/// </summary>
internal static class ClauseReader
{
    private static readonly HashSet<string> MoveVerbForms =
        Lexicon.MoveVerbs.SelectMany(v => Inflection.Forms(v).Select(f => f.Text)).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> TurnVerbHeads =
        Lexicon.TurnVerbs.SelectMany(v => Inflection.Forms(v).Select(f => f.Text.Split(' ')[0])).ToHashSet(StringComparer.Ordinal);

    /// <summary>Reads a clause; <paramref name="firstEvent"/> allows "first", <paramref name="subordinate"/> allows a bare
    /// "-ing" clause.</summary>
    public static Clause Read(TokenCursor cursor, bool firstEvent, bool subordinate)
    {
        int start = cursor.Position;
        bool slow = false;
        if (ReadBefore(cursor, firstEvent, ref slow)) cursor.TryClauseMark(); // "Slowly, it grows."
        var subject = ReadSubject(cursor);
        ReadBefore(cursor, firstEvent, ref slow);
        LexiconPhrase? aux = null;
        Token auxToken = default;
        if (cursor.Peek(PhraseKind.Action) is null && cursor.Peek(PhraseKind.Auxiliary) is not null)
        {
            auxToken = cursor.Current;
            aux = cursor.Take(PhraseKind.Auxiliary);
            ReadBefore(cursor, firstEvent, ref slow);
        }
        if (cursor.Peek(PhraseKind.Action) is null && CompletionThenGerund(cursor) is { } completion)
        {
            // "when it has finished moving right": the "-ing" verb is the event.
            auxToken = cursor.Current;
            cursor.Take(PhraseKind.Completion);
            aux = completion;
            ReadBefore(cursor, firstEvent, ref slow);
        }
        if (cursor.AtEnd) throw cursor.Error("expected an action, e.g. 'slides to the right', 'jumps' or 'turns blue'");
        var verb = cursor.Current;
        if (subject.Kind == SubjectKind.None && aux is null && cursor.Peek(PhraseKind.Action) is null && cursor.Take(PhraseKind.Direction) is { } direction)
        {
            // "It slides right, then up, then back": a direction alone is a move.
            var move = direction with { Kind = PhraseKind.Action, Forms = VerbForms.Finite };
            var (n, nToken) = ReadAfter(cursor, move, firstEvent, ref slow);
            return new Clause(subject, move, slow, n, verb, nToken, cursor.Span(start), false, HasRepetition(cursor, start));
        }
        var action = cursor.Take(PhraseKind.Action) ?? throw ActionError(cursor);
        bool gerund = false;
        if (aux is not null)
        {
            if ((action.Forms & aux.Forms) == 0)
                throw TokenCursor.ErrorAt(verb, $"after '{auxToken.Text}' the verb takes its {FormName(aux.Forms)}, e.g. '{auxToken.Text} {Respell(action, aux.Forms)}'");
        }
        else if ((action.Forms & VerbForms.Finite) == 0)
        {
            if (subordinate && subject.Kind == SubjectKind.None && (action.Forms & VerbForms.Gerund) != 0) gerund = true;
            else throw TokenCursor.ErrorAt(verb, FormProblem(action));
        }
        var (count, countToken) = ReadAfter(cursor, action, firstEvent, ref slow);
        return new Clause(subject, action, slow, count, verb, countToken, cursor.Span(start), gerund, HasRepetition(cursor, start));
    }

    /// <summary>True when a repetition word occurs between token <paramref name="start"/> and the cursor.</summary>
    private static bool HasRepetition(TokenCursor cursor, int start)
    {
        for (int i = start; i < cursor.Position; i++)
            if (cursor.PeekAt(i, PhraseKind.Repetition) is { } r && r.Text != "too" && r.Text != "as well" && r.Text != "also") return true;
        return false;
    }

    /// <summary>"it", "the shape", "the [size] [colour] shape", or nothing.</summary>
    private static SubjectWords ReadSubject(TokenCursor cursor)
    {
        if (cursor.AtEnd) return new SubjectWords(SubjectKind.None, default, "");
        var first = cursor.Current;
        if (cursor.Peek(PhraseKind.Article) is not null || cursor.Peek(PhraseKind.ThereIs) is not null || SceneReader.ObjectAhead(cursor))
            throw cursor.Error("every object must be described before the first event");
        int start = cursor.Position;
        if (cursor.Take(PhraseKind.Pronoun) is not null) return new SubjectWords(SubjectKind.Pronoun, first, first.Text);
        if (cursor.Take(PhraseKind.Definite) is null) return new SubjectWords(SubjectKind.None, first, "");
        if (cursor.Take(PhraseKind.Noun) is not null) return new SubjectWords(SubjectKind.Generic, first, cursor.Span(start));
        var size = cursor.Take(PhraseKind.Size)?.Size;
        var colorToken = cursor.AtEnd ? default : cursor.Current;
        var color = cursor.Take(PhraseKind.Color)?.Color;
        var shapeToken = cursor.AtEnd ? default : cursor.Current;
        var shape = cursor.Take(PhraseKind.Shape)?.Shape ?? throw cursor.Error(color is null
            ? "expected an object after 'the', e.g. 'the circle' or 'the red circle'"
            : "expected a shape (square, circle or triangle)");
        return new SubjectWords(SubjectKind.Named, first, cursor.Span(start), color, shape, size, colorToken, shapeToken);
    }

    /// <summary>A completion verb followed by an "-ing" action ("finished moving"), as an auxiliary that takes the
    /// "-ing" form; null otherwise.</summary>
    public static LexiconPhrase? CompletionThenGerund(TokenCursor cursor)
    {
        if (cursor.Peek(PhraseKind.Completion) is not { } c) return null;
        int at = SkipAdverbs(cursor, cursor.Position + c.Words.Count); // "is done slowly sliding up"
        return cursor.PeekAt(at, PhraseKind.Action) is { } a && (a.Forms & VerbForms.Gerund) != 0 ? c with { Forms = VerbForms.Gerund } : null;
    }

    /// <summary>The index of the first token at or after <paramref name="at"/> that is not a pace, manner or repetition word.</summary>
    public static int SkipAdverbs(TokenCursor cursor, int at)
    {
        while ((cursor.PeekAt(at, PhraseKind.PaceBefore) ?? cursor.PeekAt(at, PhraseKind.Manner) ?? cursor.PeekAt(at, PhraseKind.Repetition)) is { } adverb)
            at += adverb.Words.Count;
        return at;
    }

    /// <summary>Adverbs before the verb: pace (once), manner, repetition, sequencing ("it then jumps"); true when any.</summary>
    private static bool ReadBefore(TokenCursor cursor, bool firstEvent, ref bool slow)
    {
        int start = cursor.Position;
        while (!cursor.AtEnd)
        {
            var token = cursor.Current;
            if (cursor.Take(PhraseKind.PaceBefore) is not null)
            {
                if (slow) throw TokenCursor.ErrorAt(token, "the pace is given twice");
                slow = true;
            }
            else if (cursor.Peek(PhraseKind.Sequencer) is { } s)
            {
                if (s.Text == "first" && !firstEvent) throw TokenCursor.ErrorAt(token, $"'{token.Text}' can only introduce the first event");
                cursor.Take(PhraseKind.Sequencer);
            }
            else if (cursor.Take(PhraseKind.Manner) is null && cursor.Take(PhraseKind.Repetition) is null) break;
        }
        return cursor.Position > start;
    }

    /// <summary>After the verb phrase: count (once), pace (once), manner, repetition, and a duration after a stay.</summary>
    private static (int Count, Token? CountToken) ReadAfter(TokenCursor cursor, LexiconPhrase action, bool firstEvent, ref bool slow)
    {
        int count = 1;
        Token? countToken = null;
        while (!cursor.AtEnd)
        {
            var token = cursor.Current;
            if (cursor.Take(PhraseKind.Repetition) is not null || cursor.Take(PhraseKind.Manner) is not null) continue;
            if (firstEvent && cursor.Take(PhraseKind.OpeningConnective) is not null) continue; // "it does nothing at first"
            if (cursor.Peek(PhraseKind.Count) is { } c && !(c.Text == "once" && OnceOpensClause(cursor)))
            {
                cursor.Take(PhraseKind.Count);
                if (countToken is not null) throw TokenCursor.ErrorAt(token, "the count is given twice");
                countToken = token;
                count = c.Count;
            }
            else if (cursor.Take(PhraseKind.PaceAfter) is not null)
            {
                if (slow) throw TokenCursor.ErrorAt(token, "the pace is given twice");
                slow = true;
            }
            else if (cursor.Peek(PhraseKind.StayDuration) is not null)
            {
                if (action.Action != ActionKind.Stay)
                    throw TokenCursor.ErrorAt(token, $"'{token.Text}' goes only with staying still, e.g. 'waits for a moment'");
                cursor.Take(PhraseKind.StayDuration);
            }
            else break;
        }
        return (count, countToken);
    }

    /// <summary>"once" opens a clause ("… once it has turned blue") rather than counting when a subject, an "-ing" verb
    /// or a completion follows it.</summary>
    private static bool OnceOpensClause(TokenCursor cursor)
    {
        int next = cursor.Position + 1;
        if (cursor.PeekAt(next, PhraseKind.Pronoun) is not null) return true;
        if (cursor.PeekAt(next, PhraseKind.Definite) is not null || cursor.PeekAt(next, PhraseKind.Completion) is not null) return true;
        next = SkipAdverbs(cursor, next); // "once slowly moving"
        return cursor.PeekAt(next, PhraseKind.Action) is { } a && (a.Forms & VerbForms.Gerund) != 0;
    }

    private static string FormName(VerbForms form) => form switch
    {
        VerbForms.Participle => "participle",
        VerbForms.Gerund => "-ing form",
        _ => "base form",
    };

    /// <summary>The action phrase with its verb in <paramref name="form"/> ("slid to the right").</summary>
    public static string Respell(LexiconPhrase action, VerbForms form)
    {
        string verb = Inflection.Form(action.Lemma, form);
        string complement = action.Color is { } c ? c.ToString().ToLowerInvariant() : action.Complement;
        return complement.Length == 0 ? verb : $"{verb} {complement}";
    }

    private static string FormProblem(LexiconPhrase action)
    {
        string text = action.Text;
        if ((action.Forms & VerbForms.Gerund) != 0)
            return $"'{text}' needs 'is' or 'was' before it ('is {text}'), or write '{Respell(action, VerbForms.Present)}'";
        if ((action.Forms & VerbForms.Participle) != 0)
            return $"'{text}' needs 'has' or 'had' before it ('has {text}'), or write '{Respell(action, VerbForms.Past)}'";
        return $"write '{Respell(action, VerbForms.Present)}' or '{Respell(action, VerbForms.Past)}' here, not '{text}'";
    }

    private static InstructionParseException ActionError(TokenCursor cursor)
    {
        if (cursor.AtEnd || cursor.AtSentenceEnd) return cursor.Error("expected an action, e.g. 'slides to the right', 'jumps' or 'turns blue'");
        var token = cursor.Current;
        if (token.IsWord && cursor.Peek(PhraseKind.Simultaneity) is not null)
            return cursor.Error("events cannot happen at the same time in ShapeWorld: write them one after the other, e.g. with 'then'");
        if (token.IsWord && MoveVerbForms.Contains(token.Lower))
            return cursor.Error($"'{token.Text}' needs a direction: left, right, up or down");
        if (token.IsWord && TurnVerbHeads.Contains(token.Lower))
            return cursor.Error($"'{token.Text}' needs a colour, e.g. 'turns blue'");
        return cursor.Error("expected an action, e.g. 'slides to the right', 'jumps', 'grows' or 'turns blue'");
    }
}
