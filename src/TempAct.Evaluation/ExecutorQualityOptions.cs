using TempAct.Models.Executor;

namespace TempAct.Evaluation;

/// <summary>What <see cref="ExecutorQuality"/> measures and how; every random choice follows from <see cref="Seed"/>.</summary>
public sealed record ExecutorQualityOptions
{
    /// <summary>Held-out single-event step prompts (<c>ExecutorClips.HeldOutSingleEvents</c>); 0 skips the part.</summary>
    public int SingleCount { get; init; } = 200;
    /// <summary>Frames of a single-event video: 4 chunks, as the executor's single-event clips.</summary>
    public int SingleFrames { get; init; } = 12;
    /// <summary>Instructions taken from the start of the benchmark set for the baselines; 0 skips the part.</summary>
    public int MultiCount { get; init; } = 50;
    /// <summary>The baseline modes to run, in report order.</summary>
    public IReadOnlyList<BaselineMode> Modes { get; init; } = [BaselineMode.Global, BaselineMode.StepNone, BaselineMode.StepRecache];
    /// <summary>Seed of the held-out prompts and of the sampler's noise (the same noise for every mode: common random numbers).</summary>
    public long Seed { get; init; } = 1;
    /// <summary>Videos generated at once (a batch shares its prompt-switch chunks).</summary>
    public int BatchSize { get; init; } = 16;
    /// <summary>Example videos kept for GIFs: this many single-event prompts and this many instructions.</summary>
    public int Samples { get; init; } = 3;

    /// <summary>Two-step plans of the switch-reaction part (<c>Switching.SwitchPlan.HeldOut</c>); 0 skips the part.</summary>
    public int SwitchPlans { get; init; }
    /// <summary>K: videos per plan and switch mode, each with its own noise (RL's group size).</summary>
    public int SwitchContinuations { get; init; } = 8;
    /// <summary>Frames of a switch-reaction video: 8 chunks, step 1 on the first four.</summary>
    public int SwitchFrames { get; init; } = 24;
    /// <summary>The chunk where step 2's prompt takes over.</summary>
    public int SwitchChunk { get; init; } = 4;
    /// <summary>Reaction window in chunks: step 2's event must start within this many chunks of the switch.</summary>
    public int SwitchWindowChunks { get; init; } = 2;
    /// <summary>The switch modes of the switch-reaction part, in report order.</summary>
    public IReadOnlyList<SwitchMode> SwitchModes { get; init; } = [SwitchMode.None, SwitchMode.Recache];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (SingleCount < 0) throw new ArgumentException($"SingleCount must be ≥ 0, got {SingleCount}");
        if (SingleFrames < 1) throw new ArgumentException($"SingleFrames must be ≥ 1, got {SingleFrames}");
        if (MultiCount < 0) throw new ArgumentException($"MultiCount must be ≥ 0, got {MultiCount}");
        if (MultiCount > 0 && Modes.Count == 0) throw new ArgumentException("Modes is empty");
        if (Modes.Distinct().Count() != Modes.Count) throw new ArgumentException("Modes lists a mode twice");
        if (BatchSize < 1) throw new ArgumentException($"BatchSize must be ≥ 1, got {BatchSize}");
        if (Samples < 0) throw new ArgumentException($"Samples must be ≥ 0, got {Samples}");
        if (SwitchPlans < 0) throw new ArgumentException($"SwitchPlans must be ≥ 0, got {SwitchPlans}");
        if (SwitchPlans == 0) return;
        if (SwitchContinuations < 1) throw new ArgumentException($"SwitchContinuations must be ≥ 1, got {SwitchContinuations}");
        if (SwitchChunk < 1 || SwitchFrames <= SwitchChunk * 3) throw new ArgumentException($"SwitchChunk {SwitchChunk} must leave chunks on both sides of the switch in {SwitchFrames} frames");
        if (SwitchWindowChunks < 1) throw new ArgumentException($"SwitchWindowChunks must be ≥ 1, got {SwitchWindowChunks}");
        if (SwitchModes.Count == 0 || SwitchModes.Distinct().Count() != SwitchModes.Count) throw new ArgumentException("SwitchModes is empty or lists a mode twice");
    }
}
