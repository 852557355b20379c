namespace TempAct.World.Scenes;

/// <summary>Canonical lower-case words for the world's enums (the names used in JSON and step prompts).</summary>
public static class Words
{
    /// <summary>"red", "green" …</summary>
    public static string Word(this ColorName c) => c.ToString().ToLowerInvariant();

    /// <summary>"square", "circle", "triangle".</summary>
    public static string Word(this ShapeKind s) => s.ToString().ToLowerInvariant();

    /// <summary>"small", "large".</summary>
    public static string Word(this SizeClass s) => s.ToString().ToLowerInvariant();

    /// <summary>Parses a colour word; null when it is not one.</summary>
    public static ColorName? ParseColor(string w) =>
        Enum.GetValues<ColorName>().Cast<ColorName?>().FirstOrDefault(c => c!.Value.Word() == w);

    /// <summary>Parses a shape word; null when it is not one.</summary>
    public static ShapeKind? ParseShape(string w) =>
        Enum.GetValues<ShapeKind>().Cast<ShapeKind?>().FirstOrDefault(s => s!.Value.Word() == w);

    /// <summary>Parses a size word; null when it is not one.</summary>
    public static SizeClass? ParseSize(string w) =>
        Enum.GetValues<SizeClass>().Cast<SizeClass?>().FirstOrDefault(s => s!.Value.Word() == w);
}
