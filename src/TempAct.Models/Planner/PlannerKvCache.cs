using static TorchSharp.torch;

namespace TempAct.Models.Planner;

/// <summary>Preallocated keys and values [B, H, MaxTokens, hd] for every layer of the planner; owns its tensors.</summary>
public sealed class PlannerKvCache : IDisposable
{
    /// <summary>One layer's buffers.</summary>
    public sealed class Layer : IDisposable
    {
        private readonly Tensor keys, values;

        internal Layer(long batch, long heads, long maxTokens, long headDim, Device device)
        {
            keys = zeros(new long[] { batch, heads, maxTokens, headDim }, device: device);
            values = zeros(new long[] { batch, heads, maxTokens, headDim }, device: device);
        }

        /// <summary>Writes k, v [B, H, t, hd] at positions start..start+t.</summary>
        public void Write(Tensor k, Tensor v, int start)
        {
            using var _ = no_grad();
            long t = k.shape[2];
            keys.narrow(2, start, t).copy_(k);
            values.narrow(2, start, t).copy_(v);
        }

        /// <summary>Keys and values of positions 0..length (views).</summary>
        public (Tensor Keys, Tensor Values) Read(int length) => (keys.narrow(2, 0, length), values.narrow(2, 0, length));

        /// <inheritdoc />
        public void Dispose() { keys.Dispose(); values.Dispose(); }
    }

    /// <summary>Allocates the cache for a batch.</summary>
    public PlannerKvCache(PlannerConfig c, long batch, Device device)
    {
        Layers = Enumerable.Range(0, c.Layers).Select(_ => new Layer(batch, c.Heads, c.MaxTokens, c.Dim / c.Heads, device)).ToArray();
    }

    /// <summary>One buffer pair per block.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <inheritdoc />
    public void Dispose() { foreach (var l in Layers) l.Dispose(); }
}
