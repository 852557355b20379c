namespace TempAct.World.Language;

/// <summary>The forms a verb phrase can take; one spelling may be several forms ("moved" is past and participle).</summary>
[Flags]
public enum VerbForms
{
    /// <summary>Not a verb phrase.</summary>
    None = 0,

    /// <summary>"move", after "will", "starts to", "begins to".</summary>
    Base = 1,

    /// <summary>"moves": the present tense of the language's third person.</summary>
    Present = 2,

    /// <summary>"moved".</summary>
    Past = 4,

    /// <summary>"moved", "risen": after "has" and "had".</summary>
    Participle = 8,

    /// <summary>"moving": after "is", "was", "starts", "begins", and in "after moving".</summary>
    Gerund = 16,

    /// <summary>A finite form that stands alone in a clause: present or past.</summary>
    Finite = Present | Past,
}
