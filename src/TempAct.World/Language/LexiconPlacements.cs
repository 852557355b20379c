using TempAct.World.Scenes;

namespace TempAct.World.Language;

/// <summary>The placement phrases of <see cref="Lexicon.Placements"/>, built by rule: the core phrases first (in their
/// order), then the others. Corners and the centre are exact; a phrase that only names a side leaves the cell on that
/// side open (the middle one is preferred).</summary>
internal static class LexiconPlacements
{
    public static (string Phrase, Placement Cell, bool Side)[] Build()
    {
        var list = new List<(string, Placement, bool)>();
        void Add(Placement cell, bool side, params string[] phrases)
        {
            foreach (var p in phrases)
                if (!list.Any(x => x.Item1 == p)) list.Add((p, cell, side));
        }
        // Core first, with their meaning: the side phrases of the core are the side-middle phrases without a "center"/"middle".
        foreach (var (phrase, cell) in CoreLexicon.Placements)
            Add(cell, IsSidePhrase(phrase, cell), phrase);

        Add(new Placement(1, 1), false, "in the very middle", "right in the middle", "in the very center", "in the very centre",
            "right in the center", "right in the centre");
        Add(new Placement(1, 0), false, "in the top middle", "in the top center", "in the top centre");
        Add(new Placement(1, 2), false, "in the bottom middle", "in the bottom center", "in the bottom centre");
        foreach (var (h, column) in new[] { ("left", 0), ("right", 2) })
            Add(new Placement(column, 1), true, $"on the far {h}", $"at the far {h}", $"on the {h} edge", $"at the {h} edge",
                $"on the {h} hand side", $"in the {h} column");
        foreach (var (v, row) in new[] { ("top", 0), ("bottom", 2) })
            Add(new Placement(1, row), true, $"at the very {v}", $"at the {v} edge", $"along the {v}", $"in the {v} row",
                $"{(row == 0 ? "up" : "down")} at the {v}");
        foreach (var (v, alt, row) in new[] { ("top", "upper", 0), ("bottom", "lower", 2) })
            foreach (var (h, column) in new[] { ("left", 0), ("right", 2) })
                foreach (var vertical in new[] { v, alt })
                    foreach (var prep in new[] { "in", "at" })
                        Add(new Placement(column, row), false, $"{prep} the {vertical} {h}", $"{prep} the {vertical} {h} corner");
        return list.ToArray();
    }

    /// <summary>A core phrase names a side when its cell is a side's middle and it does not say "center" or "middle".</summary>
    private static bool IsSidePhrase(string phrase, Placement cell) =>
        (cell.Column == 1) != (cell.Row == 1) && !phrase.Contains("cent", StringComparison.Ordinal) && !phrase.Contains("middle", StringComparison.Ordinal);

    /// <summary>The cells a side phrase allows, the named middle first: "on the left" → left, top-left, bottom-left.</summary>
    public static IReadOnlyList<Placement> Region(Placement cell, bool side)
    {
        if (!side) return [cell];
        return cell.Column == 1
            ? [cell, new Placement(0, cell.Row), new Placement(2, cell.Row)]
            : [cell, new Placement(cell.Column, 0), new Placement(cell.Column, 2)];
    }
}
