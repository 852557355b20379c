using TempAct.Models.Executor;

namespace TempAct.Evaluation.Eval;

/// <summary>Settings of one `eval` run.</summary>
public sealed record EvalOptions
{
    /// <summary>Modes to run, in this order (the results' columns).</summary>
    public IReadOnlyList<EvalMode> Modes { get; init; } = [EvalMode.Single, EvalMode.Step];

    /// <summary>Seeds per instruction: each seed is one plan (step, tempact) and one noise draw, so the intervals are over
    /// instructions × seeds.</summary>
    public int Seeds { get; init; } = 2;

    /// <summary>How the executor reacts to a step switch: keep the cache (none, Self-Forcing) or re-encode it (recache,
    /// LongLive). The single mode never switches.</summary>
    public SwitchMode Switch { get; init; } = SwitchMode.None;

    /// <summary>Base seed of plans and noise; the same base gives the same videos.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Most videos generated at once (all the videos of a mode sharing a length, up to this many, are one batch).</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (Modes.Count == 0) throw new ArgumentException("at least one mode is needed");
        if (Seeds < 1) throw new ArgumentException($"--seeds must be ≥ 1, got {Seeds}");
        if (BatchSize < 1) throw new ArgumentException($"the batch size must be ≥ 1, got {BatchSize}");
    }
}
