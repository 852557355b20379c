namespace TempAct.Training.Config;

/// <summary>
/// Hierarchical group exploration: per epoch P instructions × G plans × K continuations branched from each plan's
/// shared prefix at the switch chunk b.
/// </summary>
public sealed record ExplorationConfig
{
    /// <summary>P: instructions an epoch. Release: 16. Ours: 16.</summary>
    public int Instructions { get; init; } = 16;

    /// <summary>G: plans sampled per instruction (the planner's group). Release: 4. Ours: 4.</summary>
    public int Plans { get; init; } = 4;

    /// <summary>K: continuations branched from each plan's prefix (the executor's group). Release: 8. Ours: 8.</summary>
    public int Continuations { get; init; } = 8;

    /// <summary>Which switch the branch point is (1 = a plan's first prompt switch); one is drawn per epoch and
    /// b = each plan's k-th switch chunk (a plan with fewer switches: its last). Release: latent frames 6 or 12 of a
    /// 30-frame, 5-step video, i.e. the 1st or 2nd switch. Ours: [1, 2].</summary>
    public int[] SwitchIndices { get; init; } = [1, 2];

    /// <summary>Chunks from b that R_exec scores (only chunk b is trained). Release: 2. Ours: 2.</summary>
    public int WindowChunks { get; init; } = 2;
}
