using static TorchSharp.torch;

namespace TempAct.Models.Executor;

/// <summary>
/// An encoded prompt batch, computed once per prompt and reused for every denoising step: the pooled text vector added
/// to the timestep embedding, the padding mask, and each block's cross-attention keys and values.
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
    }
}
