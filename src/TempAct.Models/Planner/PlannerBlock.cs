using TempAct.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TempAct.Models.Planner;

/// <summary>One pre-norm decoder block: causal self-attention (with an optional KV cache) and a GELU MLP; all four linear
/// layers carry LoRA adapters when the config asks for them.</summary>
public sealed class PlannerBlock : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm ln_1, ln_2;
    private readonly LoraLinear c_attn, attn_proj, c_fc, mlp_proj;
    private readonly int heads;

    /// <summary>Creates a block.</summary>
    public PlannerBlock(PlannerConfig c, Generator? g) : base(nameof(PlannerBlock))
    {
        heads = c.Heads;
        ln_1 = nn.LayerNorm(c.Dim); ln_2 = nn.LayerNorm(c.Dim);
        c_attn = new LoraLinear(c.Dim, 3 * c.Dim, true, c.LoraRank, c.LoraAlpha, g);
        attn_proj = new LoraLinear(c.Dim, c.Dim, true, c.LoraRank, c.LoraAlpha, g);
        c_fc = new LoraLinear(c.Dim, 4 * c.Dim, true, c.LoraRank, c.LoraAlpha, g);
        mlp_proj = new LoraLinear(4 * c.Dim, c.Dim, true, c.LoraRank, c.LoraAlpha, g);
        RegisterComponents();
    }

    /// <summary>Full causal forward over [B, T, D].</summary>
    public override Tensor forward(Tensor x) => Forward(x, null, 0);

    /// <summary>Forward over new positions [B, t, D] starting at <paramref name="start"/>; with a cache, keys/values of
    /// earlier positions come from it and the new ones are written into it (at cache slots start..start+t). With
    /// <paramref name="mask"/> [B, 1, t, start + t] (true = attend) the cached slots each row sees are given instead of
    /// the causal default (rows whose prompts have different lengths share one cache).</summary>
    public Tensor Forward(Tensor x, PlannerKvCache.Layer? cache, int start, Tensor? mask = null)
    {
        long b = x.shape[0], t = x.shape[1], d = x.shape[2], hd = d / heads;
        var qkv = c_attn.forward(ln_1.forward(x)).view(b, t, 3, heads, hd).permute(2, 0, 3, 1, 4); // [3, B, H, t, hd]
        Tensor q = qkv[0], k = qkv[1], v = qkv[2];
        Tensor y;
        if (cache is null)
            y = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);
        else
        {
            cache.Write(k, v, start);
            var (keys, values) = cache.Read(start + (int)t); // [B, H, start+t, hd]
            // New query i (absolute start+i) may see keys 0..start+i: a causal mask offset by start.
            using var causal = mask is null ? ones(new long[] { t, start + t }, dtype: ScalarType.Bool, device: x.device).tril(start) : null;
            y = nn.functional.scaled_dot_product_attention(q, keys, values, attn_mask: mask ?? causal);
        }
        y = y.transpose(1, 2).reshape(b, t, d);                                                      // [B, t, D]
        x = x + attn_proj.forward(y);
        return x + mlp_proj.forward(nn.functional.gelu(c_fc.forward(ln_2.forward(x))));
    }

    /// <summary>The four adapted linear layers.</summary>
    public IEnumerable<LoraLinear> LoraLayers() => [c_attn, attn_proj, c_fc, mlp_proj];
}
