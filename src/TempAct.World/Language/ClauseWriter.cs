using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.World.Language;

/// <summary>
/// Writes one clause's verb phrase in the whole language: a paraphrase in the instruction's tense or with an auxiliary
/// ("has moved", "is moving", "will move", "starts to move"), adverbs before it, and after it the count, pace, manner,
/// repetition and duration words in any order — always as the parser reads them back.
/// </summary>
internal sealed class ClauseWriter(Random rng, bool past)
{
    private static readonly Dictionary<(ActionKind?, ColorName?, MoveTarget?), LexiconPhrase[]> Actions = Lexicon.OfKind(PhraseKind.Action)
        .GroupBy(p => (p.Action, p.Color, p.Target)).ToDictionary(g => g.Key, g => g.ToArray());

    private static readonly string[] AgainWords = Lexicon.RepetitionWords.Where(w => w is not ("too" or "as well" or "also")).ToArray();
    private static readonly string[] PreManner = ["quickly", "smoothly", "steadily", "gently", "calmly", "suddenly", "immediately", "just", "simply", "swiftly"];
    private static readonly string[] PostManner = Lexicon.MannerWords.Where(m => m is not ("just" or "simply")).ToArray();

    /// <summary>How the verb is shaped.</summary>
    public enum Shape { Tensed, Gerund }

    /// <summary>What may be added around the verb phrase.</summary>
    /// <param name="FirstEvent">The clause is the first event (allows "first", "at first").</param>
    /// <param name="LastEvent">The clause is the last event (allows "finally").</param>
    /// <param name="Again">"again"-words fit (the same event happened before); Forced: one must be written.</param>
    /// <param name="Too">"too"-words fit (another object did the same before).</param>
    /// <param name="NoOnce">No count "once" (a clause of time follows).</param>
    /// <param name="Sequencer">A sequencing word may stand before the verb ("it then jumps").</param>
    public sealed record Context(bool FirstEvent, bool LastEvent, bool Again, bool ForceAgain, bool Too, bool NoOnce, bool Sequencer);

    /// <summary>The verb phrase of <paramref name="unit"/> with its modifiers, e.g. "has slowly slid to the right twice".</summary>
    public string Verb(WritingUnit unit, Shape shape, Context context)
    {
        var ev = unit.Event;
        bool slow = ev.Pace == Pace.Slow;
        var (aux, form) = shape == Shape.Gerund ? ("", VerbForms.Gerund) : Tense(ev);
        var phrase = PickPhrase(unit, form, aux);
        var before = new List<string>();
        var after = new List<string>();
        bool paceBefore = slow && rng.NextDouble() < 0.45;
        if (paceBefore) before.Add(Pick(Lexicon.PaceBefore));
        if (!paceBefore && slow) after.Add(rng.NextDouble() < 0.06 ? $"({Pick(Lexicon.PaceAfter)})" : Pick(Lexicon.PaceAfter));
        if (unit.Count > 1) after.Add(CountPhrase(unit.Count, context.Again));
        else if (!context.NoOnce && unit.Target is null && rng.NextDouble() < 0.04) after.Add(Pick(["once", "one time", "1 time"]));
        if (rng.NextDouble() < 0.08)
        {
            if (rng.Next(2) == 0) before.Add(Pick(PreManner));
            else after.Add(Pick(PostManner));
        }
        if (context.ForceAgain || (context.Again && rng.NextDouble() < 0.3)) after.Add(Pick(AgainWords));
        else if (context.Too && rng.NextDouble() < 0.3)
        {
            if (rng.Next(3) == 0) before.Add("also");
            else after.Add(Pick(["too", "as well"]));
        }
        if (ev.Action == ActionKind.Stay && rng.NextDouble() < 0.25) after.Add(Pick(Lexicon.StayDurations));
        if (shape == Shape.Tensed && context.LastEvent && !context.FirstEvent && rng.NextDouble() < 0.1) before.Insert(0, "finally");
        else if (shape == Shape.Tensed && context.Sequencer && rng.NextDouble() < 0.05)
            before.Insert(0, Pick<string>(context.LastEvent ? ["then", "next", "now", "later", "afterwards", "eventually", "lastly"] : ["then", "next", "now", "later", "afterwards"]));
        else if (shape == Shape.Tensed && context.FirstEvent && rng.NextDouble() < 0.04) before.Insert(0, "first");
        if (shape == Shape.Tensed && context.FirstEvent && rng.NextDouble() < 0.06) after.Add(Pick(["at first", "first"]));
        Shuffle(after);
        var words = new List<string>();
        if (aux.Length > 0)
        {
            // Adverbs go before or after the auxiliary: "slowly has moved", "has slowly moved".
            if (rng.Next(2) == 0) { words.AddRange(before); words.Add(aux); }
            else { words.Add(aux); words.AddRange(before); }
        }
        else words.AddRange(before);
        words.Add(phrase.Text);
        words.AddRange(after);
        return string.Join(" ", words);
    }

    /// <summary>A direction alone for a move ("up", "back to the middle"), with the count or pace after it.</summary>
    public string Direction(WritingUnit unit)
    {
        var choices = Lexicon.OfKind(PhraseKind.Direction).Where(p => p.Action == (unit.Target is null ? unit.Event.Action : null) && p.Target == unit.Target).ToArray();
        var words = new List<string> { Pick(choices).Text };
        if (unit.Count > 1) words.Add(CountPhrase(unit.Count, false));
        if (unit.Event.Pace == Pace.Slow) words.Add(Pick(Lexicon.PaceAfter));
        return string.Join(" ", words);
    }

    /// <summary>A count of <paramref name="n"/>; "twice more", "three more times" when the event happened before.</summary>
    private string CountPhrase(int n, bool happenedBefore)
    {
        var more = Lexicon.Counts.Where(c => c.Count == n && c.Phrase.Contains("more", StringComparison.Ordinal)).Select(c => c.Phrase).ToArray();
        if (happenedBefore && more.Length > 0 && rng.NextDouble() < 0.5) return Pick(more);
        return Pick(Lexicon.Counts.Where(c => c.Count == n && !c.Phrase.Contains("more", StringComparison.Ordinal)).Select(c => c.Phrase).ToArray());
    }

    /// <summary>True when <paramref name="unit"/> can be written as a bare direction.</summary>
    public static bool HasDirection(WritingUnit unit) =>
        unit.Target is not MoveTarget.Return && (SceneDefaults.IsMove(unit.Event.Action) || unit.Target is not null);

    /// <summary>The auxiliary (or none) and the verb form for a tensed clause.</summary>
    private (string Aux, VerbForms Form) Tense(WorldEvent ev)
    {
        double roll = rng.NextDouble();
        bool plain = ev.Action == ActionKind.Stay; // "is being still", "starts to freeze": keep stays simple
        if (plain || roll < 0.72) return ("", past ? VerbForms.Past : VerbForms.Present);
        if (roll < 0.81) return (past ? "was" : "is", VerbForms.Gerund);
        if (roll < 0.90) return (past ? "had" : "has", VerbForms.Participle);
        if (roll < 0.94 && !past) return ("will", VerbForms.Base);
        if (roll < 0.97) return (Pick<string>(past ? ["started to", "began to"] : ["starts to", "begins to"]), VerbForms.Base);
        return (Pick<string>(past ? ["started", "began"] : ["starts", "begins"]), VerbForms.Gerund);
    }

    /// <summary>A paraphrase of the unit's action in <paramref name="form"/>: a lemma first, then one of its spellings.</summary>
    private LexiconPhrase PickPhrase(WritingUnit unit, VerbForms form, string aux)
    {
        var ev = unit.Event;
        var key = unit.Target is { } t ? ((ActionKind?)null, (ColorName?)null, (MoveTarget?)t) : (ev.Action, ev.TargetColor, (MoveTarget?)null);
        var candidates = Actions[key].Where(p => (p.Forms & form) != 0).ToArray();
        // After "starts"/"begins" + -ing, or "starts to", avoid the "start"-less oddities of "be" phrases.
        if (aux.Length > 0) candidates = candidates.Where(p => !p.Lemma.StartsWith("be ", StringComparison.Ordinal)).ToArray() is { Length: > 0 } c ? c : candidates;
        var lemmas = candidates.Select(p => p.Lemma).Distinct().ToArray();
        string lemma = Pick(lemmas);
        return Pick(candidates.Where(p => p.Lemma == lemma).ToArray());
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    private void Shuffle<T>(List<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
