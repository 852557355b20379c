using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.World.Language;

/// <summary>
/// The core forms of the instruction language: present tense, one wording per slot, as the language was first written.
/// The committed benchmark sets are written in these forms (the generator's <see cref="Wording.Core"/>), so these lists
/// never change: <see cref="Lexicon"/> holds the whole language, which contains every phrase here.
/// </summary>
public static class CoreLexicon
{
    /// <summary>Words that introduce an object in the scene part.</summary>
    public static IReadOnlyList<string> Articles { get; } = ["a", "an"];

    /// <summary>Openings of a scene sentence without a posture verb.</summary>
    public static IReadOnlyList<string> ThereIs { get; } = ["there is", "there are", "there's"];

    /// <summary>Size words.</summary>
    public static IReadOnlyList<(string Word, SizeClass Size)> SizeWords { get; } =
        [("small", SizeClass.Small), ("tiny", SizeClass.Small), ("large", SizeClass.Large), ("big", SizeClass.Large)];

    /// <summary>Words that make an object start invisible.</summary>
    public static IReadOnlyList<string> HiddenWords { get; } = ["hidden", "invisible"];

    /// <summary>Scene verbs between an object and its placement.</summary>
    public static IReadOnlyList<string> Postures { get; } =
        ["rests", "sits", "waits", "stands", "lies", "is", "starts", "begins", "is resting", "is sitting", "is waiting"];

    /// <summary>Placement phrases for each of the nine grid cells.</summary>
    public static IReadOnlyList<(string Phrase, Placement Cell)> Placements { get; } = BuildPlacements();

    /// <summary>Motion verbs; each combines with every direction phrase.</summary>
    public static IReadOnlyList<string> MoveVerbs { get; } = ["slides", "glides", "drifts", "moves", "travels", "shifts", "goes"];

    /// <summary>Direction phrases that follow a motion verb, with the move they make.</summary>
    public static IReadOnlyList<(string Phrase, ActionKind Move)> Directions { get; } =
    [
        ("to the left", ActionKind.MoveLeft), ("left", ActionKind.MoveLeft), ("leftward", ActionKind.MoveLeft), ("leftwards", ActionKind.MoveLeft),
        ("to the right", ActionKind.MoveRight), ("right", ActionKind.MoveRight), ("rightward", ActionKind.MoveRight), ("rightwards", ActionKind.MoveRight),
        ("up", ActionKind.MoveUp), ("upward", ActionKind.MoveUp), ("upwards", ActionKind.MoveUp),
        ("down", ActionKind.MoveDown), ("downward", ActionKind.MoveDown), ("downwards", ActionKind.MoveDown),
    ];

    /// <summary>Verb phrases that are a whole action on their own.</summary>
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

    /// <summary>Turn verbs; each is followed by the target colour.</summary>
    public static IReadOnlyList<string> TurnVerbs { get; } = ["turns", "becomes", "changes to", "switches to", "changes colour to", "changes color to"];

    /// <summary>Pace words before the verb.</summary>
    public static IReadOnlyList<string> PaceBefore { get; } = ["slowly", "gradually"];

    /// <summary>Pace phrases after the verb phrase.</summary>
    public static IReadOnlyList<string> PaceAfter { get; } = ["slowly", "gradually", "at a slow pace", "at a leisurely pace"];

    /// <summary>Counts after the verb phrase.</summary>
    public static IReadOnlyList<(string Phrase, int Count)> Counts { get; } =
    [
        ("twice", 2), ("two times", 2), ("thrice", 3), ("three times", 3), ("four times", 4), ("five times", 5), ("six times", 6),
    ];

    /// <summary>Sequencing words between events.</summary>
    public static IReadOnlyList<string> Connectives { get; } =
    [
        "then", "after that", "after this", "next", "afterwards", "finally",
        "once it has finished", "once it is done", "once that is done", "once that has happened",
    ];

    /// <summary>Connectives allowed only before the first event.</summary>
    public static IReadOnlyList<string> OpeningConnectives { get; } = ["first", "to begin with", "at first"];

    /// <summary>The core action phrases in their fixed order (motion verb × direction, verb phrases, turn verb × colour);
    /// the core generator picks among them.</summary>
    public static IReadOnlyList<(string Text, ActionKind Action, ColorName? Color)> ActionPhrases { get; } = BuildActions();

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

    private static (string, ActionKind, ColorName?)[] BuildActions()
    {
        var list = new List<(string, ActionKind, ColorName?)>();
        foreach (var verb in MoveVerbs)
            foreach (var (direction, move) in Directions)
                list.Add(($"{verb} {direction}", move, null));
        list.AddRange(VerbPhrases.Select(v => (v.Phrase, v.Action, (ColorName?)null)));
        foreach (var verb in TurnVerbs)
            foreach (var c in Enum.GetValues<ColorName>())
                list.Add(($"{verb} {c.Word()}", ActionKind.Turn, c));
        return list.ToArray();
    }
}
