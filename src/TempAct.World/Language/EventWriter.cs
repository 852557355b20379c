using TempAct.World.Events;

namespace TempAct.World.Language;

/// <summary>
/// Writes the event part in the whole language: clause groups (a main clause, or one with a clause of time before or
/// after it, a recap of the previous event, "… . Before that, …"), sentences of one to three groups, connectives and
/// completions ("once it has finished"), and subjects chosen by the parser's rule — "it" and a missing subject mean
/// the latest clause's subject — so that the text reads back as exactly the events given.
/// </summary>
internal sealed class EventWriter(Random rng, TempAct.World.Scenes.Scene scene, bool past, string? carried)
{
    private abstract record Group;
    private sealed record Plain(WritingUnit Unit) : Group;
    private sealed record Lead(WritingUnit Sub, WritingUnit Main, bool SubFirst) : Group;
    private sealed record Trail(WritingUnit Main, WritingUnit Sub, bool SubFirst) : Group;
    private sealed record Recap(WritingUnit Previous, WritingUnit Main) : Group;
    private sealed record BeforeThat(WritingUnit First, WritingUnit Second) : Group;

    private readonly ClauseWriter writer = new(rng, past);
    private readonly List<WorldEvent> done = [];
    private readonly List<EventSpec> specs = [];
    private readonly string? carriedSubject = carried;
    private string? recent = carried;
    private int total;
    private bool finalJoiner; // the joiner before the current group said "finally"

    /// <summary>The event sentences (without end marks) and the specs they stand for, in the world's order.</summary>
    public (List<string> Sentences, List<EventSpec> Specs) Write(List<WritingUnit> units)
    {
        total = units.Sum(u => u.Events);
        var groups = Plan(units);
        var sentences = new List<string>();
        for (int g = 0; g < groups.Count;)
        {
            if (groups[g] is BeforeThat b)
            {
                sentences.Add(Opening(sentences.Count == 0, false) + Main(b.Second, firstInSentence: true, last: false, emit: false, afterLead: true));
                string second = Main(b.First, firstInSentence: true, last: false, emit: false, afterLead: true);
                Emit(b.First);
                Emit(b.Second);
                sentences.Add(Pick(["before that, ", "before this, ", "before that "]) + second);
                g++;
                continue;
            }
            int size = Math.Min(rng.NextDouble() switch { < 0.4 => 1, < 0.8 => 2, _ => 3 }, CountUntilBeforeThat(groups, g));
            var text = new System.Text.StringBuilder(carriedSubject is not null && g == 0 ? "" : Opening(sentences.Count == 0, groups[g] is Plain));
            for (int k = 0; k < size; k++, g++)
            {
                bool lastInSentence = k == size - 1;
                finalJoiner = false;
                if (k > 0) text.Append(Joiner(groups[g] is Plain, done.Count + Events(groups[g]) == total));
                text.Append(Render(groups[g], firstInSentence: k == 0, lastInSentence));
            }
            sentences.Add(text.ToString());
        }
        return (sentences, specs);
    }

    private static int CountUntilBeforeThat(List<Group> groups, int from)
    {
        int n = 0;
        while (from + n < groups.Count && groups[from + n] is not BeforeThat) n++;
        return n;
    }

    private static int Events(Group g) => g switch
    {
        Plain p => p.Unit.Events,
        Lead l => l.Sub.Events + l.Main.Events,
        Trail t => t.Sub.Events + t.Main.Events,
        Recap r => r.Main.Events,
        BeforeThat b => b.First.Events + b.Second.Events,
        _ => 0,
    };

    private List<Group> Plan(List<WritingUnit> units)
    {
        var groups = new List<Group>();
        for (int i = 0; i < units.Count;)
        {
            bool pair = i + 1 < units.Count;
            double r = rng.NextDouble();
            if (i == 0 && carriedSubject is not null) { groups.Add(new Plain(units[i])); i++; }
            else if (pair && r < 0.10) { groups.Add(new Lead(units[i], units[i + 1], true)); i += 2; }
            else if (pair && r < 0.16) { groups.Add(new Lead(units[i + 1], units[i], false)); i += 2; }
            else if (pair && r < 0.21) { groups.Add(new Trail(units[i + 1], units[i], true)); i += 2; }
            else if (pair && r < 0.27) { groups.Add(new Trail(units[i], units[i + 1], false)); i += 2; }
            else if (i > 0 && r < 0.31 && units[i - 1].Target is null) { groups.Add(new Recap(units[i - 1], units[i])); i++; }
            else if (pair && r < 0.34) { groups.Add(new BeforeThat(units[i], units[i + 1])); i += 2; }
            else { groups.Add(new Plain(units[i])); i++; }
        }
        return groups;
    }

    private string Render(Group group, bool firstInSentence, bool lastInSentence)
    {
        switch (group)
        {
            case Plain p:
                return Main(p.Unit, firstInSentence, last: done.Count + p.Unit.Events == total, allowNone: true, carriedFirst: carriedSubject is not null && done.Count == 0);
            case Lead l:
            {
                string conj = l.SubFirst ? Pick(["after", "when", "once", "as soon as"]) : "before";
                string sub = Sub(l.Sub, conj, l.Main.Event.Subject, leading: true, recap: false);
                string mainText = Main(l.Main, firstInSentence: true, last: false, emit: false, afterLead: true);
                if (l.SubFirst) { Emit(l.Sub); Emit(l.Main); } else { Emit(l.Main); Emit(l.Sub); }
                recent = l.Main.Event.Subject;
                return $"{conj} {sub}{(rng.NextDouble() < 0.85 ? ", " : " ")}{(rng.NextDouble() < 0.1 ? "then " : "")}{mainText}";
            }
            case Trail t:
            {
                string mainText = Main(t.Main, firstInSentence, last: false, allowNone: true, emit: false, noOnce: true);
                string conj = t.SubFirst ? Pick(["after", "when", "once", "as soon as"])
                    : t.Main.Event.Action == ActionKind.Stay && rng.Next(2) == 0 ? "until" : "before";
                string sub = Sub(t.Sub, conj, t.Main.Event.Subject, leading: false, recap: false);
                if (t.SubFirst) { Emit(t.Sub); Emit(t.Main); } else { Emit(t.Main); Emit(t.Sub); }
                bool comma = lastInSentence && rng.NextDouble() < 0.3;
                return $"{mainText}{(comma ? ", " : " ")}{conj} {sub}";
            }
            case Recap r:
            {
                string conj = Pick(["after", "when", "once", "as soon as"]);
                string sub = Sub(r.Previous with { Count = 1, Events = 1 }, conj, r.Main.Event.Subject, leading: true, recap: true);
                string mainText = Main(r.Main, firstInSentence: true, last: done.Count + r.Main.Events == total, emit: true, afterLead: true);
                return $"{conj} {sub}, {mainText}";
            }
            default: throw new InvalidOperationException("before-that groups are written as two sentences");
        }
    }

    /// <summary>A main clause: subject (by the parser's rule) and verb phrase; with <paramref name="emit"/> its events are
    /// recorded and it becomes the latest clause.</summary>
    private string Main(WritingUnit u, bool firstInSentence, bool last, bool allowNone = false, bool emit = true, bool noOnce = false,
        bool afterLead = false, bool carriedFirst = false)
    {
        string x = u.Event.Subject;
        string subject = carriedFirst ? "" : SubjectText(x, allowNone && !firstInSentence && !afterLead && recent == x, pronoun: recent == x || (recent is null && scene.Objects.Count == 1));
        var context = new ClauseWriter.Context(done.Count == 0 && !afterLead, last && !afterLead && !finalJoiner, Again(u), false, Too(u), noOnce, done.Count > 0);
        string text = subject.Length == 0 && !carriedFirst && ClauseWriter.HasDirection(u) && rng.NextDouble() < (u.Target is null ? 0.5 : 0.85)
            ? writer.Direction(u)
            : subject + writer.Verb(u, ClauseWriter.Shape.Tensed, context);
        if (emit) Emit(u);
        recent = x;
        return text;
    }

    /// <summary>The clause after a conjunction: an "-ing" clause when it shares the main clause's subject, otherwise
    /// "it" (when the parser would read it as this subject) or the name, then the verb.</summary>
    private string Sub(WritingUnit u, string conj, string mainSubject, bool leading, bool recap)
    {
        string x = u.Event.Subject;
        bool same = x == mainSubject;
        bool pronoun = leading
            ? (recent ?? (scene.Objects.Count == 1 ? scene.Objects[0].Name : null)) == x || (recent is null && same)
            : same;
        // A leading "after"-clause equal to the event just before it would read as a recap: say "again".
        bool forceAgain = !recap && leading && conj != "before" && u.Count == 1 && specs.Count > 0 && specs[^1] is var last
            && last.Subject == x && last.Action == (u.Target is null ? u.Event.Action : null) && last.Color == u.Event.TargetColor && last.Target == u.Target;
        var context = new ClauseWriter.Context(false, false, !recap && Again(u), forceAgain, !recap && Too(u), NoOnce: true, false);
        if (same && rng.NextDouble() < 0.45)
        {
            if (leading && conj is "when" or "once" && rng.NextDouble() < 0.2)
                return $"{SubjectText(x, false, pronoun)}{Pick<string>(past ? ["had finished", "was done"] : ["has finished", "is done"])} {writer.Verb(u, ClauseWriter.Shape.Gerund, context)}";
            return writer.Verb(u, ClauseWriter.Shape.Gerund, context);
        }
        string subject = SubjectText(x, false, pronoun);
        // The parser settles a leading "it" with nothing before it on the main clause's subject, later (cataphora).
        bool cataphoric = leading && subject == "it " && recent is null && scene.Objects.Count > 1;
        if (!cataphoric && (leading || !same)) recent = x;
        return subject + writer.Verb(u, ClauseWriter.Shape.Tensed, context);
    }

    private string SubjectText(string x, bool allowNone, bool pronoun)
    {
        double roll = rng.NextDouble();
        if (allowNone && roll < 0.45) return "";
        if (pronoun && roll < 0.8)
            return scene.Objects.Count == 1 && rng.NextDouble() < 0.08 ? Pick(["the shape ", "the object "]) : "it ";
        var o = scene.Find(x)!;
        bool uniqueShape = scene.Objects.Count(y => y.Shape == o.Shape) == 1;
        return uniqueShape && rng.NextDouble() < 0.5 ? $"the {o.Shape.ToString().ToLowerInvariant()} " : $"the {x} ";
    }

    private bool Again(WritingUnit u) => done.Any(e => e.Subject == u.Event.Subject && e.Action == u.Event.Action && e.TargetColor == u.Event.TargetColor);

    private bool Too(WritingUnit u) => done.Any(e => e.Subject != u.Event.Subject && e.Action == u.Event.Action && e.TargetColor == u.Event.TargetColor);

    private void Emit(WritingUnit u)
    {
        var ev = u.Event;
        var spec = new EventSpec(ev.Subject, u.Target is null ? ev.Action : null, ev.TargetColor, u.Target, ev.Pace, default, "");
        for (int i = 0; i < u.Count; i++) specs.Add(spec);
        for (int i = 0; i < u.Events; i++) done.Add(ev);
    }

    /// <summary>What opens a sentence: nothing, an opening connective (first sentence), a connective or a completion.</summary>
    private string Opening(bool first, bool plainFollows)
    {
        double roll = rng.NextDouble();
        if (first) return roll < 0.15 ? Pick(Lexicon.OpeningConnectives) + (rng.Next(2) == 0 ? ", " : " ") : "";
        if (roll < 0.35) return "";
        if (roll < 0.5 && plainFollows) return Completion() + ", ";
        string connective = Pick(Lexicon.Connectives.Where(c => c != "finally").ToArray());
        return connective + (connective.StartsWith("once", StringComparison.Ordinal) || rng.Next(2) == 0 ? ", " : " ");
    }

    /// <summary>What joins two groups of a sentence.</summary>
    private string Joiner(bool plainFollows, bool lastEvent)
    {
        if (lastEvent && rng.NextDouble() < 0.3)
        {
            finalJoiner = true;
            return Pick([", and finally ", " and finally "]);
        }
        return rng.Next(9) switch
        {
            0 => " and ",
            1 => ", and ",
            2 => " then ",
            3 => " and then ",
            4 => ", and then ",
            5 => ", " + Pick(Lexicon.Connectives.Where(c => c != "finally" && !c.StartsWith("once", StringComparison.Ordinal)).ToArray()) + " ",
            6 when plainFollows => ", and " + Completion() + ", ",
            7 => " — then ",
            _ => ", then ",
        };
    }

    /// <summary>"once it has finished", "when that is done", "after it stops", "once done" …</summary>
    private string Completion()
    {
        string conj = Pick(["once", "when", "after", "as soon as"]);
        string[] ends = past
            ? ["it had finished", "it was done", "that was done", "that had happened", "it finished", "it was over", "this was over", "it stopped", "it ended"]
            : ["it has finished", "it is done", "that is done", "that has happened", "it finishes", "it is over", "this is over", "it has stopped",
               "it stops", "done", "finished", "it has ended", "it ends", "it is complete", "that happens"];
        return $"{conj} {Pick(ends)}";
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}
