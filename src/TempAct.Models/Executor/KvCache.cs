using TorchSharp;
using static TorchSharp.torch;

namespace TempAct.Models.Executor;

/// <summary>
/// The executor's per-layer KV cache of clean frames, preallocated for sink + window + one chunk. Keys are stored
/// already rotated (RoPE) at their in-cache position 0..n−1 (StreamingLLM's in-cache positions): before the window
/// slides these are the absolute frame indices; when it slides by o frames the window's keys are rotated back by o
/// (R(p − o) = R(−o)·R(p)), so positions stay inside the range the model was trained on and no forward re-rotates them. The clean pixels of the held frames are kept too, so
/// <see cref="ExecutorTransformer.Recache"/> can re-encode them under a new prompt (LongLive).
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor[] keys, values; // [B, H, capacityTokens, hd]
    private readonly Tensor frames;          // [B, capacityFrames, 3, S, S]
    private readonly ExecutorConfig config;
    private readonly Tensor invFreq;         // RoPE frequencies [hd/2]

    /// <summary>An empty cache for <paramref name="batch"/> videos on <paramref name="device"/>.</summary>
    public KvCache(ExecutorConfig config, int batch, Device device)
    {
        this.config = config;
        Batch = batch;
        long capFrames = config.CacheFrames + config.ChunkFrames, hd = config.Dim / config.Heads;
        keys = new Tensor[config.Layers];
        values = new Tensor[config.Layers];
        for (int i = 0; i < config.Layers; i++)
        {
            keys[i] = zeros(new long[] { batch, config.Heads, capFrames * config.TokensPerFrame, hd }, device: device).DetachFromDisposeScope();
            values[i] = zeros(new long[] { batch, config.Heads, capFrames * config.TokensPerFrame, hd }, device: device).DetachFromDisposeScope();
        }
        frames = zeros(new long[] { batch, capFrames, 3, config.FrameSize, config.FrameSize }, device: device).DetachFromDisposeScope();
        invFreq = RopeFrequencies(config).to(device).DetachFromDisposeScope();
    }

    /// <summary>RoPE inverse frequencies θ^(−2i/hd) of the config's head size.</summary>
    internal static Tensor RopeFrequencies(ExecutorConfig config)
    {
        int hd = config.Dim / config.Heads;
        return pow(config.RopeTheta, -arange(0, hd, 2, dtype: ScalarType.Float32) / hd);
    }

    private KvCache(KvCache source, Func<Tensor, Tensor> copy, int batch)
    {
        config = source.config;
        Batch = batch;
        keys = source.keys.Select(t => copy(t).DetachFromDisposeScope()).ToArray();
        values = source.values.Select(t => copy(t).DetachFromDisposeScope()).ToArray();
        frames = copy(source.frames).DetachFromDisposeScope();
        invFreq = source.invFreq.clone().DetachFromDisposeScope();
        StoredFrames = source.StoredFrames;
        FramesWritten = source.FramesWritten;
    }

    /// <summary>Videos in the batch.</summary>
    public int Batch { get; }

    /// <summary>Frames the cache holds now (sink + window, ≤ CacheFrames).</summary>
    public int StoredFrames { get; private set; }

    /// <summary>Frames ever written (the absolute index of the next frame).</summary>
    public long FramesWritten { get; private set; }

    /// <summary>An independent copy (K continuations branch from one prefix).</summary>
    public KvCache Clone() => new(this, t => t.clone(), Batch);

    /// <summary>A cache of batch B·<paramref name="times"/>: each video's cache repeated <paramref name="times"/> times
    /// in a row (video b becomes rows b·times … b·times + times − 1).</summary>
    public KvCache Repeat(int times) => new(this, t => t.repeat_interleave(times, dim: 0), Batch * times);

    /// <summary>The cache of some videos (rows in the given order): an independent copy.</summary>
    public KvCache Select(IReadOnlyList<int> rows)
    {
        using var index = RowIndex(rows);
        return new(this, t => t.index_select(0, index), rows.Count);
    }

    /// <summary>Puts <paramref name="part"/>'s videos back into rows <paramref name="rows"/> (the inverse of
    /// <see cref="Select"/> after the part was changed, e.g. re-cached); both must hold the same frames.</summary>
    public void Scatter(IReadOnlyList<int> rows, KvCache part)
    {
        if (part.Batch != rows.Count || part.StoredFrames != StoredFrames || part.FramesWritten != FramesWritten)
            throw new ArgumentException($"part of {part.Batch} videos holding {part.StoredFrames} frames does not fit rows [{string.Join(", ", rows)}] of a cache holding {StoredFrames}");
        using var _ = no_grad();
        using var index = RowIndex(rows);
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i].index_copy_(0, index, part.keys[i]);
            values[i].index_copy_(0, index, part.values[i]);
        }
        frames.index_copy_(0, index, part.frames);
    }

    private Tensor RowIndex(IReadOnlyList<int> rows)
    {
        if (rows.Count == 0 || rows.Any(r => r < 0 || r >= Batch)) throw new ArgumentException($"rows [{string.Join(", ", rows)}] of a batch of {Batch}");
        return tensor(rows.Select(r => (long)r).ToArray(), device: frames.device);
    }

    /// <summary>Forgets everything (the buffers stay allocated).</summary>
    public void Clear() { StoredFrames = 0; FramesWritten = 0; }

    /// <summary>The held frames' clean pixels [B, n, 3, S, S] (a copy).</summary>
    public Tensor HeldFrames() => frames.narrow(1, 0, StoredFrames).clone();

    /// <summary>The held keys (rotated) and values of layer <paramref name="layer"/>, [B, H, stored tokens, hd] (copies,
    /// for inspection: what K continuations share, what a re-cache changed).</summary>
    public (Tensor Keys, Tensor Values) Held(int layer) =>
        (keys[layer].narrow(2, 0, StoredTokens).clone(), values[layer].narrow(2, 0, StoredTokens).clone());

    internal int StoredTokens => StoredFrames * config.TokensPerFrame;

    /// <summary>Cached keys/values of layer <paramref name="layer"/> followed by the current chunk's (k already rotated at
    /// its positions): [B, H, stored + new, hd]. The chunk's go into the next slot — kept by <see cref="CommitChunk"/>
    /// when <paramref name="write"/>, scratch otherwise (no copy of the cache); with gradients the cache stays out of
    /// the graph and the result is a concatenation.</summary>
    internal (Tensor K, Tensor V) Attend(int layer, Tensor k, Tensor v, bool write)
    {
        long n = StoredTokens, t = k.shape[2];
        if (write || !is_grad_enabled())
        {
            PutInSlot(layer, 0, k, v);
            return HeldAndSlot(layer, t);
        }
        if (n == 0) return (k, v);
        return (cat([keys[layer].narrow(2, 0, n), k], 2), cat([values[layer].narrow(2, 0, n), v], 2));
    }

    /// <summary>Puts keys (rotated) and values [B, H, t, hd] into layer <paramref name="layer"/>'s slot after the held
    /// tokens, <paramref name="offset"/> tokens in: a row-split forward writes its parts side by side (no gradients).</summary>
    internal void PutInSlot(int layer, long offset, Tensor k, Tensor v)
    {
        keys[layer].narrow(2, StoredTokens + offset, k.shape[2]).copy_(k);
        values[layer].narrow(2, StoredTokens + offset, v.shape[2]).copy_(v);
    }

    /// <summary>The held keys/values of layer <paramref name="layer"/> and the first <paramref name="slotTokens"/> of its
    /// slot: [B, H, stored + slotTokens, hd] views.</summary>
    internal (Tensor K, Tensor V) HeldAndSlot(int layer, long slotTokens) =>
        (keys[layer].narrow(2, 0, StoredTokens + slotTokens), values[layer].narrow(2, 0, StoredTokens + slotTokens));

    /// <summary>Completes a write of one chunk (its K/V are in every layer's next slot): stores its pixels and slides the
    /// window when the cache is full, keeping the sink.</summary>
    internal void CommitChunk(Tensor chunkPixels)
    {
        int c = (int)chunkPixels.shape[1];
        frames.narrow(1, StoredFrames, c).copy_(chunkPixels);
        StoredFrames += c;
        FramesWritten += c;
        int overflow = StoredFrames - config.CacheFrames;
        if (overflow <= 0) return;
        // Drop the oldest window frames: shift [sink + overflow, stored) down to [sink, stored − overflow).
        int sink = config.SinkFrames, keep = StoredFrames - sink - overflow, tpf = config.TokensPerFrame;
        using (no_grad())
        {
            // The kept window frames move `overflow` positions down: rotate their keys back by that much.
            using var angle = invFreq * -overflow;
            var (cos, sin) = ExecutorTransformer.RotationTables(angle);
            using var cosT = cos;
            using var sinT = sin;
            for (int i = 0; i < keys.Length; i++)
            {
                Shift(keys[i], 2, (sink + overflow) * tpf, sink * tpf, keep * tpf);
                var window = keys[i].narrow(2, sink * tpf, keep * tpf);
                using var rotated = ExecutorTransformer.Rotate(window, cos, sin);
                window.copy_(rotated);
                Shift(values[i], 2, (sink + overflow) * tpf, sink * tpf, keep * tpf);
            }
            Shift(frames, 1, sink + overflow, sink, keep);
        }
        StoredFrames -= overflow;
    }

    private static void Shift(Tensor t, int dim, long from, long to, long length)
    {
        using var src = t.narrow(dim, from, length).clone();
        t.narrow(dim, to, length).copy_(src);
    }

    /// <summary>Restarts the cache for a re-encode; the held pixels are returned first.</summary>
    internal Tensor ResetForRecache()
    {
        var held = HeldFrames();
        StoredFrames = 0;
        return held;
    }

    /// <summary>Restores the absolute frame count after a re-encode (which counted the frames again).</summary>
    internal void RestoreFramesWritten(long value) => FramesWritten = value;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in keys) t.Dispose();
        foreach (var t in values) t.Dispose();
        frames.Dispose();
        invFreq.Dispose();
    }
}
