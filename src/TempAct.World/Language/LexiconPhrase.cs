using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.World.Language;

/// <summary>One entry of the phrase table: a lower-case word sequence, its grammatical role and what it means.</summary>
/// <param name="Text">The phrase, lower case, words separated by single spaces ("slides to the right").</param>
/// <param name="Kind">The grammar slot the phrase fills.</param>
public sealed record LexiconPhrase(string Text, PhraseKind Kind)
{
    /// <summary>The phrase's words in order.</summary>
    public IReadOnlyList<string> Words { get; } = Text.Split(' ');

    /// <summary>The action of an <see cref="PhraseKind.Action"/> phrase; null for a move given by its destination.</summary>
    public ActionKind? Action { get; init; }

    /// <summary>Where a destination move ends (<see cref="PhraseKind.Action"/> phrases without an <see cref="Action"/>).</summary>
    public MoveTarget? Target { get; init; }

    /// <summary>The colour of a <see cref="PhraseKind.Color"/> phrase, or the target colour of a turn.</summary>
    public ColorName? Color { get; init; }

    /// <summary>The shape of a <see cref="PhraseKind.Shape"/> phrase.</summary>
    public ShapeKind? Shape { get; init; }

    /// <summary>The size of a <see cref="PhraseKind.Size"/> phrase.</summary>
    public SizeClass? Size { get; init; }

    /// <summary>The grid cell of a <see cref="PhraseKind.Placement"/> phrase (the preferred one when it names a side).</summary>
    public Placement? Cell { get; init; }

    /// <summary>True for a placement that only names a side of the canvas: any cell of that side will do.</summary>
    public bool Side { get; init; }

    /// <summary>The repetition count of a <see cref="PhraseKind.Count"/> phrase (1 for every other kind).</summary>
    public int Count { get; init; } = 1;

    /// <summary>For a verb phrase, the forms this spelling stands for; for an auxiliary, the form of the verb after it.</summary>
    public VerbForms Forms { get; init; }

    /// <summary>The verb phrase's lemma ("slide", "get bigger", "change colour to"); the text itself for other phrases.</summary>
    public string Lemma { get; init; } = Text;

    /// <summary>What follows the verb in an action phrase: a direction, a destination, a particle, "&lt;colour&gt;" or "".</summary>
    public string Complement { get; init; } = "";

    /// <summary>For a conjunction: true when its clause's events happen first ("after"), false when last ("before").</summary>
    public bool ClauseFirst { get; init; }

    /// <summary>True when the phrase is one of <see cref="CoreLexicon"/>'s, which the core wording writes.</summary>
    public bool Core { get; init; }
}
