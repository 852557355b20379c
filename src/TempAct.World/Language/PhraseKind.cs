namespace TempAct.World.Language;

/// <summary>The grammatical role of a <see cref="LexiconPhrase"/>: which slot of the instruction grammar it can fill.</summary>
public enum PhraseKind
{
    /// <summary>"a", "an": introduces an object in the scene part.</summary>
    Article,

    /// <summary>"there is", "there are": opens a scene sentence without a posture verb.</summary>
    ThereIs,

    /// <summary>A size word: "small", "tiny", "large", "big".</summary>
    Size,

    /// <summary>"hidden", "invisible": the object starts invisible.</summary>
    Hidden,

    /// <summary>A colour word: "red" … "white".</summary>
    Color,

    /// <summary>A shape word: "square", "circle", "triangle".</summary>
    Shape,

    /// <summary>A scene verb saying where an object is: "rests", "sits", "waits" …</summary>
    Posture,

    /// <summary>Where an object starts: "on the left", "in the top left corner" …</summary>
    Placement,

    /// <summary>What an event does: "slides to the right", "jumps", "turns blue" …</summary>
    Action,

    /// <summary>A pace word placed before the verb: "slowly", "gradually".</summary>
    PaceBefore,

    /// <summary>A pace phrase placed after the verb phrase: "slowly", "at a slow pace" …</summary>
    PaceAfter,

    /// <summary>A repetition count after the verb phrase: "twice", "three times" …</summary>
    Count,

    /// <summary>A sequencing word between events: "then", "after that", "finally" …</summary>
    Connective,

    /// <summary>A connective allowed only before the first event: "first", "to begin with".</summary>
    OpeningConnective,

    /// <summary>The pronoun "it".</summary>
    Pronoun,

    /// <summary>The definite article "the" that starts a named subject.</summary>
    Definite,

    /// <summary>The word "and" that joins objects or events.</summary>
    And,
}
