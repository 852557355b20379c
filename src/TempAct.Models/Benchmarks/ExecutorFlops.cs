using TempAct.Models.Executor;

namespace TempAct.Models.Benchmarks;

/// <summary>
/// The matrix multiplications of the executor's generation forwards, counted analytically from the config. Only matmuls
/// are counted (norms, RoPE, softmax, SiLU/GELU and the sampler's arithmetic are O(n·d) and left out, as in the PaLM
/// appendix's MFU count, <see href="https://arxiv.org/abs/2204.02311"/>); a GEMM [M, K]·[K, N] is 2·M·K·N FLOPs.
/// </summary>
/// <remarks>
/// One <see cref="ExecutorTransformer.ForwardChunk"/> at batch 1, with n query tokens (a chunk: C·T = 3·16 = 48), m key
/// tokens (the cached frames' tokens + the chunk's own: at most (sink + window)·T + n = 18·16 + 48 = 336) and L text
/// tokens, width d, N blocks, patch values P = 3·p² (192):
/// <code>
///   F(n, m, L) = 2·n·P·d                       patch embedding
///              + 2·256·d + 2·d²                 σ embedding MLP (one row)
///              + N · ( 2·d·6d                   adaLN modulation (one row per chunk)
///                    + 2·n·d·3d                 q, k, v
///                    + 2·n·m·d + 2·n·m·d        q·kᵀ and softmax·v over all heads (h · n·m·(d/h) each)
///                    + 2·n·d²                   attention output
///                    + 2·n·d² + 2·n·d²          cross-attention query and output
///                    + 2·n·L·d + 2·n·L·d        cross-attention scores and values (text K/V are computed once per prompt)
///                    + 2·n·d·4d + 2·n·4d·d )    MLP
///              + 2·d·2d + 2·n·d·P               final modulation (one row) and head
///            = 4·n·P·d + 512·d + 6·d² + N·(12·d² + 28·n·d² + 4·n·m·d + 4·n·L·d)
/// </code>
/// A chunk is 4 sampler forwards and 1 cache-write forward (the t = 0 re-run), all with the same n and m, so in steady
/// state (the window full) the cost per generated frame is 5·F(C·T, (S + W)·T + C·T, L) / C. Text encoding (once per
/// prompt change) is not per frame and is left out. Default shape, L = 4: F ≈ 0.38 GFLOP, ≈ 0.64 GFLOP a frame.
/// </remarks>
public static class ExecutorFlops
{
    /// <summary>One (batched) GEMM: <paramref name="Count"/> × ([M, K] · [K, N]).</summary>
    public readonly record struct Gemm(string Name, long Count, long M, long K, long N)
    {
        /// <summary>2·Count·M·K·N.</summary>
        public double Flops => 2.0 * Count * M * K * N;
    }

    /// <summary>Forwards a chunk costs: the few-step sampler's 4 plus the cache write.</summary>
    public const int ForwardsPerChunk = 5;

    /// <summary>The GEMMs of one chunk forward in the order the model runs them (one entry per call).</summary>
    public static IReadOnlyList<Gemm> ChunkForward(ExecutorConfig c, int queryTokens, int keyTokens, int textTokens)
    {
        long n = queryTokens, m = keyTokens, l = textTokens, d = c.Dim, h = c.Heads, hd = d / h, p = c.PatchDim;
        var list = new List<Gemm>
        {
            new("patch_embed", 1, n, p, d),
            new("t_in", 1, 1, 256, d),
            new("t_out", 1, 1, d, d),
        };
        for (int i = 0; i < c.Layers; i++)
        {
            list.Add(new("modulation", 1, 1, d, 6 * d));
            list.Add(new("qkv", 1, n, d, 3 * d));
            list.Add(new("attn_scores", h, n, hd, m));
            list.Add(new("attn_values", h, n, m, hd));
            list.Add(new("attn_out", 1, n, d, d));
            list.Add(new("cross_q", 1, n, d, d));
            list.Add(new("cross_scores", h, n, hd, l));
            list.Add(new("cross_values", h, n, l, hd));
            list.Add(new("cross_out", 1, n, d, d));
            list.Add(new("mlp_in", 1, n, d, 4 * d));
            list.Add(new("mlp_out", 1, n, 4 * d, d));
        }
        list.Add(new("final_mod", 1, 1, d, 2 * d));
        list.Add(new("head", 1, n, d, p));
        return list;
    }

    /// <summary>F(n, m, L): FLOPs of one chunk forward (the sum over <see cref="ChunkForward"/>).</summary>
    public static double PerForward(ExecutorConfig c, int queryTokens, int keyTokens, int textTokens) =>
        ChunkForward(c, queryTokens, keyTokens, textTokens).Sum(g => g.Flops);

    /// <summary>Key tokens a chunk attends to once the window is full: (sink + window)·T cached + the chunk's own.</summary>
    public static int SteadyKeyTokens(ExecutorConfig c) => c.CacheFrames * c.TokensPerFrame + c.TokensPerChunk;

    /// <summary>Steady-state FLOPs per generated frame: 5·F(C·T, (S + W)·T + C·T, L) / C.</summary>
    public static double PerFrame(ExecutorConfig c, int textTokens) =>
        ForwardsPerChunk * PerForward(c, c.TokensPerChunk, SteadyKeyTokens(c), textTokens) / c.ChunkFrames;
}
