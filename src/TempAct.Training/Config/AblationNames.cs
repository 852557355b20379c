namespace TempAct.Training.Config;

/// <summary>The command-line names of <see cref="Ablation"/> arms ("flat", "planner-frozen", …, "shuffled-advantages").</summary>
public static class AblationNames
{
    private static readonly (Ablation Arm, string Name)[] Arms =
    [
        (Ablation.Flat, "flat"), (Ablation.PlannerFrozen, "planner-frozen"), (Ablation.ExecutorFrozen, "executor-frozen"),
        (Ablation.NoKl, "no-kl"), (Ablation.NoAesthetic, "no-aesthetic"), (Ablation.UniformSpans, "uniform-spans"),
        (Ablation.LookAhead, "look-ahead"), (Ablation.ShuffledAdvantages, "shuffled-advantages"),
    ];

    /// <summary>Every arm's name, in the enum's order.</summary>
    public static IReadOnlyList<string> Known { get; } = Arms.Select(a => a.Name).ToList();

    /// <summary>The name of one arm (a single flag).</summary>
    public static string Name(Ablation arm) => Arms.FirstOrDefault(a => a.Arm == arm).Name
        ?? throw new ArgumentOutOfRangeException(nameof(arm), arm, "not a single ablation arm");

    /// <summary>The names of every arm set in <paramref name="flags"/>, in the enum's order.</summary>
    public static IReadOnlyList<string> Names(Ablation flags) => Arms.Where(a => flags.HasFlag(a.Arm)).Select(a => a.Name).ToList();

    /// <summary>The flags named in a comma-separated list ("no-kl,flat"); <see cref="ArgumentException"/> naming an unknown
    /// or repeated name. An empty list is <see cref="Ablation.None"/>.</summary>
    public static Ablation ParseList(string list)
    {
        var result = Ablation.None;
        foreach (var raw in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var name = raw.ToLowerInvariant();
            var match = Arms.FirstOrDefault(a => a.Name == name);
            if (match.Name is null) throw new ArgumentException($"--ablation: unknown arm '{raw}' (known: {string.Join(", ", Known)})");
            if (result.HasFlag(match.Arm)) throw new ArgumentException($"--ablation: '{raw}' is given twice");
            result |= match.Arm;
        }
        return result;
    }
}
