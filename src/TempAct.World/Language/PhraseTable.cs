using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.World.Language;

/// <summary>
/// Builds every phrase of the language from <see cref="Lexicon"/>'s lists and rules: each verb phrase in each of its
/// forms (<see cref="Inflection"/>) with each complement its family takes. Two phrases of one kind with the same words
/// must mean the same thing (their forms merge); anything else is a lexicon bug and fails at start-up.
/// </summary>
internal static class PhraseTable
{
    /// <summary>All phrases.</summary>
    public static IReadOnlyList<LexiconPhrase> All { get; } = Build();

    /// <summary>The phrases of each kind, in table order.</summary>
    public static IReadOnlyDictionary<PhraseKind, LexiconPhrase[]> ByKind { get; } =
        Enum.GetValues<PhraseKind>().ToDictionary(k => k, k => All.Where(p => p.Kind == k).ToArray());

    /// <summary>Every word of every phrase.</summary>
    public static IReadOnlySet<string> Vocabulary { get; } = All.SelectMany(p => p.Words).ToHashSet(StringComparer.Ordinal);

    private static LexiconPhrase[] Build()
    {
        var list = new List<LexiconPhrase>();
        var index = new Dictionary<(PhraseKind, string), int>();
        var core = CorePhrases();
        void Add(LexiconPhrase p)
        {
            p = p with { Core = core.Contains((p.Kind, p.Text)) };
            if (index.TryGetValue((p.Kind, p.Text), out int at))
            {
                var old = list[at];
                if (!SameMeaning(old, p))
                    throw new InvalidOperationException($"lexicon clash: '{p.Text}' ({p.Kind}) means two things");
                list[at] = old with { Forms = old.Forms | p.Forms };
                return;
            }
            index[(p.Kind, p.Text)] = list.Count;
            list.Add(p);
        }
        void AddAll(PhraseKind kind, IEnumerable<string> texts) { foreach (var t in texts) Add(new LexiconPhrase(t, kind)); }

        // Scene part.
        AddAll(PhraseKind.Article, Lexicon.Articles);
        AddAll(PhraseKind.ThereIs, Lexicon.ThereIs);
        foreach (var (w, s) in Lexicon.SizeWords) Add(new LexiconPhrase(w, PhraseKind.Size) { Size = s });
        AddAll(PhraseKind.Hidden, Lexicon.HiddenWords);
        foreach (var c in Enum.GetValues<ColorName>()) Add(new LexiconPhrase(c.Word(), PhraseKind.Color) { Color = c });
        foreach (var s in Enum.GetValues<ShapeKind>()) Add(new LexiconPhrase(s.Word(), PhraseKind.Shape) { Shape = s });
        AddAll(PhraseKind.Posture, CoreLexicon.Postures);
        foreach (var verb in Lexicon.PostureVerbs)
            foreach (var (text, forms) in Inflection.Forms(verb))
            {
                if ((forms & VerbForms.Finite) != 0) Add(new LexiconPhrase(text, PhraseKind.Posture));
                if ((forms & VerbForms.Gerund) != 0 && !verb.Contains(' ')) { AddAll(PhraseKind.Posture, ["is " + text, "was " + text]); }
            }
        AddAll(PhraseKind.Posture, Lexicon.PostureStates);
        foreach (var (phrase, cell, side) in Lexicon.Placements) Add(new LexiconPhrase(phrase, PhraseKind.Placement) { Cell = cell, Side = side });
        AddAll(PhraseKind.PlacementSuffix, Lexicon.PlacementSuffixes);

        // Actions: every form of every verb with every complement of its family.
        foreach (var p in ActionPhrases()) Add(p);
        foreach (var (aux, takes) in Lexicon.Auxiliaries) Add(new LexiconPhrase(aux, PhraseKind.Auxiliary) { Forms = takes });

        // Modifiers and sequencing.
        AddAll(PhraseKind.PaceBefore, Lexicon.PaceBefore);
        AddAll(PhraseKind.PaceAfter, Lexicon.PaceAfter);
        AddAll(PhraseKind.Manner, Lexicon.MannerWords);
        foreach (var (text, count) in Lexicon.Counts) Add(new LexiconPhrase(text, PhraseKind.Count) { Count = count });
        AddAll(PhraseKind.Repetition, Lexicon.RepetitionWords);
        AddAll(PhraseKind.StayDuration, Lexicon.StayDurations);
        AddAll(PhraseKind.Connective, Lexicon.Connectives);
        AddAll(PhraseKind.OpeningConnective, Lexicon.OpeningConnectives);
        AddAll(PhraseKind.Sequencer, Lexicon.Sequencers);
        foreach (var (word, first) in Lexicon.Conjunctions) Add(new LexiconPhrase(word, PhraseKind.Conjunction) { ClauseFirst = first });
        foreach (var verb in Lexicon.CompletionVerbs)
            foreach (var (text, forms) in Inflection.Forms(verb))
                Add(new LexiconPhrase(text, PhraseKind.Completion) { Forms = forms, Lemma = verb });
        foreach (var word in Lexicon.CompletionWords) Add(new LexiconPhrase(word, PhraseKind.Completion) { Forms = VerbForms.Participle });
        AddAll(PhraseKind.Simultaneity, Lexicon.SimultaneityWords);
        Add(new LexiconPhrase(Lexicon.Pronoun, PhraseKind.Pronoun));
        Add(new LexiconPhrase(Lexicon.Definite, PhraseKind.Definite));
        AddAll(PhraseKind.Noun, Lexicon.GenericNouns);
        Add(new LexiconPhrase(Lexicon.And, PhraseKind.And));
        return list.ToArray();
    }

    private static IEnumerable<LexiconPhrase> ActionPhrases()
    {
        LexiconPhrase Phrase(string verb, VerbForms forms, string lemma, string complement) =>
            new(complement.Length == 0 ? verb : $"{verb} {complement}", PhraseKind.Action) { Forms = forms, Lemma = lemma, Complement = complement };

        var directions = Lexicon.Directions.ToList();
        foreach (var (d, move) in Lexicon.Directions) directions.Add(($"{Lexicon.Back} {d}", move));
        foreach (var particle in Lexicon.DirectionParticles.Where(p => p != Lexicon.Back))
            foreach (var (d, move) in Lexicon.Directions.Where(d => d.Phrase.StartsWith("to the", StringComparison.Ordinal)))
                directions.Add(($"{particle} {d}", move));

        foreach (var (d, move) in directions) yield return new LexiconPhrase(d, PhraseKind.Direction) { Action = move };
        foreach (var (d, target) in Lexicon.Destinations) yield return new LexiconPhrase(d, PhraseKind.Direction) { Target = target };
        yield return new LexiconPhrase(Lexicon.Back, PhraseKind.Direction) { Target = MoveTarget.Back };
        foreach (var lemma in Lexicon.MoveVerbs)
            foreach (var (verb, forms) in Inflection.Forms(lemma))
            {
                foreach (var (d, move) in directions) yield return Phrase(verb, forms, lemma, d) with { Action = move };
                foreach (var (d, target) in Lexicon.Destinations) yield return Phrase(verb, forms, lemma, d) with { Target = target };
                yield return Phrase(verb, forms, lemma, Lexicon.Back) with { Target = MoveTarget.Back };
            }
        foreach (var (verbs, particles, move, target) in new[]
                 {
                     (Lexicon.UpVerbs, Lexicon.UpParticles, ActionKind.MoveUp, MoveTarget.Top),
                     (Lexicon.DownVerbs, Lexicon.DownParticles, ActionKind.MoveDown, MoveTarget.Bottom),
                 })
            foreach (var lemma in verbs)
                foreach (var (verb, forms) in Inflection.Forms(lemma))
                {
                    yield return Phrase(verb, forms, lemma, "") with { Action = move };
                    foreach (var p in particles) yield return Phrase(verb, forms, lemma, p) with { Action = move };
                    foreach (var p in particles) yield return Phrase(verb, forms, lemma, $"{Lexicon.Back} {p}") with { Action = move };
                    foreach (var (d, t) in Lexicon.Destinations.Where(d => d.Target == target)) yield return Phrase(verb, forms, lemma, d) with { Target = t };
                }
        foreach (var lemma in Lexicon.ReturnVerbs)
            foreach (var (verb, forms) in Inflection.Forms(lemma))
            {
                yield return Phrase(verb, forms, lemma, "") with { Target = MoveTarget.Return };
                foreach (var (d, move) in Lexicon.Directions) yield return Phrase(verb, forms, lemma, d) with { Action = move };
                foreach (var (d, t) in Lexicon.Destinations.Where(d => d.Target == MoveTarget.Middle && !d.Phrase.StartsWith(Lexicon.Back, StringComparison.Ordinal)))
                    yield return Phrase(verb, forms, lemma, d) with { Target = t };
            }
        foreach (var (lemma, action) in Lexicon.ActionVerbs)
            foreach (var (verb, forms) in Inflection.Forms(lemma))
                yield return new LexiconPhrase(verb, PhraseKind.Action) { Action = action, Forms = forms, Lemma = lemma };
        foreach (var lemma in Lexicon.TurnVerbs)
            foreach (var (verb, forms) in Inflection.Forms(lemma))
                foreach (var c in Enum.GetValues<ColorName>())
                    yield return Phrase(verb, forms, lemma, c.Word()) with { Action = ActionKind.Turn, Color = c, Complement = "<colour>" };
    }

    private static bool SameMeaning(LexiconPhrase a, LexiconPhrase b) =>
        a.Action == b.Action && a.Target == b.Target && a.Color == b.Color && a.Shape == b.Shape && a.Size == b.Size
        && a.Cell == b.Cell && a.Side == b.Side && a.Count == b.Count && a.ClauseFirst == b.ClauseFirst;

    /// <summary>(kind, text) of every phrase of <see cref="CoreLexicon"/>.</summary>
    private static HashSet<(PhraseKind, string)> CorePhrases()
    {
        var set = new HashSet<(PhraseKind, string)>();
        void Add(PhraseKind kind, IEnumerable<string> texts) { foreach (var t in texts) set.Add((kind, t)); }
        Add(PhraseKind.Article, CoreLexicon.Articles);
        Add(PhraseKind.ThereIs, CoreLexicon.ThereIs);
        Add(PhraseKind.Size, CoreLexicon.SizeWords.Select(s => s.Word));
        Add(PhraseKind.Hidden, CoreLexicon.HiddenWords);
        Add(PhraseKind.Color, Enum.GetValues<ColorName>().Select(c => c.Word()));
        Add(PhraseKind.Shape, Enum.GetValues<ShapeKind>().Select(s => s.Word()));
        Add(PhraseKind.Posture, CoreLexicon.Postures);
        Add(PhraseKind.Placement, CoreLexicon.Placements.Select(p => p.Phrase));
        Add(PhraseKind.Action, CoreLexicon.ActionPhrases.Select(a => a.Text));
        Add(PhraseKind.PaceBefore, CoreLexicon.PaceBefore);
        Add(PhraseKind.PaceAfter, CoreLexicon.PaceAfter);
        Add(PhraseKind.Count, CoreLexicon.Counts.Select(c => c.Phrase));
        Add(PhraseKind.Connective, CoreLexicon.Connectives);
        Add(PhraseKind.OpeningConnective, CoreLexicon.OpeningConnectives);
        Add(PhraseKind.Pronoun, [Lexicon.Pronoun]);
        Add(PhraseKind.Definite, [Lexicon.Definite]);
        Add(PhraseKind.And, [Lexicon.And]);
        return set;
    }
}
