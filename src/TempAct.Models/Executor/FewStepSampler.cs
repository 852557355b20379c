using TempAct.Models.Runtime;
using static TorchSharp.torch;

namespace TempAct.Models.Executor;

/// <summary>
/// Self-Forcing's few-step sampler for one chunk: starting from noise at σ_0 = 1, at each σ_j predict
/// x̂0 = x_j − σ_j·v and re-noise to x_{j+1} = (1 − σ_{j+1})·x̂0 + σ_{j+1}·ε with fresh noise; the last x̂0 is the chunk.
/// Noise comes from per-video <see cref="NoiseStreams"/> on the model's device (or, for callers that pass one, a CPU
/// generator for the whole batch).
/// </summary>
public sealed class FewStepSampler
{
    private readonly ExecutorTransformer model;

    /// <summary>A sampler over the model's shifted schedule.</summary>
    public FewStepSampler(ExecutorTransformer model)
    {
        this.model = model;
        Sigmas = FlowSchedule.SamplerSigmas(model.Config.Shift);
    }

    /// <summary>σ of the denoising list [1000, 750, 500, 250] at the model's shift.</summary>
    public double[] Sigmas { get; }

    /// <summary>
    /// Samples one chunk [B, C, 3, S, S] (clamped to [−1, 1]) against the cache, which it does not change (commit with
    /// <see cref="ExecutorTransformer.WriteChunk"/>). With <paramref name="record"/> the states, velocities and
    /// transition log-probs come back as a <see cref="ChunkTrajectory"/>. Runs without gradients.
    /// </summary>
    /// <remarks>With <paramref name="pending"/> (a clean chunk not yet in the cache, same prompt, room in the cache) the
    /// first denoising step also writes it (<see cref="ExecutorTransformer.ForwardChunkAfterCommit"/>): the cache
    /// changes by exactly that write.</remarks>
    public Tensor SampleChunk(TextCondition text, KvCache cache, Generator noise, bool record, out ChunkTrajectory? trajectory, Tensor? pending = null) =>
        SampleChunk(text, cache, shape => randn(shape, generator: noise).to(model.Device), record, out trajectory, pending);

    /// <summary>The same with noise from per-video <see cref="NoiseStreams"/> (one stream per row of the cache), so a
    /// video's chunk does not depend on the rest of its batch.</summary>
    /// <remarks>With gated adapters (<see cref="ExecutorTransformer.AdaptersGated"/>) <paramref name="adapterRows"/> are
    /// the rows whose prompt switched at this chunk, the only ones the adapters act on (none when null).</remarks>
    public Tensor SampleChunk(TextCondition text, KvCache cache, NoiseStreams noise, bool record, out ChunkTrajectory? trajectory, Tensor? pending = null,
        IReadOnlyList<int>? adapterRows = null)
    {
        if (noise.Count != cache.Batch) throw new ArgumentException($"{noise.Count} noise streams for a batch of {cache.Batch}");
        return SampleChunk(text, cache, shape => noise.Next(shape[1..]), record, out trajectory, pending, adapterRows);
    }

    /// <summary>
    /// One chunk for each of several videos of batch 1, each against its own cache, text and noise stream (the
    /// videos may sit at different chunks of their streams): every denoising step is one
    /// <see cref="ExecutorTransformer.ForwardPacked"/> for all of them. Each video draws from its own stream exactly
    /// what <see cref="SampleChunk(TextCondition, KvCache, NoiseStreams, bool, out ChunkTrajectory?, Tensor?)"/> would,
    /// so its chunk equals the one it would get alone up to float rounding. <paramref name="pending"/>[i] as there.
    /// With gated adapters <paramref name="adapted"/>[i] says whether video i switched prompt at this chunk (the
    /// adapters act on its denoising; <see cref="ExecutorTransformer.ForwardPacked"/>).
    /// </summary>
    public Tensor[] SampleChunks(IReadOnlyList<TextCondition> texts, IReadOnlyList<KvCache> caches, IReadOnlyList<NoiseStreams> noises,
        IReadOnlyList<Tensor?> pending, IReadOnlyList<bool>? adapted = null)
    {
        int n = texts.Count;
        if (caches.Count != n || noises.Count != n || pending.Count != n) throw new ArgumentException("one cache, noise stream and pending chunk per text");
        for (int i = 0; i < n; i++)
            if (noises[i].Count != caches[i].Batch) throw new ArgumentException($"video {i}: {noises[i].Count} noise streams for a batch of {caches[i].Batch}");
        using var _ = no_grad();
        var c = model.Config;
        long[] shape = [c.ChunkFrames, 3, c.FrameSize, c.FrameSize];
        var x = noises.Select(s => s.Next(shape)).ToArray();
        var x0 = x;
        for (int j = 0; j < Sigmas.Length; j++)
        {
            var items = Enumerable.Range(0, n).Select(i => new PackedChunk(x[i], Sigmas[j], texts[i], caches[i], j == 0 ? pending[i] : null)).ToArray();
            var v = model.ForwardPacked(items, adapted);
            x0 = [.. Enumerable.Range(0, n).Select(i => x[i] - v[i].Times(Sigmas[j]))];
            if (j + 1 == Sigmas.Length) break;
            double next = Sigmas[j + 1];
            x = [.. Enumerable.Range(0, n).Select(i => x0[i].Times(1 - next).Plus(noises[i].Next(shape).Times(next)))];
        }
        return [.. x0.Select(t => t.clamp(-1, 1))];
    }

    private Tensor SampleChunk(TextCondition text, KvCache cache, Func<long[], Tensor> draw, bool record, out ChunkTrajectory? trajectory, Tensor? pending,
        IReadOnlyList<int>? adapterRows = null)
    {
        if (pending is not null && adapterRows is { Count: > 0 }) throw new ArgumentException("a merged write comes only with no prompt switch, so with no adapted row");
        using var _ = no_grad();
        var c = model.Config;
        long b = cache.Batch;
        long[] shape = [b, c.ChunkFrames, 3, c.FrameSize, c.FrameSize];
        var x = draw(shape);
        var states = new List<Tensor>(); var velocities = new List<Tensor>(); var logProbs = new List<Tensor>();
        Tensor x0 = x;
        for (int j = 0; j < Sigmas.Length; j++)
        {
            var v = j == 0 && pending is not null ? model.ForwardChunkAfterCommit(pending, x, Sigmas[j], text, cache)
                : model.ForwardChunk(x, Sigmas[j], text, cache, adapterRows ?? []);
            x0 = x - v.Times(Sigmas[j]);
            if (record) { states.Add(x.clone().DetachFromDisposeScope()); velocities.Add(v.clone().DetachFromDisposeScope()); }
            if (j + 1 == Sigmas.Length) break;
            double next = Sigmas[j + 1];
            var mean = x0.Times(1 - next);
            var xNext = mean.Plus(draw(shape).Times(next));
            if (record) logProbs.Add(GaussianLogProb(xNext, mean, next).DetachFromDisposeScope());
            x = xNext;
        }
        trajectory = record ? new ChunkTrajectory([.. states], [.. velocities], [.. logProbs], Sigmas) : null;
        return x0.clamp(-1, 1);
    }

    /// <summary>
    /// The transition log-probs [B] for j = 0, 1, 2 recomputed under the model's current weights (with gradients when
    /// enabled) from a recorded trajectory and the same context; equals the recorded values when the weights are the
    /// same. Also returns the current velocities v_0 … v_2 (for the RatioNorm and KL terms).
    /// </summary>
    public (Tensor[] LogProbs, Tensor[] Velocities) Recompute(ChunkTrajectory trajectory, TextCondition text, KvCache cache)
    {
        int steps = Sigmas.Length - 1;
        var logProbs = new Tensor[steps]; var velocities = new Tensor[steps];
        for (int j = 0; j < steps; j++)
        {
            var x = trajectory.States[j];
            var v = model.ForwardChunk(x, Sigmas[j], text, cache);
            var mean = (1 - Sigmas[j + 1]) * (x - Sigmas[j] * v);
            logProbs[j] = GaussianLogProb(trajectory.States[j + 1], mean, Sigmas[j + 1]);
            velocities[j] = v;
        }
        return (logProbs, velocities);
    }

    /// <summary>log N(x; mean, std²) per element, averaged over all but the batch dimension: [B].</summary>
    public static Tensor GaussianLogProb(Tensor x, Tensor mean, double std)
    {
        var z = (x - mean) / std;
        var perElement = -0.5 * z * z - Math.Log(std) - 0.5 * Math.Log(2 * Math.PI);
        return perElement.reshape(x.shape[0], -1).mean([1]);
    }
}
