namespace TempAct.World.Scenes;

/// <summary>A cell of the 3×3 placement grid; objects start at a cell centre and move one cell at a time.</summary>
public readonly record struct Placement(int Column, int Row)
{
    /// <summary>Column 0..2 (left, center, right) and row 0..2 (top, middle, bottom).</summary>
    public bool IsOnGrid => Column is >= 0 and <= 2 && Row is >= 0 and <= 2;

    /// <summary>The canonical name used in JSON: "left", "top-right", "center" …</summary>
    public string Name => (Row, Column) switch
    {
        (1, 1) => "center",
        (1, 0) => "left",
        (1, 2) => "right",
        (0, 1) => "top",
        (2, 1) => "bottom",
        (0, 0) => "top-left",
        (0, 2) => "top-right",
        (2, 0) => "bottom-left",
        (2, 2) => "bottom-right",
        _ => throw new InvalidOperationException($"placement ({Column},{Row}) is off the grid"),
    };

    /// <summary>All nine cells in reading order.</summary>
    public static IReadOnlyList<Placement> All { get; } =
        Enumerable.Range(0, 9).Select(i => new Placement(i % 3, i / 3)).ToArray();

    /// <summary>Parses a canonical name ("top-left"); null when unknown.</summary>
    public static Placement? FromName(string name) => All.Cast<Placement?>().FirstOrDefault(p => p!.Value.Name == name);
}
