using TempAct.Models.Executor;
using static TorchSharp.torch;

namespace TempAct.Training.Exploration;

/// <summary>
/// Plans that share the branch chunk b and the video length, explored together: each plan's prefix [0, b) generated
/// once, then K continuations to the end (rows plan-major: plan p's continuations are rows p·K … p·K + K − 1). Keeps
/// what the update needs — the clean prefix frames (to rebuild the cache under the current weights) and chunk b's
/// trajectory — and every continuation's whole video for the judges.
/// </summary>
public sealed class ExecutionGroup(IReadOnlyList<PlanRollout> plans, int continuations, Tensor prefixFrames, ChunkTrajectory trajectory, float[][] videos)
    : IDisposable
{
    /// <summary>The plans (each executable, all with one b and one length).</summary>
    public IReadOnlyList<PlanRollout> Plans { get; } = plans;

    /// <summary>K: continuations per plan.</summary>
    public int Continuations { get; } = continuations;

    /// <summary>b.</summary>
    public int BranchChunk => Plans[0].BranchChunk;

    /// <summary>Chunks of each video.</summary>
    public int TotalChunks => Plans[0].TotalChunks;

    /// <summary>Continuations (rows).</summary>
    public int Rows => Plans.Count * Continuations;

    /// <summary>Context chunk + chunks 0 … b − 1 of every plan, [plans, (1 + b)·C, 3, S, S] on the device.</summary>
    public Tensor PrefixFrames { get; } = prefixFrames;

    /// <summary>Chunk b of every continuation: x_0…x_3, v_0…v_3, the three transition log-probs.</summary>
    public ChunkTrajectory Trajectory { get; } = trajectory;

    /// <summary>Every continuation's whole video (TotalChunks·C frames, the World's layout), row by row.</summary>
    public float[][] Videos { get; } = videos;

    /// <inheritdoc />
    public void Dispose() { PrefixFrames.Dispose(); Trajectory.Dispose(); }
}
