namespace TempAct.World.Language;

/// <summary>The grammatical role of a <see cref="LexiconPhrase"/>: which slot of the instruction grammar it can fill.</summary>
public enum PhraseKind
{
    /// <summary>"a", "an": introduces an object in the scene part.</summary>
    Article,

    /// <summary>"there is", "there are": opens a scene sentence without a posture verb.</summary>
    ThereIs,

    /// <summary>A size word: "small", "tiny", "large", "big" …</summary>
    Size,

    /// <summary>"hidden", "invisible": the object starts invisible.</summary>
    Hidden,

    /// <summary>A colour word: "red" … "white".</summary>
    Color,

    /// <summary>A shape word: "square", "circle", "triangle".</summary>
    Shape,

    /// <summary>A scene verb saying where an object is: "rests", "sits", "was waiting" …</summary>
    Posture,

    /// <summary>Where an object starts: "on the left", "in the top left corner" …</summary>
    Placement,

    /// <summary>"of the screen" after a placement.</summary>
    PlacementSuffix,

    /// <summary>What an event does: "slides to the right", "jumped", "is turning blue", "rises to the top" …</summary>
    Action,

    /// <summary>A direction or destination standing alone for a move: "then left", "and back to the middle".</summary>
    Direction,

    /// <summary>"has", "is", "will", "starts to" …: an auxiliary before a verb form.</summary>
    Auxiliary,

    /// <summary>A pace word placed before the verb: "slowly", "gradually".</summary>
    PaceBefore,

    /// <summary>A pace phrase placed after the verb phrase: "slowly", "at a slow pace" …</summary>
    PaceAfter,

    /// <summary>A manner word that changes nothing: "quickly", "smoothly" …</summary>
    Manner,

    /// <summary>A repetition count after the verb phrase: "twice", "three times", "once" …</summary>
    Count,

    /// <summary>A repetition or additive word that changes nothing: "again", "once more", "too" …</summary>
    Repetition,

    /// <summary>How long a stay lasts, which changes nothing: "for a moment" …</summary>
    StayDuration,

    /// <summary>A sequencing word between events: "then", "after that", "finally" …</summary>
    Connective,

    /// <summary>A connective allowed only before the first event: "first", "to begin with".</summary>
    OpeningConnective,

    /// <summary>A sequencing word between the subject and the verb: "it then jumps".</summary>
    Sequencer,

    /// <summary>A conjunction of time that opens a subordinate clause: "after", "before", "when" …</summary>
    Conjunction,

    /// <summary>A verb saying that the previous event ended: "has finished", "is done" …</summary>
    Completion,

    /// <summary>"while", "at the same time" …: asks for simultaneous events, which the world cannot show.</summary>
    Simultaneity,

    /// <summary>The pronoun "it".</summary>
    Pronoun,

    /// <summary>The definite article "the" that starts a named subject.</summary>
    Definite,

    /// <summary>"shape", "object": a noun for the topic ("the shape jumps").</summary>
    Noun,

    /// <summary>The word "and" that joins objects or events.</summary>
    And,
}
