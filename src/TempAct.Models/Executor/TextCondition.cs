using static TorchSharp.torch;

namespace TempAct.Models.Executor;

/// <summary>
/// An encoded prompt batch, computed once per prompt and reused for every denoising step: the pooled text vector added
/// to the timestep embedding, the padding mask, each block's cross-attention keys and values, and (filled in by
/// gradient-free forwards) the modulation of each σ met. Like any encoding it belongs to the weights it was made with:
/// it records the model's <see cref="ExecutorTransformer.WeightsVersion"/>, and a forward refuses it once the weights
/// have changed (<see cref="ExecutorTransformer.MarkWeightsChanged"/>), so neither it nor its memo is ever served stale.
/// Rows are videos: <see cref="Repeat"/>, <see cref="Select"/> and <see cref="Splice"/> build per-video conditions
/// without re-encoding the rows that stay.
/// </summary>
public sealed class TextCondition : IDisposable
{
    internal TextCondition(IReadOnlyList<string> prompts, Tensor pooled, Tensor mask, (Tensor K, Tensor V)[] crossKv, long weightsVersion)
    {
        Prompts = prompts;
        Pooled = pooled;
        Mask = mask;
        CrossKv = crossKv;
        WeightsVersion = weightsVersion;
    }

    /// <summary>The prompt of each video in the batch.</summary>
    public IReadOnlyList<string> Prompts { get; }

    /// <summary>Batch size.</summary>
    public int Batch => Prompts.Count;

    /// <summary>The model's weights version this condition was encoded under.</summary>
    public long WeightsVersion { get; }

    internal Tensor Pooled { get; }           // [B, D]
    internal Tensor Mask { get; }             // [B, 1, 1, L] bool
    internal (Tensor K, Tensor V)[] CrossKv { get; } // per block, [B, H, L, hd]

    private readonly Dictionary<(double Sigma, int Adapters), Tensor[]> memo = [];

    /// <summary>The memoised modulations for <paramref name="key"/> (σ and which modulation adapters were on).</summary>
    internal bool TryMemoised((double Sigma, int Adapters) key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Tensor[]? modulations) => memo.TryGetValue(key, out modulations);

    /// <summary>Keeps <paramref name="modulations"/> for <paramref name="key"/>; from then on this condition owns them.</summary>
    internal void Memoise((double Sigma, int Adapters) key, Tensor[] modulations)
    {
        foreach (var t in modulations) t.DetachFromDisposeScope();
        if (memo.Remove(key, out var old)) foreach (var t in old) t.Dispose();
        memo[key] = modulations;
    }

    /// <summary>Keeps the tensors alive beyond the dispose scope they were made in.</summary>
    internal TextCondition Detach()
    {
        Pooled.DetachFromDisposeScope();
        Mask.DetachFromDisposeScope();
        foreach (var (k, v) in CrossKv) { k.DetachFromDisposeScope(); v.DetachFromDisposeScope(); }
        return this;
    }

    /// <summary>Each video's condition repeated <paramref name="times"/> times in a row (video b becomes rows
    /// b·times … b·times + times − 1), as <see cref="KvCache.Repeat"/> does; detached, owned by the caller. The memo is
    /// left behind (it refills in one pass).</summary>
    public TextCondition Repeat(int times) =>
        Map(Prompts.SelectMany(p => Enumerable.Repeat(p, times)).ToArray(), t => t.repeat_interleave(times, dim: 0));

    /// <summary>The condition of some videos (rows in the given order); detached, owned by the caller.</summary>
    public TextCondition Select(IReadOnlyList<int> rows)
    {
        using var index = tensor(rows.Select(r => (long)r).ToArray(), device: Pooled.device);
        return Map(rows.Select(r => Prompts[r]).ToArray(), t => t.index_select(0, index));
    }

    /// <summary>
    /// This condition with rows <paramref name="rows"/> replaced by <paramref name="part"/>'s (its rows in that order) —
    /// how a per-video prompt switch re-encodes only the videos that switch. Both are padded to the longer token count
    /// (padding is masked, so a video's attention sees the same tokens). Detached, owned by the caller.
    /// </summary>
    public TextCondition Splice(IReadOnlyList<int> rows, TextCondition part)
    {
        if (rows.Count != part.Batch) throw new ArgumentException($"{rows.Count} rows but {part.Batch} encoded prompts");
        if (part.WeightsVersion != WeightsVersion) throw new InvalidOperationException("the spliced condition was encoded under other weights");
        long l = Math.Max(Length, part.Length);
        using var index = tensor(rows.Select(r => (long)r).ToArray(), device: Pooled.device);
        var prompts = Prompts.ToArray();
        for (int i = 0; i < rows.Count; i++) prompts[rows[i]] = part.Prompts[i];
        using var scope = NewDisposeScope();
        Tensor Join(Tensor mine, Tensor theirs, int tokenDim) =>
            Pad(mine, tokenDim, l).index_copy(0, index, Pad(theirs, tokenDim, l)).MoveToOuterDisposeScope();
        var crossKv = CrossKv.Zip(part.CrossKv, (a, b) => (Join(a.K, b.K, 2), Join(a.V, b.V, 2))).ToArray();
        var result = new TextCondition(prompts, Join(Pooled, part.Pooled, -1), Join(Mask, part.Mask, 3), crossKv, WeightsVersion);
        return result.Detach();
    }

    /// <summary>Tokens per prompt after padding (L).</summary>
    internal long Length => Mask.shape[3];

    /// <summary>Pads dimension <paramref name="dim"/> (a token dimension; −1: none) with zeros / false up to <paramref name="length"/>.</summary>
    private static Tensor Pad(Tensor t, int dim, long length)
    {
        if (dim < 0 || t.shape[dim] == length) return t;
        var shape = t.shape.ToArray();
        shape[dim] = length - shape[dim];
        return cat([t, zeros(shape, dtype: t.dtype, device: t.device)], dim);
    }

    private TextCondition Map(IReadOnlyList<string> prompts, Func<Tensor, Tensor> rows)
    {
        using var scope = NewDisposeScope();
        var crossKv = CrossKv.Select(kv => (rows(kv.K).MoveToOuterDisposeScope(), rows(kv.V).MoveToOuterDisposeScope())).ToArray();
        return new TextCondition(prompts, rows(Pooled).MoveToOuterDisposeScope(), rows(Mask).MoveToOuterDisposeScope(), crossKv, WeightsVersion).Detach();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Pooled.Dispose();
        Mask.Dispose();
        foreach (var (k, v) in CrossKv) { k.Dispose(); v.Dispose(); }
        foreach (var t in memo.Values.SelectMany(x => x)) t.Dispose();
        memo.Clear();
    }
}
