namespace TempAct.Evaluation.Eval;

/// <summary>The command-line and JSON names of <see cref="EvalMode"/>s.</summary>
public static class EvalModeNames
{
    /// <summary>"single", "step", "tempact".</summary>
    public static string Name(EvalMode mode) => mode switch
    {
        EvalMode.Single => "single",
        EvalMode.Step => "step",
        EvalMode.TempAct => "tempact",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>Parses a comma-separated list ("single,step"); <see cref="ArgumentException"/> naming an unknown or
    /// repeated mode.</summary>
    public static IReadOnlyList<EvalMode> ParseList(string list)
    {
        var modes = new List<EvalMode>();
        foreach (var raw in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var mode = Enum.GetValues<EvalMode>().Cast<EvalMode?>().FirstOrDefault(m => Name(m!.Value) == raw.ToLowerInvariant())
                ?? throw new ArgumentException($"--modes: unknown mode '{raw}' (known: single, step, tempact)");
            if (modes.Contains(mode)) throw new ArgumentException($"--modes: '{raw}' is given twice");
            modes.Add(mode);
        }
        if (modes.Count == 0) throw new ArgumentException("--modes: no mode given (known: single, step, tempact)");
        return modes;
    }
}
