using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.World.Language;

/// <summary>
/// The instruction language's data, in one place: every word and phrase the generator writes and the parser reads, with
/// its meaning. docs/instruction-language.md lists the same words; a test keeps the two in step.
/// </summary>
public static class Lexicon
{
    /// <summary>Most characters an instruction may have; longer text is rejected before it is read.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Most events an instruction may describe, counts expanded (SPEC §2).</summary>
    public const int MaxEvents = 6;

    /// <summary>Words that introduce an object in the scene part.</summary>
    public static IReadOnlyList<string> Articles { get; } = ["a", "an"];

    /// <summary>Openings of a scene sentence without a posture verb ("There is a red circle on the left.").</summary>
    public static IReadOnlyList<string> ThereIs { get; } = ["there is", "there are", "there's"];

    /// <summary>Size words; an object without one is large.</summary>
    public static IReadOnlyList<(string Word, SizeClass Size)> SizeWords { get; } =
        [("small", SizeClass.Small), ("tiny", SizeClass.Small), ("large", SizeClass.Large), ("big", SizeClass.Large)];

    /// <summary>Words that make an object start invisible (before the colour, or right after the posture verb).</summary>
    public static IReadOnlyList<string> HiddenWords { get; } = ["hidden", "invisible"];

    /// <summary>Scene verbs between an object and its placement ("A red circle rests on the left.").</summary>
    public static IReadOnlyList<string> Postures { get; } =
        ["rests", "sits", "waits", "stands", "lies", "is", "starts", "begins", "is resting", "is sitting", "is waiting"];

    /// <summary>Placement phrases for each of the nine grid cells.</summary>
    public static IReadOnlyList<(string Phrase, Placement Cell)> Placements { get; } = BuildPlacements();

    /// <summary>Motion verbs; each combines with every direction phrase ("glides" + "to the left").</summary>
    public static IReadOnlyList<string> MoveVerbs { get; } = ["slides", "glides", "drifts", "moves", "travels", "shifts", "goes"];

    /// <summary>Direction phrases that follow a motion verb, with the move they make.</summary>
    public static IReadOnlyList<(string Phrase, ActionKind Move)> Directions { get; } =
    [
        ("to the left", ActionKind.MoveLeft), ("left", ActionKind.MoveLeft), ("leftward", ActionKind.MoveLeft), ("leftwards", ActionKind.MoveLeft),
        ("to the right", ActionKind.MoveRight), ("right", ActionKind.MoveRight), ("rightward", ActionKind.MoveRight), ("rightwards", ActionKind.MoveRight),
        ("up", ActionKind.MoveUp), ("upward", ActionKind.MoveUp), ("upwards", ActionKind.MoveUp),
        ("down", ActionKind.MoveDown), ("downward", ActionKind.MoveDown), ("downwards", ActionKind.MoveDown),
    ];

    /// <summary>Verb phrases that are a whole action on their own (every action except turn; moves also come from
    /// <see cref="MoveVerbs"/> + <see cref="Directions"/>).</summary>
    public static IReadOnlyList<(string Phrase, ActionKind Action)> VerbPhrases { get; } =
    [
        ("rises", ActionKind.MoveUp), ("climbs", ActionKind.MoveUp), ("ascends", ActionKind.MoveUp), ("rises up", ActionKind.MoveUp), ("climbs up", ActionKind.MoveUp),
        ("sinks", ActionKind.MoveDown), ("drops", ActionKind.MoveDown), ("descends", ActionKind.MoveDown), ("falls", ActionKind.MoveDown),
        ("sinks down", ActionKind.MoveDown), ("drops down", ActionKind.MoveDown),
        ("jumps", ActionKind.Jump), ("hops", ActionKind.Jump), ("leaps", ActionKind.Jump), ("bounces", ActionKind.Jump),
        ("grows", ActionKind.Grow), ("expands", ActionKind.Grow), ("gets bigger", ActionKind.Grow), ("swells", ActionKind.Grow),
        ("gets larger", ActionKind.Grow), ("grows bigger", ActionKind.Grow), ("becomes bigger", ActionKind.Grow),
        ("shrinks", ActionKind.Shrink), ("gets smaller", ActionKind.Shrink), ("contracts", ActionKind.Shrink), ("dwindles", ActionKind.Shrink),
        ("grows smaller", ActionKind.Shrink), ("becomes smaller", ActionKind.Shrink),
        ("vanishes", ActionKind.Vanish), ("disappears", ActionKind.Vanish), ("fades away", ActionKind.Vanish), ("fades out", ActionKind.Vanish),
        ("goes away", ActionKind.Vanish),
        ("appears", ActionKind.Appear), ("reappears", ActionKind.Appear), ("shows up", ActionKind.Appear), ("fades in", ActionKind.Appear),
        ("comes into view", ActionKind.Appear),
        ("stays still", ActionKind.Stay), ("stays put", ActionKind.Stay), ("waits", ActionKind.Stay), ("pauses", ActionKind.Stay),
        ("holds still", ActionKind.Stay), ("rests", ActionKind.Stay), ("stays where it is", ActionKind.Stay), ("remains still", ActionKind.Stay),
    ];

    /// <summary>Turn verbs; each is followed by the target colour ("changes to" + "blue").</summary>
    public static IReadOnlyList<string> TurnVerbs { get; } = ["turns", "becomes", "changes to", "switches to", "changes colour to", "changes color to"];

    /// <summary>Pace words that may stand right before the verb ("it slowly grows"); they make the event slow.</summary>
    public static IReadOnlyList<string> PaceBefore { get; } = ["slowly", "gradually"];

    /// <summary>Pace phrases that may follow the verb phrase ("it grows at a slow pace"); they make the event slow.</summary>
    public static IReadOnlyList<string> PaceAfter { get; } = ["slowly", "gradually", "at a slow pace", "at a leisurely pace"];

    /// <summary>Counts after the verb phrase: the event happens this many times in a row.</summary>
    public static IReadOnlyList<(string Phrase, int Count)> Counts { get; } =
    [
        ("twice", 2), ("two times", 2), ("thrice", 3), ("three times", 3), ("four times", 4), ("five times", 5), ("six times", 6),
    ];

    /// <summary>Sequencing words; at the start of an event sentence or between two events of one sentence.</summary>
    public static IReadOnlyList<string> Connectives { get; } =
    [
        "then", "after that", "after this", "next", "afterwards", "finally",
        "once it has finished", "once it is done", "once that is done", "once that has happened",
    ];

    /// <summary>Connectives allowed only before the first event.</summary>
    public static IReadOnlyList<string> OpeningConnectives { get; } = ["first", "to begin with", "at first"];

    /// <summary>The pronoun for the previous event's subject (or the only object).</summary>
    public const string Pronoun = "it";

    /// <summary>The article that starts a named subject ("the circle", "the red circle").</summary>
    public const string Definite = "the";

    /// <summary>The word that joins objects or events.</summary>
    public const string And = "and";

    /// <summary>Punctuation that ends a sentence.</summary>
    public static IReadOnlyList<string> SentenceEnds { get; } = [".", "!", ";"];

    /// <summary>Punctuation that joins clauses inside a sentence.</summary>
    public const string Comma = ",";

    /// <summary>Every phrase of the language with its role and meaning, for the parser's longest-match lookup.</summary>
    public static IReadOnlyList<LexiconPhrase> Phrases { get; } = BuildPhrases();

    /// <summary>Every word that occurs in some phrase; any other word in an instruction is unknown.</summary>
    public static IReadOnlySet<string> Vocabulary { get; } = Phrases.SelectMany(p => p.Words).ToHashSet(StringComparer.Ordinal);

    /// <summary>The distinct paraphrases of an action ("slides to the right", "turns &lt;colour&gt;" …), in lexicon order.</summary>
    public static IReadOnlyList<string> Paraphrases(ActionKind action) =>
        Phrases.Where(p => p.Kind == PhraseKind.Action && p.Action == action).Select(p => p.Paraphrase).Distinct().ToArray();

    /// <summary>The lexicon's phrases of one kind.</summary>
    public static IEnumerable<LexiconPhrase> OfKind(PhraseKind kind) => Phrases.Where(p => p.Kind == kind);

    private static (string, Placement)[] BuildPlacements()
    {
        var list = new List<(string, Placement)>();
        void Add(Placement cell, params string[] phrases) { foreach (var p in phrases) list.Add((p, cell)); }
        Add(new Placement(1, 1), "in the center", "in the centre", "in the middle", "at the center", "at the centre");
        Add(new Placement(0, 1), "on the left", "at the left", "on the left side", "at the left side");
        Add(new Placement(2, 1), "on the right", "at the right", "on the right side", "at the right side");
        Add(new Placement(1, 0), "at the top", "at the top center", "at the top centre", "at the top middle", "near the top");
        Add(new Placement(1, 2), "at the bottom", "at the bottom center", "at the bottom centre", "at the bottom middle", "near the bottom");
        foreach (var (v, alt, row) in new[] { ("top", "upper", 0), ("bottom", "lower", 2) })
            foreach (var (h, column) in new[] { ("left", 0), ("right", 2) })
                Add(new Placement(column, row), $"in the {v} {h} corner", $"at the {v} {h}", $"in the {v} {h}", $"at the {v} {h} corner",
                    $"in the {alt} {h} corner", $"at the {alt} {h}");
        return list.ToArray();
    }

    private static LexiconPhrase[] BuildPhrases()
    {
        var list = new List<LexiconPhrase>();
        list.AddRange(Articles.Select(a => new LexiconPhrase(a, PhraseKind.Article)));
        list.AddRange(ThereIs.Select(t => new LexiconPhrase(t, PhraseKind.ThereIs)));
        list.AddRange(SizeWords.Select(s => new LexiconPhrase(s.Word, PhraseKind.Size) { Size = s.Size }));
        list.AddRange(HiddenWords.Select(h => new LexiconPhrase(h, PhraseKind.Hidden)));
        list.AddRange(Enum.GetValues<ColorName>().Select(c => new LexiconPhrase(c.Word(), PhraseKind.Color) { Color = c }));
        list.AddRange(Enum.GetValues<ShapeKind>().Select(s => new LexiconPhrase(s.Word(), PhraseKind.Shape) { Shape = s }));
        list.AddRange(Postures.Select(p => new LexiconPhrase(p, PhraseKind.Posture)));
        list.AddRange(Placements.Select(p => new LexiconPhrase(p.Phrase, PhraseKind.Placement) { Cell = p.Cell }));
        foreach (var verb in MoveVerbs)
            foreach (var (direction, move) in Directions)
                list.Add(new LexiconPhrase($"{verb} {direction}", PhraseKind.Action) { Action = move });
        list.AddRange(VerbPhrases.Select(v => new LexiconPhrase(v.Phrase, PhraseKind.Action) { Action = v.Action }));
        foreach (var verb in TurnVerbs)
            foreach (var c in Enum.GetValues<ColorName>())
                list.Add(new LexiconPhrase($"{verb} {c.Word()}", PhraseKind.Action) { Action = ActionKind.Turn, Color = c, Paraphrase = $"{verb} <colour>" });
        list.AddRange(PaceBefore.Select(p => new LexiconPhrase(p, PhraseKind.PaceBefore)));
        list.AddRange(PaceAfter.Select(p => new LexiconPhrase(p, PhraseKind.PaceAfter)));
        list.AddRange(Counts.Select(c => new LexiconPhrase(c.Phrase, PhraseKind.Count) { Count = c.Count }));
        list.AddRange(Connectives.Select(c => new LexiconPhrase(c, PhraseKind.Connective)));
        list.AddRange(OpeningConnectives.Select(c => new LexiconPhrase(c, PhraseKind.OpeningConnective)));
        list.Add(new LexiconPhrase(Pronoun, PhraseKind.Pronoun));
        list.Add(new LexiconPhrase(Definite, PhraseKind.Definite));
        list.Add(new LexiconPhrase(And, PhraseKind.And));
        return list.ToArray();
    }
}
