using TempAct.Models.Layers;
using TempAct.Models.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TempAct.Models.Executor;

/// <summary>
/// One DiT block: adaLN-zero modulated self-attention with RoPE over the frame index, cross-attention to the prompt,
/// and a modulated GELU MLP. Every linear layer is a <see cref="LoraLinear"/> (rank 0 unless the config asks).
/// </summary>
public sealed class ExecutorBlock : nn.Module
{
    private readonly LayerNorm norm1, norm2, norm_cross;
    private readonly LoraLinear qkv, attn_out, cross_q, cross_kv, cross_out, mlp_in, mlp_out, modulation;
    private readonly int heads;

    /// <summary>Creates a block.</summary>
    public ExecutorBlock(ExecutorConfig c, Generator g) : base(nameof(ExecutorBlock))
    {
        heads = c.Heads;
        int d = c.Dim, r = c.LoraRank; double a = c.LoraAlpha;
        norm1 = nn.LayerNorm(d, elementwise_affine: false);
        norm2 = nn.LayerNorm(d, elementwise_affine: false);
        norm_cross = nn.LayerNorm(d);
        qkv = new LoraLinear(d, 3 * d, true, r, a, g);
        attn_out = new LoraLinear(d, d, true, r, a, g);
        cross_q = new LoraLinear(d, d, true, r, a, g);
        cross_kv = new LoraLinear(d, 2 * d, true, r, a, g);
        cross_out = new LoraLinear(d, d, true, r, a, g);
        mlp_in = new LoraLinear(d, 4 * d, true, r, a, g);
        mlp_out = new LoraLinear(4 * d, d, true, r, a, g);
        modulation = new LoraLinear(d, 6 * d, true, r, a, g);
        // adaLN-zero: every block starts as the identity.
        using (no_grad()) foreach (var (name, p) in modulation.named_parameters()) if (name is "weight" or "bias") p.zero_();
        RegisterComponents();
    }

    /// <summary>Cross-attention keys and values of encoded text [B, L, D] → ([B, H, L, hd], [B, H, L, hd]).</summary>
    public (Tensor K, Tensor V) CrossKv(Tensor text)
    {
        long b = text.shape[0], l = text.shape[1], d = text.shape[2];
        var kv = cross_kv.forward(text).view(b, l, 2, heads, d / heads).permute(2, 0, 3, 1, 4);
        return (kv[0], kv[1]);
    }

    /// <summary>The block's adaLN modulation [B, G, 6·D] (shift, scale, gate of attention and MLP) of silu(cond) [B, G, D]
    /// — a function of σ and the prompt alone, so generation computes it once per prompt and σ.</summary>
    public Tensor Modulation(Tensor siluCond) => modulation.forward(siluCond);

    /// <summary>Whether the modulation layer's adapter takes part (part of the key of memoised modulations).</summary>
    internal bool ModulationAdapterActive => modulation.HasAdapter && modulation.AdaptersEnabled;

    /// <summary>
    /// x [B, N, D] with per-chunk modulation mod [B, N / group, 6·D] (<see cref="Modulation"/>); attention through
    /// <paramref name="attend"/>, which gets the stacked q, k, v [3, B, H, N, hd] (unrotated) and returns [B, H, N, hd] —
    /// so the same block serves the masked full-sequence forward and the cached chunk forward.
    /// </summary>
    public Tensor Forward(Tensor x, Tensor mod, int group, Func<Tensor, Tensor> attend, Tensor crossK, Tensor crossV, Tensor textMask)
    {
        long b = x.shape[0], n = x.shape[1], d = x.shape[2], hd = d / heads;
        // Modulation is per chunk [B, G, 6D]; broadcast each chunk's row to its `group` tokens.
        var m = ExecutorTransformer.PerToken(mod, group).chunk(6, dim: -1);
        Tensor shiftA = m[0], scaleA = m[1], gateA = m[2], shiftM = m[3], scaleM = m[4], gateM = m[5];

        var h = norm1.forward(x).mul(scaleA.PlusOne()).Plus(shiftA);
        var y = attend(qkv.forward(h).view(b, n, 3, heads, hd).permute(2, 0, 3, 1, 4));
        x = x.Plus(gateA * attn_out.forward(y.transpose(1, 2).reshape(b, n, d)));

        var q = cross_q.forward(norm_cross.forward(x)).view(b, n, heads, hd).transpose(1, 2);
        var c = nn.functional.scaled_dot_product_attention(q, crossK, crossV, attn_mask: textMask);
        x = x.Plus(cross_out.forward(c.transpose(1, 2).reshape(b, n, d)));

        h = norm2.forward(x).mul(scaleM.PlusOne()).Plus(shiftM);
        return x.Plus(gateM * mlp_out.forward(nn.functional.gelu(mlp_in.forward(h))));
    }

    /// <summary>The adapted linear layers.</summary>
    public IEnumerable<LoraLinear> LoraLayers() => [qkv, attn_out, cross_q, cross_kv, cross_out, mlp_in, mlp_out, modulation];
}
