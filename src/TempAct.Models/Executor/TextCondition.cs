using static TorchSharp.torch;

namespace TempAct.Models.Executor;

/// <summary>
/// An encoded prompt batch, computed once per prompt and reused for every denoising step: the pooled text vector added
/// to the timestep embedding, the padding mask, each block's cross-attention keys and values, and (filled in by
/// gradient-free forwards) the modulation of each σ met. Like any encoding it belongs to the weights it was made with:
/// encode again after the weights change.
/// </summary>
public sealed class TextCondition : IDisposable
{
    internal TextCondition(IReadOnlyList<string> prompts, Tensor pooled, Tensor mask, (Tensor K, Tensor V)[] crossKv)
    {
        Prompts = prompts;
        Pooled = pooled;
        Mask = mask;
        CrossKv = crossKv;
    }

    /// <summary>The prompt of each video in the batch.</summary>
    public IReadOnlyList<string> Prompts { get; }

    /// <summary>Batch size.</summary>
    public int Batch => Prompts.Count;

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
