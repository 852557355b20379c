using TempAct.World.Events;

namespace TempAct.World.Language;

/// <summary>The verb tables of <see cref="Lexicon"/>: whole-action verb phrases, turn verbs and irregular verbs, by lemma.
/// Each list starts with the lemmas of the core phrases, in the core order.</summary>
internal static class LexiconActions
{
    public static readonly (string Lemma, ActionKind Action)[] Fixed =
    [
        ("jump", ActionKind.Jump), ("hop", ActionKind.Jump), ("leap", ActionKind.Jump), ("bounce", ActionKind.Jump),
        ("jump up and down", ActionKind.Jump), ("bounce up and down", ActionKind.Jump), ("hop up and down", ActionKind.Jump),
        ("jump in place", ActionKind.Jump), ("hop in place", ActionKind.Jump), ("jump on the spot", ActionKind.Jump),
        ("do a jump", ActionKind.Jump), ("do a little jump", ActionKind.Jump), ("do a hop", ActionKind.Jump),

        ("grow", ActionKind.Grow), ("expand", ActionKind.Grow), ("get bigger", ActionKind.Grow), ("swell", ActionKind.Grow),
        ("get larger", ActionKind.Grow), ("grow bigger", ActionKind.Grow), ("become bigger", ActionKind.Grow),
        ("grow larger", ActionKind.Grow), ("become larger", ActionKind.Grow), ("increase in size", ActionKind.Grow),
        ("grow in size", ActionKind.Grow), ("swell up", ActionKind.Grow), ("scale up", ActionKind.Grow), ("enlarge", ActionKind.Grow),
        ("get bigger and bigger", ActionKind.Grow), ("grow bigger and bigger", ActionKind.Grow),

        ("shrink", ActionKind.Shrink), ("get smaller", ActionKind.Shrink), ("contract", ActionKind.Shrink), ("dwindle", ActionKind.Shrink),
        ("grow smaller", ActionKind.Shrink), ("become smaller", ActionKind.Shrink),
        ("shrink down", ActionKind.Shrink), ("decrease in size", ActionKind.Shrink), ("shrink in size", ActionKind.Shrink),
        ("scale down", ActionKind.Shrink), ("get tinier", ActionKind.Shrink), ("get smaller and smaller", ActionKind.Shrink),
        ("grow smaller and smaller", ActionKind.Shrink),

        ("vanish", ActionKind.Vanish), ("disappear", ActionKind.Vanish), ("fade away", ActionKind.Vanish), ("fade out", ActionKind.Vanish),
        ("go away", ActionKind.Vanish),
        ("disappear from view", ActionKind.Vanish), ("fade from view", ActionKind.Vanish), ("become invisible", ActionKind.Vanish),
        ("vanish from sight", ActionKind.Vanish), ("go invisible", ActionKind.Vanish),

        ("appear", ActionKind.Appear), ("reappear", ActionKind.Appear), ("show up", ActionKind.Appear), ("fade in", ActionKind.Appear),
        ("come into view", ActionKind.Appear),
        ("become visible", ActionKind.Appear), ("fade into view", ActionKind.Appear), ("pop up", ActionKind.Appear),
        ("pop into view", ActionKind.Appear), ("come back into view", ActionKind.Appear), ("emerge", ActionKind.Appear),

        ("stay still", ActionKind.Stay), ("stay put", ActionKind.Stay), ("wait", ActionKind.Stay), ("pause", ActionKind.Stay),
        ("hold still", ActionKind.Stay), ("rest", ActionKind.Stay), ("stay where it is", ActionKind.Stay), ("remain still", ActionKind.Stay),
        ("stay", ActionKind.Stay), ("remain", ActionKind.Stay), ("keep still", ActionKind.Stay), ("stay in place", ActionKind.Stay),
        ("stay where it was", ActionKind.Stay), ("sit still", ActionKind.Stay), ("stand still", ActionKind.Stay),
        ("do nothing", ActionKind.Stay), ("hold its position", ActionKind.Stay), ("be still", ActionKind.Stay),
        ("remain in place", ActionKind.Stay), ("freeze", ActionKind.Stay),
    ];

    public static readonly string[] Turns =
    [
        "turn", "become", "change to", "switch to", "change colour to", "change color to",
        "turn to", "turn into", "change into", "go", "change its colour to", "change its color to", "switch colour to", "switch color to",
    ];

    public static readonly (string Lemma, string Past, string Participle)[] Irregular =
    [
        ("be", "was", "been"), ("become", "became", "become"), ("begin", "began", "begun"), ("come", "came", "come"),
        ("do", "did", "done"), ("fall", "fell", "fallen"), ("freeze", "froze", "frozen"), ("get", "got", "got|gotten"),
        ("go", "went", "gone"), ("grow", "grew", "grown"), ("hold", "held", "held"), ("keep", "kept", "kept"),
        ("leap", "leapt|leaped", "leapt|leaped"), ("lie", "lay", "lain"), ("rise", "rose", "risen"), ("shrink", "shrank|shrunk", "shrunk"),
        ("sink", "sank", "sunk"), ("sit", "sat", "sat"), ("slide", "slid", "slid"), ("stand", "stood", "stood"),
        ("swell", "swelled", "swelled|swollen"), ("show", "showed", "shown|showed"), ("travel", "travelled|traveled", "travelled|traveled"),
    ];
}
