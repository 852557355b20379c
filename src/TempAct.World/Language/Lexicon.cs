using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.World.Language;

/// <summary>
/// The instruction language's data, in one place: every word list and every rule's ingredients, which
/// <see cref="PhraseTable"/> combines into the phrases the parser reads and the generator writes. Verbs are listed by
/// their lemma ("slide", "get bigger"); every form of them is in the language (docs/instruction-language.md, section 3).
/// Each list contains the matching <see cref="CoreLexicon"/> list. docs/instruction-language.md lists the same words; a
/// test keeps the two in step.
/// </summary>
public static class Lexicon
{
    /// <summary>Most characters an instruction may have; longer text is rejected before it is read.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Most events an instruction may describe, counts and destinations expanded.</summary>
    public const int MaxEvents = 6;

    // ------------------------------------------------------------------ scene part

    /// <summary>Words that introduce an object in the scene part ("the" does too, see <see cref="Definite"/>).</summary>
    public static IReadOnlyList<string> Articles { get; } = CoreLexicon.Articles;

    /// <summary>Openings of a scene sentence without a posture verb ("There is a red circle on the left.").</summary>
    public static IReadOnlyList<string> ThereIs { get; } = [.. CoreLexicon.ThereIs, "there was", "there were"];

    /// <summary>Size words; an object without one gets the size that lets its events happen (large when both do).</summary>
    public static IReadOnlyList<(string Word, SizeClass Size)> SizeWords { get; } =
        [.. CoreLexicon.SizeWords, ("little", SizeClass.Small), ("huge", SizeClass.Large)];

    /// <summary>Words that make an object start invisible (before the colour, or right after the posture verb).</summary>
    public static IReadOnlyList<string> HiddenWords { get; } = CoreLexicon.HiddenWords;

    /// <summary>Posture verbs (lemmas) between an object and its placement; present, past and "is/was + -ing" forms.</summary>
    public static IReadOnlyList<string> PostureVerbs { get; } = ["rest", "sit", "wait", "stand", "lie", "start", "begin", "start out", "start off"];

    /// <summary>Posture phrases made with "is"/"was" and a participle, or the bare verb "is"/"was".</summary>
    public static IReadOnlyList<string> PostureStates { get; } = ["is", "was", "is placed", "was placed", "is located", "is positioned", "can be seen"];

    /// <summary>Placement phrases: the cell, and whether the phrase only names a side of the canvas (then the object may
    /// start at any cell of that side, the middle one preferred).</summary>
    public static IReadOnlyList<(string Phrase, Placement Cell, bool Side)> Placements { get; } = LexiconPlacements.Build();

    /// <summary>Words that may follow any placement ("in the middle of the screen").</summary>
    public static IReadOnlyList<string> PlacementSuffixes { get; } =
        ["of the canvas", "of the screen", "of the frame", "of the picture", "of the image", "of the scene", "of the grid"];

    // ------------------------------------------------------------------ actions

    /// <summary>Motion verbs (lemmas); each takes every direction and every destination.</summary>
    public static IReadOnlyList<string> MoveVerbs { get; } = ["slide", "glide", "drift", "move", "travel", "shift", "go", "head", "float", "roll"];

    /// <summary>Directions after a motion verb: one cell.</summary>
    public static IReadOnlyList<(string Phrase, ActionKind Move)> Directions { get; } = CoreLexicon.Directions;

    /// <summary>Words that may stand before a direction ("back to the left", "over to the right"); "over" and "across"
    /// only before "to the left" and "to the right".</summary>
    public static IReadOnlyList<string> DirectionParticles { get; } = ["back", "over", "across"];

    /// <summary>Destinations after a motion verb: as many cells as it takes to get there.</summary>
    public static IReadOnlyList<(string Phrase, MoveTarget Target)> Destinations { get; } =
    [
        ("to the top", MoveTarget.Top), ("to the top edge", MoveTarget.Top), ("up to the top", MoveTarget.Top), ("all the way up", MoveTarget.Top),
        ("all the way to the top", MoveTarget.Top),
        ("to the bottom", MoveTarget.Bottom), ("to the bottom edge", MoveTarget.Bottom), ("down to the bottom", MoveTarget.Bottom),
        ("all the way down", MoveTarget.Bottom), ("all the way to the bottom", MoveTarget.Bottom),
        ("to the left side", MoveTarget.LeftSide), ("to the left edge", MoveTarget.LeftSide), ("to the far left", MoveTarget.LeftSide),
        ("all the way left", MoveTarget.LeftSide), ("all the way to the left", MoveTarget.LeftSide),
        ("to the right side", MoveTarget.RightSide), ("to the right edge", MoveTarget.RightSide), ("to the far right", MoveTarget.RightSide),
        ("all the way right", MoveTarget.RightSide), ("all the way to the right", MoveTarget.RightSide),
        ("to the middle", MoveTarget.Middle), ("to the center", MoveTarget.Middle), ("to the centre", MoveTarget.Middle),
        ("into the middle", MoveTarget.Middle), ("into the center", MoveTarget.Middle), ("into the centre", MoveTarget.Middle),
        ("back to the middle", MoveTarget.Middle), ("back to the center", MoveTarget.Middle), ("back to the centre", MoveTarget.Middle),
    ];

    /// <summary>The word after a motion verb that makes it undo the object's previous move ("slides back").</summary>
    public const string Back = "back";

    /// <summary>Verbs (lemmas) that move up on their own; they take an up particle or an upward destination.</summary>
    public static IReadOnlyList<string> UpVerbs { get; } = ["rise", "climb", "ascend"];

    /// <summary>Verbs (lemmas) that move down on their own; they take a down particle or a downward destination.</summary>
    public static IReadOnlyList<string> DownVerbs { get; } = ["sink", "drop", "descend", "fall", "dip"];

    /// <summary>Particles after an up verb ("rises up"); the down ones mirror them.</summary>
    public static IReadOnlyList<string> UpParticles { get; } = ["up", "upward", "upwards"];

    /// <summary>Particles after a down verb ("falls down").</summary>
    public static IReadOnlyList<string> DownParticles { get; } = ["down", "downward", "downwards"];

    /// <summary>Verbs (lemmas) of coming back: alone they reappear (an invisible object) or undo the previous move; they
    /// also take a direction or a middle destination.</summary>
    public static IReadOnlyList<string> ReturnVerbs { get; } = ["return", "come back"];

    /// <summary>Verb phrases (lemmas) that are a whole action on their own.</summary>
    public static IReadOnlyList<(string Lemma, ActionKind Action)> ActionVerbs { get; } = LexiconActions.Fixed;

    /// <summary>Turn verbs (lemmas); each is followed by the target colour ("changes to" + "blue").</summary>
    public static IReadOnlyList<string> TurnVerbs { get; } = LexiconActions.Turns;

    /// <summary>Verbs with irregular forms: lemma, past, participle ("a|b": both spellings); "be" is "is" in the present.</summary>
    public static IReadOnlyList<(string Lemma, string Past, string Participle)> IrregularVerbs { get; } = LexiconActions.Irregular;

    /// <summary>Verbs that double their last consonant before -ed and -ing ("drop", "dropped", "dropping").</summary>
    public static IReadOnlyList<string> DoublingVerbs { get; } = ["drop", "hop", "pop", "stop", "dip", "begin", "get", "sit", "travel"];

    /// <summary>Auxiliaries and the verb form they take: "has moved", "is moving", "will move", "starts moving".</summary>
    public static IReadOnlyList<(string Phrase, VerbForms Takes)> Auxiliaries { get; } =
    [
        ("has", VerbForms.Participle), ("had", VerbForms.Participle), ("is", VerbForms.Gerund), ("was", VerbForms.Gerund),
        ("will", VerbForms.Base), ("starts to", VerbForms.Base), ("begins to", VerbForms.Base), ("started to", VerbForms.Base),
        ("began to", VerbForms.Base), ("starts", VerbForms.Gerund), ("begins", VerbForms.Gerund), ("started", VerbForms.Gerund),
        ("began", VerbForms.Gerund),
    ];

    // ------------------------------------------------------------------ modifiers

    /// <summary>Pace words that may stand right before the verb ("it slowly grows"); they make the event slow.</summary>
    public static IReadOnlyList<string> PaceBefore { get; } = [.. CoreLexicon.PaceBefore, "very slowly", "very gradually"];

    /// <summary>Pace phrases that may follow the verb phrase ("it grows at a slow pace"); they make the event slow.</summary>
    public static IReadOnlyList<string> PaceAfter { get; } =
        [.. CoreLexicon.PaceAfter, "very slowly", "very gradually", "at a gentle pace", "at a snail's pace", "at a slow speed", "in slow motion",
         "taking its time", "leisurely"];

    /// <summary>Manner words, before the verb or after the verb phrase; they change nothing (an event is normal-paced).</summary>
    public static IReadOnlyList<string> MannerWords { get; } =
        ["quickly", "fast", "rapidly", "swiftly", "briskly", "smoothly", "steadily", "gently", "calmly", "suddenly", "abruptly",
         "immediately", "instantly", "straight away", "just", "simply", "at a steady pace", "at a normal pace", "at full speed"];

    /// <summary>Counts after the verb phrase: the event happens this many times in a row.</summary>
    public static IReadOnlyList<(string Phrase, int Count)> Counts { get; } =
    [
        .. CoreLexicon.Counts, ("once", 1), ("one time", 1), ("1 time", 1), ("2 times", 2), ("3 times", 3), ("4 times", 4), ("5 times", 5),
        ("6 times", 6), ("twice more", 2), ("two more times", 2), ("three more times", 3), ("four more times", 4), ("five more times", 5),
    ];

    /// <summary>Repetition and additive words, before the verb or after the verb phrase; they change nothing ("jumps
    /// again" is one jump).</summary>
    public static IReadOnlyList<string> RepetitionWords { get; } =
        ["again", "once more", "one more time", "a second time", "a third time", "another time", "once again", "yet again", "too", "as well", "also"];

    /// <summary>Durations that may follow a stay ("waits for a moment"); they change nothing.</summary>
    public static IReadOnlyList<string> StayDurations { get; } =
        ["for a moment", "for a while", "for a bit", "for a second", "for a short while", "for a little while", "for a short time", "briefly", "momentarily"];

    // ------------------------------------------------------------------ sequencing

    /// <summary>Sequencing words; at the start of an event sentence or between two events of one sentence.</summary>
    public static IReadOnlyList<string> Connectives { get; } =
        [.. CoreLexicon.Connectives, "later", "lastly", "eventually", "subsequently", "at the end", "in the end", "after a while", "after a moment"];

    /// <summary>Connectives allowed only before the first event.</summary>
    public static IReadOnlyList<string> OpeningConnectives { get; } =
        [.. CoreLexicon.OpeningConnectives, "first of all", "firstly", "initially", "to start with", "in the beginning", "at the beginning", "at the start"];

    /// <summary>Sequencing words that may stand between the subject and the verb ("it then jumps"); "first" only in the
    /// first event.</summary>
    public static IReadOnlyList<string> Sequencers { get; } = ["then", "next", "finally", "now", "later", "afterwards", "eventually", "lastly", "first"];

    /// <summary>Conjunctions of time and whether their clause's events come first ("after it jumps, it …") or last
    /// ("before it jumps, it …").</summary>
    public static IReadOnlyList<(string Word, bool ClauseFirst)> Conjunctions { get; } =
        [("after", true), ("when", true), ("once", true), ("as soon as", true), ("before", false), ("until", false)];

    /// <summary>Verbs (lemmas) that refer to the previous event ending: "when it has finished, …" adds no event.</summary>
    public static IReadOnlyList<string> CompletionVerbs { get; } = ["finish", "happen", "stop", "end"];

    /// <summary>Completion words after "is"/"was" or alone after a conjunction ("once it is done", "once done, …").</summary>
    public static IReadOnlyList<string> CompletionWords { get; } = ["done", "finished", "over", "complete"];

    /// <summary>Words that ask for events at the same time, which the world cannot show; the parser explains that.</summary>
    public static IReadOnlyList<string> SimultaneityWords { get; } = ["while", "meanwhile", "simultaneously", "at the same time", "both"];

    // ------------------------------------------------------------------ subjects and marks

    /// <summary>The pronoun for the current topic (or the only object).</summary>
    public const string Pronoun = "it";

    /// <summary>The article that starts a named subject ("the circle", "the red circle"); in the scene part it also
    /// introduces an object.</summary>
    public const string Definite = "the";

    /// <summary>Nouns that name the only object of a one-object scene, or the topic ("the shape jumps").</summary>
    public static IReadOnlyList<string> GenericNouns { get; } = ["shape", "object"];

    /// <summary>The word that joins objects or events.</summary>
    public const string And = "and";

    /// <summary>Punctuation that ends a sentence; several in a row count as one ("..." and "!!").</summary>
    public static IReadOnlyList<string> SentenceEnds { get; } = [".", "!", ";", "…"];

    /// <summary>Punctuation that joins clauses inside a sentence, like a comma: the comma and the dashes.</summary>
    public static IReadOnlyList<string> ClauseMarks { get; } = [",", "—", "–"];

    /// <summary>Punctuation that joins clauses inside a sentence.</summary>
    public const string Comma = ",";

    /// <summary>Every phrase of the language with its role and meaning, for the parser's longest-match lookup.</summary>
    public static IReadOnlyList<LexiconPhrase> Phrases => PhraseTable.All;

    /// <summary>Every word that occurs in some phrase; any other word in an instruction is unknown.</summary>
    public static IReadOnlySet<string> Vocabulary => PhraseTable.Vocabulary;

    /// <summary>Every punctuation mark an instruction may contain.</summary>
    public static IReadOnlyList<string> Marks { get; } = [.. SentenceEnds, .. ClauseMarks];

    /// <summary>The lexicon's phrases of one kind.</summary>
    public static IReadOnlyList<LexiconPhrase> OfKind(PhraseKind kind) => PhraseTable.ByKind[kind];
}
