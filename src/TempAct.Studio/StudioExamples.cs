namespace TempAct.Studio;

/// <summary>Instructions of the language shown on the page as examples (a test parses each).</summary>
public static class StudioExamples
{
    /// <summary>The examples.</summary>
    public static readonly IReadOnlyList<string> Instructions =
    [
        "A red circle rests on the left. It slides to the right, then turns blue.",
        "A yellow square sits in the middle. It moved to the right, then it turned white.",
        "A green triangle is at the top and a blue square is at the bottom. The triangle moves down, then the square jumps.",
        "A large purple circle waits in the centre. It slowly shrinks, then it vanishes, and finally it appears again.",
    ];
}
