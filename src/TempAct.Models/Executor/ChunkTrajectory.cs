using static TorchSharp.torch;

namespace TempAct.Models.Executor;

/// <summary>
/// What RL needs of one sampled chunk: the sampler's states x_0 … x_3 (x_0 the initial noise at σ = 1), the velocities
/// v_0 … v_3 predicted at them, and the log-probabilities of the three stochastic transitions x_j → x_{j+1}
/// (j = 0, 1, 2) under N((1 − σ_{j+1})·x̂0_j, σ_{j+1}²·I), as a mean over the chunk's elements per video [B]. The last
/// step (x_3 → x̂0) is deterministic and not trained. All tensors live outside dispose scopes; dispose the trajectory.
/// </summary>
public sealed class ChunkTrajectory : IDisposable
{
    internal ChunkTrajectory(Tensor[] states, Tensor[] velocities, Tensor[] logProbs, double[] sigmas)
    {
        States = states;
        Velocities = velocities;
        LogProbs = logProbs;
        Sigmas = sigmas;
    }

    /// <summary>x_0 … x_3, each [B, C, 3, S, S].</summary>
    public IReadOnlyList<Tensor> States { get; }

    /// <summary>v_0 … v_3 (the old policy's velocities), each [B, C, 3, S, S].</summary>
    public IReadOnlyList<Tensor> Velocities { get; }

    /// <summary>log π_old(x_{j+1} | x_j) for j = 0, 1, 2, each [B] (mean over elements).</summary>
    public IReadOnlyList<Tensor> LogProbs { get; }

    /// <summary>The sampler's σ list (4 entries).</summary>
    public IReadOnlyList<double> Sigmas { get; }

    /// <summary>The trajectory of some videos (rows in the given order): an independent copy, owned by the caller.</summary>
    public ChunkTrajectory Select(IReadOnlyList<int> rows)
    {
        if (rows.Count == 0 || rows.Any(r => r < 0 || r >= States[0].shape[0]))
            throw new ArgumentException($"rows [{string.Join(", ", rows)}] of a trajectory of {States[0].shape[0]} videos");
        using var scope = NewDisposeScope();
        using var index = tensor(rows.Select(r => (long)r).ToArray(), device: States[0].device);
        Tensor[] Pick(IEnumerable<Tensor> ts) => [.. ts.Select(t => t.index_select(0, index).DetachFromDisposeScope())];
        return new ChunkTrajectory(Pick(States), Pick(Velocities), Pick(LogProbs), [.. Sigmas]);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in States.Concat(Velocities).Concat(LogProbs)) t.Dispose();
    }
}
