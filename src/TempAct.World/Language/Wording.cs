namespace TempAct.World.Language;

/// <summary>Which part of the language the generator writes in.</summary>
public enum Wording
{
    /// <summary>The core forms only (<see cref="CoreLexicon"/>: present tense, every fact stated). The committed
    /// benchmark sets are written this way, and a seed gives the same text as when they were made.</summary>
    Core,

    /// <summary>The whole language: tenses and aspects, clauses of time in either order, destinations and "back",
    /// repetition and manner words, omitted sizes and side-only placements, punctuation and case variants.</summary>
    Full,
}
