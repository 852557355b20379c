using TorchSharp;
using static TorchSharp.torch;

namespace TempAct.Models.Executor;

/// <summary>
/// One independent standard-normal stream per video: draw d of video v is a pure function of (key_v, d), so a video's
/// noise never depends on what else shares its batch or on the device. On CUDA a draw is one batched pass of tensor ops
/// on the device; on the CPU the same arithmetic runs in C# (faster at batch 1).
/// Counter-based, as CUDA's Philox is: element e of a draw hashes (base_{v,d} + e·γ) with SplitMix64's finaliser
/// (<see href="https://prng.di.unimi.it/splitmix64.c"/>), whose 64 bits give two 24-bit uniforms for one Box–Muller pair.
/// The hash is exact integer arithmetic on any device (int64 multiplication wraps, as two's complement does; a test
/// checks the bits against a C# reference); the Gaussian transform is float32, so devices agree to a few ulps.
/// <see cref="Branch"/> derives K fresh streams per video (K continuations of one prefix).
/// </summary>
public sealed class NoiseStreams : IDisposable
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private readonly long[] keys;
    private readonly Device device;
    private readonly Dictionary<long, Tensor> offsets = []; // e·γ for e < pairs, per draw size
    private Tensor? keysOnDevice;
    private long draws;

    /// <summary>Streams with the given keys (one per video) on <paramref name="device"/>. With
    /// <paramref name="tensorOps"/> a CPU draw runs the tensor ops CUDA runs instead of the C# loop (tests compare them).</summary>
    public NoiseStreams(IReadOnlyList<long> keys, Device device, bool tensorOps = false)
    {
        if (keys.Count == 0) throw new ArgumentException("at least one stream");
        this.keys = [.. keys];
        this.device = device;
        this.tensorOps = tensorOps || device.type != DeviceType.CPU;
    }

    private readonly bool tensorOps;

    /// <summary>Streams for <paramref name="videos"/> videos of one seed: video v's key mixes (seed, v).</summary>
    public static NoiseStreams ForSeed(long seed, int videos, Device device) =>
        new(Enumerable.Range(0, videos).Select(v => KeyOf(seed, v)).ToArray(), device);

    /// <summary>The key of child <paramref name="index"/> of <paramref name="parent"/> (a stable mix, never HashCode).</summary>
    public static long KeyOf(long parent, long index) => unchecked((long)Mix((ulong)parent ^ Mix((ulong)index + Gamma)));

    /// <summary>Videos (streams).</summary>
    public int Count => keys.Length;

    /// <summary>The streams' keys, video by video.</summary>
    public IReadOnlyList<long> Keys => keys;

    /// <summary>Draws made so far (every stream advances together).</summary>
    public long Draws => draws;

    /// <summary>The next draw: standard-normal noise [B, <paramref name="shape"/>…] on the device.</summary>
    public Tensor Next(params long[] shape)
    {
        long n = shape.Aggregate(1L, (a, b) => a * b);
        ulong d = Mix((ulong)draws++ * Gamma + 1);
        // The CPU computes it in C# (one pass instead of twenty small tensor ops: about ten times faster at batch 1).
        if (!tensorOps)
            return tensor(Reference(keys.Select(k => unchecked((long)Mix((ulong)k ^ d))).ToArray(), n), [keys.Length, .. shape]);
        // On the device the per-video bases come from the keys uploaded once: no host-to-device copy per draw.
        using var scope = NewDisposeScope();
        keysOnDevice ??= tensor(keys, device: device).DetachFromDisposeScope();
        var bases = MixTensor(keysOnDevice.bitwise_xor(unchecked((long)d)));
        return Gaussian(bases, n, Offsets((n + 1) / 2)).reshape([keys.Length, .. shape]).MoveToOuterDisposeScope();
    }

    /// <summary>The draw for per-video hash bases as tensor ops on <paramref name="device"/> (CUDA's path): [B, n].</summary>
    public static Tensor Gaussian(IReadOnlyList<long> bases, long n, Device device)
    {
        using var scope = NewDisposeScope();
        return Gaussian(tensor(bases.ToArray(), device: device), n, OffsetsOf((n + 1) / 2, device)).MoveToOuterDisposeScope();
    }

    private static Tensor Gaussian(Tensor bases, long n, Tensor offsets)
    {
        var h = MixTensor(bases.unsqueeze(1) + offsets);                                           // [B, pairs] int64
        // Two 24-bit uniforms in (0, 1) per hash: bits 40–63 and 16–39.
        var u1 = (LogicalShift(h, 40).to_type(ScalarType.Float32) + 0.5f) / 16777216f;
        var u2 = (LogicalShift(h, 16).bitwise_and(0xFFFFFF).to_type(ScalarType.Float32) + 0.5f) / 16777216f;
        var r = (-2 * u1.log()).sqrt();
        var theta = u2 * (float)(2 * Math.PI);
        return cat([r * theta.cos(), r * theta.sin()], 1).narrow(1, 0, n);                         // [B, n]
    }

    /// <summary>The same draw in C# (the CPU's path, and the reference the tensor path is tested against): [B·n].</summary>
    public static float[] Reference(IReadOnlyList<long> bases, long n)
    {
        long pairs = (n + 1) / 2;
        var result = new float[bases.Count * n];
        void Video(int v)
        {
            long o = v * n;
            for (long e = 0; e < pairs; e++)
            {
                ulong h = Mix(unchecked((ulong)bases[v] + (ulong)e * Gamma));
                float u1 = ((h >> 40) + 0.5f) / 16777216f, u2 = (((h >> 16) & 0xFFFFFF) + 0.5f) / 16777216f;
                float r = MathF.Sqrt(-2 * MathF.Log(u1)), theta = u2 * (float)(2 * Math.PI);
                var (sin, cos) = MathF.SinCos(theta);
                result[o + e] = r * cos;
                if (pairs + e < n) result[o + pairs + e] = r * sin;
            }
        }
        if (bases.Count < 8) for (int v = 0; v < bases.Count; v++) Video(v);
        else Parallel.For(0, bases.Count, Video);
        return result;
    }

    /// <summary>K streams per video (video v becomes rows v·K … v·K + K − 1), each with a key of its own, so every
    /// branch draws fresh noise.</summary>
    public NoiseStreams Branch(int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), "at least one branch");
        var children = new long[keys.Length * k];
        for (int v = 0; v < keys.Length; v++)
            for (int i = 0; i < k; i++) children[v * k + i] = KeyOf(keys[v], i + 1);
        return new NoiseStreams(children, device, tensorOps) { draws = draws };
    }

    /// <summary>The streams of some videos (rows in the given order); they continue where these are.</summary>
    public NoiseStreams Select(IReadOnlyList<int> rows) => new(rows.Select(r => keys[r]).ToArray(), device, tensorOps) { draws = draws };

    /// <summary>Streams with other keys (one per row) that continue where these are: a row keyed as one of these draws
    /// what that stream would have drawn next.</summary>
    public NoiseStreams WithKeys(IReadOnlyList<long> rowKeys)
    {
        if (rowKeys.Count == 0) throw new ArgumentException("at least one stream");
        return new(rowKeys, device, tensorOps) { draws = draws };
    }

    /// <summary>SplitMix64's finaliser on the CPU: the reference the tensor version must equal bit for bit.</summary>
    public static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary><see cref="Mix"/> element-wise on an int64 tensor (wrapping multiplication, logical shifts).</summary>
    public static Tensor MixTensor(Tensor z)
    {
        z = z.bitwise_xor(LogicalShift(z, 30)) * unchecked((long)0xBF58476D1CE4E5B9UL);
        z = z.bitwise_xor(LogicalShift(z, 27)) * unchecked((long)0x94D049BB133111EBUL);
        return z.bitwise_xor(LogicalShift(z, 31));
    }

    /// <summary>z &gt;&gt;&gt; s on int64 (torch shifts signed values arithmetically: mask the sign's copies away).</summary>
    private static Tensor LogicalShift(Tensor z, int s) => z.bitwise_right_shift(s).bitwise_and((long)((1UL << (64 - s)) - 1));

    private Tensor Offsets(long pairs)
    {
        if (!offsets.TryGetValue(pairs, out var t)) offsets[pairs] = t = OffsetsOf(pairs, device).DetachFromDisposeScope();
        return t;
    }

    /// <summary>e·γ for e &lt; <paramref name="pairs"/>, [1, pairs] int64 (wrapping).</summary>
    private static Tensor OffsetsOf(long pairs, Device device)
    {
        var values = new long[pairs];
        for (long e = 0; e < pairs; e++) values[e] = unchecked((long)((ulong)e * Gamma));
        return tensor(values, device: device).unsqueeze(0);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in offsets.Values) t.Dispose();
        offsets.Clear();
        keysOnDevice?.Dispose();
    }
}
