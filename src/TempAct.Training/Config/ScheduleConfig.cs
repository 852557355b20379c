namespace TempAct.Training.Config;

/// <summary>How long the run is and when it evaluates and checkpoints.</summary>
public sealed record ScheduleConfig
{
    /// <summary>Epochs (one exploration + update each). Release: n/a (GPU-days). Ours: 400 (about 20 minutes of one
    /// H200 at the release scale, the shipped run's budget).</summary>
    public int Epochs { get; init; } = 400;

    /// <summary>Evaluate on the held-out instructions every this many epochs (and after the last). Ours: 25.</summary>
    public int EvalEvery { get; init; } = 25;

    /// <summary>Held-out instructions per evaluation (a seed stream disjoint from training and from the benchmark sets,
    /// excluded by text). Ours: 32.</summary>
    public int EvalInstructions { get; init; } = 32;

    /// <summary>Checkpoint every this many epochs (and after the last). Ours: 10.</summary>
    public int CheckpointEvery { get; init; } = 10;

    /// <summary>Checkpoints kept (older ones are deleted once a newer one is complete). Ours: 2.</summary>
    public int KeepCheckpoints { get; init; } = 2;
}
