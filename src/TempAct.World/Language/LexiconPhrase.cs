using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.World.Language;

/// <summary>One entry of the <see cref="Lexicon"/>: a lower-case word sequence, its grammatical role and what it means.</summary>
/// <param name="Text">The phrase, lower case, words separated by single spaces ("slides to the right").</param>
/// <param name="Kind">The grammar slot the phrase fills.</param>
public sealed record LexiconPhrase(string Text, PhraseKind Kind)
{
    /// <summary>The phrase's words in order.</summary>
    public IReadOnlyList<string> Words { get; } = Text.Split(' ');

    /// <summary>The action of an <see cref="PhraseKind.Action"/> phrase.</summary>
    public ActionKind? Action { get; init; }

    /// <summary>The colour of a <see cref="PhraseKind.Color"/> phrase, or the target colour of a turn.</summary>
    public ColorName? Color { get; init; }

    /// <summary>The shape of a <see cref="PhraseKind.Shape"/> phrase.</summary>
    public ShapeKind? Shape { get; init; }

    /// <summary>The size of a <see cref="PhraseKind.Size"/> phrase.</summary>
    public SizeClass? Size { get; init; }

    /// <summary>The grid cell of a <see cref="PhraseKind.Placement"/> phrase.</summary>
    public Placement? Cell { get; init; }

    /// <summary>The repetition count of a <see cref="PhraseKind.Count"/> phrase (1 for every other kind).</summary>
    public int Count { get; init; } = 1;

    /// <summary>The paraphrase this phrase instantiates: the text itself, or "turns &lt;colour&gt;" for every turn phrase built from "turns".</summary>
    public string Paraphrase { get; init; } = Text;
}
