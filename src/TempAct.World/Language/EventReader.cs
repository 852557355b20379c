using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.World.Language;

/// <summary>
/// Reads the event part: sentences of clause groups joined by marks, "and" and connectives. A group is a main clause
/// with at most one subordinate clause of time before it and one after it ("After it jumps, it turns blue", "it jumps
/// before it turns blue"); the events take the world's order, which the conjunction gives, not the order of the words.
/// "it" and a missing subject mean the object of the latest clause in the text.
/// </summary>
internal sealed class EventReader
{
    private readonly TokenCursor cursor;
    private readonly IReadOnlyList<ObjectDescription> objects;
    private string? recent;            // the subject of the latest clause, in text order
    private (int Start, int Count)? lastGroup; // where the previous group's events are in Specs
    private bool beforeThat;           // "before that, …": the next group goes before the previous one

    /// <summary>Reads events about <paramref name="objects"/> from <paramref name="cursor"/>; <paramref name="carried"/> is
    /// the object whose scene clause runs straight into the first event.</summary>
    public EventReader(TokenCursor cursor, IReadOnlyList<ObjectDescription> objects, string? carried)
    {
        this.cursor = cursor; this.objects = objects; recent = carried;
    }

    /// <summary>The events read, counts expanded, in the world's order.</summary>
    public List<EventSpec> Specs { get; } = [];

    /// <summary>Reads every remaining sentence; at least one event is required.</summary>
    public void ReadAll()
    {
        while (!cursor.AtEnd)
        {
            if (cursor.AtSentenceEnd) { cursor.Advance(); continue; }
            ReadSentence();
            SceneReader.SkipEnds(cursor);
        }
        if (Specs.Count == 0) throw cursor.AtTextEnd("expected at least one event after the scene, e.g. 'It jumps.'");
    }

    private void ReadSentence()
    {
        TakeSequencing();
        while (true)
        {
            ReadGroup();
            if (cursor.AtSentenceEnd) return;
            if (cursor.Peek(PhraseKind.Simultaneity) is not null) throw Simultaneous();
            if (!TakeJoiner()) throw cursor.Error("expected ',', 'and', 'then' or '.' after the event");
        }
    }

    private bool TakeJoiner()
    {
        bool joined = false;
        while (cursor.TryClauseMark() || cursor.Take(PhraseKind.And) is not null || TakeSequencing()) joined = true;
        return joined;
    }

    /// <summary>Openings, connectives, completions ("once it has finished") and "before that", each with an optional mark.</summary>
    private bool TakeSequencing()
    {
        bool any = false;
        while (!cursor.AtEnd)
        {
            if (cursor.Peek(PhraseKind.OpeningConnective) is not null)
            {
                var token = cursor.Current;
                if (Specs.Count > 0) throw TokenCursor.ErrorAt(token, $"'{token.Text}' can only introduce the first event");
                cursor.Take(PhraseKind.OpeningConnective);
            }
            else if (!TakeConnectiveOrCompletion() && !TakeBeforeThat()) return any;
            cursor.TryClauseMark();
            any = true;
        }
        return any;
    }

    /// <summary>The longer of a connective ("after that") and a completion clause ("after that has happened").</summary>
    private bool TakeConnectiveOrCompletion()
    {
        var start = cursor.Save();
        // "once it has finished moving right, …" is a clause of time with an event, not the connective "once it has finished".
        bool connective = cursor.Take(PhraseKind.Connective) is not null && !GerundFollows();
        var afterConnective = cursor.Save();
        cursor.Restore(start);
        if (TakeCompletion() && cursor.Position > afterConnective.Position) return true;
        cursor.Restore(start);
        if (connective) cursor.Take(PhraseKind.Connective);
        return connective;
    }

    /// <summary>"when it has finished", "once the square is done", "after finishing", "once done": no event.</summary>
    private bool TakeCompletion()
    {
        var start = cursor.Save();
        if (cursor.Take(PhraseKind.Conjunction) is null) return false;
        if (cursor.Take(PhraseKind.Pronoun) is null && !TakeWord("that") && !TakeWord("this") && cursor.Take(PhraseKind.Definite) is not null)
        {
            cursor.Take(PhraseKind.Size);
            cursor.Take(PhraseKind.Color);
            if (cursor.Take(PhraseKind.Shape) is null && cursor.Take(PhraseKind.Noun) is null) { cursor.Restore(start); return false; }
        }
        cursor.Take(PhraseKind.Auxiliary);
        // "after it had done a little jump": an action that starts with a completion word is the action.
        bool action = cursor.Peek(PhraseKind.Action) is { } a && a.Words.Count > (cursor.Peek(PhraseKind.Completion)?.Words.Count ?? 0);
        if (!action && ClauseReader.CompletionThenGerund(cursor) is null && cursor.Take(PhraseKind.Completion) is not null) return true;
        cursor.Restore(start);
        return false;
    }

    private InstructionParseException Simultaneous() =>
        cursor.Error("events cannot happen at the same time in ShapeWorld: write them one after the other, e.g. with 'then'");

    /// <summary>True when an "-ing" action (after adverbs) comes next.</summary>
    private bool GerundFollows()
    {
        int at = ClauseReader.SkipAdverbs(cursor, cursor.Position);
        return cursor.PeekAt(at, PhraseKind.Action) is { } a && (a.Forms & VerbForms.Finite) == 0 && (a.Forms & VerbForms.Gerund) != 0;
    }

    /// <summary>"before that, …" / "before this, …": the next group happens before the previous one.</summary>
    private bool TakeBeforeThat()
    {
        if (cursor.Peek(PhraseKind.Conjunction) is not { ClauseFirst: false }) return false;
        var start = cursor.Save();
        var token = cursor.Current;
        cursor.Take(PhraseKind.Conjunction);
        if (!TakeWord("that") && !TakeWord("this")) { cursor.Restore(start); return false; }
        if (lastGroup is null) throw TokenCursor.ErrorAt(token, $"'{token.Text} that' needs an earlier event");
        beforeThat = true;
        return true;
    }

    private bool TakeWord(string word)
    {
        if (cursor.AtEnd || !cursor.Current.IsWord || cursor.Current.Lower != word) return false;
        cursor.Advance();
        return true;
    }

    private void ReadGroup()
    {
        if (!cursor.AtEnd && cursor.Peek(PhraseKind.Simultaneity) is not null) throw Simultaneous();
        var group = new List<EventSpec>();
        if (cursor.Peek(PhraseKind.Conjunction) is not null)
        {
            var conj = cursor.Take(PhraseKind.Conjunction)!;
            var sub = ClauseReader.Read(cursor, Specs.Count == 0 && conj.ClauseFirst, subordinate: true);
            cursor.TryClauseMark();
            if (cursor.AtSentenceEnd || cursor.Peek(PhraseKind.And) is not null)
            {
                AttachToPrevious(conj, sub);
                return;
            }
            TakeSequencing();
            string? subSubject = sub.Gerund ? null : SubjectOrLater(sub.Subject);
            if (subSubject is not null) recent = subSubject;
            var main = ClauseReader.Read(cursor, Specs.Count == 0 && !conj.ClauseFirst, subordinate: false);
            string mainSubject = Subject(main.Subject);
            subSubject ??= mainSubject;
            recent = mainSubject;
            // "It moves up. After moving up, it jumps.": a clause of time that repeats the previous event refers back to it.
            var subEvents = conj.ClauseFirst && Recaps(sub, subSubject) ? [] : Expand(sub, subSubject, 0);
            var mainEvents = Expand(main, mainSubject, subEvents.Count);
            group.AddRange(conj.ClauseFirst ? [.. subEvents, .. mainEvents] : [.. mainEvents, .. subEvents]);
            ReadTrailing(group, mainSubject);
        }
        else
        {
            var main = ClauseReader.Read(cursor, Specs.Count == 0, subordinate: false);
            string mainSubject = Subject(main.Subject);
            recent = mainSubject;
            group.AddRange(Expand(main, mainSubject, 0));
            ReadTrailing(group, mainSubject);
        }
        int at = beforeThat && lastGroup is { } previous ? previous.Start : Specs.Count;
        beforeThat = false;
        Specs.InsertRange(at, group);
        lastGroup = (at, group.Count);
    }

    /// <summary>True when <paramref name="sub"/> (once, without "again") is the event just before it.</summary>
    private bool Recaps(Clause sub, string subject) =>
        !sub.Repeated && sub.Count == 1 && !beforeThat && Specs.Count > 0 && Specs[^1] is var last
        && last.Subject == subject && last.Action == sub.Action.Action && last.Color == sub.Action.Color && last.Target == sub.Action.Target;

    /// <summary>"… before it turns blue", "… after jumping": a subordinate clause after its main clause (a completion
    /// there, "it jumps once it has finished", adds nothing).</summary>
    private void ReadTrailing(List<EventSpec> group, string mainSubject)
    {
        if (cursor.Peek(PhraseKind.Conjunction) is null || TakeCompletion()) return;
        var conj = cursor.Take(PhraseKind.Conjunction)!;
        var sub = ClauseReader.Read(cursor, false, subordinate: true);
        string subject = sub.Subject.Kind == SubjectKind.Named ? Subject(sub.Subject) : mainSubject;
        recent = subject;
        var subEvents = Expand(sub, subject, group.Count);
        if (conj.ClauseFirst) group.InsertRange(0, subEvents);
        else group.AddRange(subEvents);
    }

    /// <summary>"It jumps, before turning purple." — a subordinate clause after a comma belongs to the previous group.</summary>
    private void AttachToPrevious(LexiconPhrase conj, Clause sub)
    {
        if (lastGroup is not { } previous)
            throw cursor.Error($"expected the main clause after the '{conj.Text}' clause, e.g. '{conj.Text} it jumps, it turns blue'");
        string subject = sub.Subject.Kind == SubjectKind.Named ? Subject(sub.Subject) : recent!;
        recent = subject;
        var events = Expand(sub, subject, 0);
        Specs.InsertRange(conj.ClauseFirst ? previous.Start : previous.Start + previous.Count, events);
        lastGroup = (previous.Start, previous.Count + events.Count);
    }

    /// <summary>The clause's events (its count expanded); <paramref name="pending"/> events of its group come before it.</summary>
    private List<EventSpec> Expand(Clause c, string subject, int pending)
    {
        if (Specs.Count + pending + c.Count > Lexicon.MaxEvents)
            throw TokenCursor.ErrorAt(c.CountToken ?? c.Verb, $"too many events: an instruction has at most {Lexicon.MaxEvents} (counts included)");
        var spec = new EventSpec(subject, c.Action.Action, c.Action.Color, c.Action.Target, c.Slow ? Pace.Slow : Pace.Normal, c.Verb, c.Statement);
        return Enumerable.Repeat(spec, c.Count).ToList();
    }

    /// <summary>The frame-0 name a subject refers to. "it", "the shape" and a missing subject mean the latest clause's
    /// subject, or the only object.</summary>
    private string Subject(SubjectWords s) => SubjectOrLater(s) ?? throw Ambiguous(s);

    /// <summary>Like <see cref="Subject"/>, but null when "it" has nothing to refer to yet: in a clause of time before
    /// its main clause ("Before it turns purple, the circle jumps") it then means the main clause's subject.</summary>
    private string? SubjectOrLater(SubjectWords s)
    {
        if (s.Kind == SubjectKind.Named) return Named(s);
        if (recent is not null) return recent;
        if (objects.Count == 1 && s.Kind != SubjectKind.None) return objects[0].Name;
        return null;
    }

    private InstructionParseException Ambiguous(SubjectWords s) => s.Kind == SubjectKind.None
        ? TokenCursor.ErrorAt(s.Token, "expected the event's subject: name the object (e.g. 'the red circle') or use 'it'")
        : TokenCursor.ErrorAt(s.Token,
            $"'{s.Written}' is ambiguous: there are {objects.Count} objects and no earlier event; name the object, e.g. 'the {objects[0].Name}'");

    private string Named(SubjectWords s)
    {
        var candidates = objects.Where(o => o.Shape == s.Shape && (s.Color is null || o.Color == s.Color) && (s.Size is null || o.Size == s.Size)).ToList();
        if (s.Color is { } c && candidates.Count == 0 && objects.All(o => o.Name != $"{c.Word()} {s.Shape!.Value.Word()}"))
            throw TokenCursor.ErrorAt(s.ColorToken,
                $"unknown object: there is no {c.Word()} {s.Shape!.Value.Word()} in the scene (it has {Listing()}; objects keep the name they start with)");
        if (candidates.Count == 1) return candidates[0].Name;
        string what = s.Size is { } z ? $"{z.Word()} {s.Shape!.Value.Word()}" : s.Shape!.Value.Word();
        if (candidates.Count == 0)
            throw TokenCursor.ErrorAt(s.ShapeToken, $"unknown object: there is no {what} in the scene (it has {Listing()})");
        throw TokenCursor.ErrorAt(s.ShapeToken,
            $"'the {what}' is ambiguous: it could be {string.Join(" or ", candidates.Select(m => "the " + m.Name))}; add its colour");
    }

    private string Listing() => string.Join(", ", objects.Select(o => "the " + o.Name));
}
