using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TempAct.Models.Executor;

/// <summary>
/// The executor's small text encoder, trained with it: word embeddings + learned positions + bidirectional pre-norm
/// blocks with a padding mask. Returns the token states [B, L, D] that every video block cross-attends to.
/// </summary>
public sealed class TextEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Embedding tok_embed, pos_embed;
    private readonly ModuleList<TextBlock> blocks;
    private readonly LayerNorm norm;

    /// <summary>Creates the encoder.</summary>
    public TextEncoder(ExecutorConfig c, Generator g) : base(nameof(TextEncoder))
    {
        tok_embed = nn.Embedding(c.VocabSize, c.Dim);
        pos_embed = nn.Embedding(c.MaxTextTokens, c.Dim);
        using (no_grad())
        {
            tok_embed.weight!.normal_(0, 0.02, generator: g);
            pos_embed.weight!.normal_(0, 0.02, generator: g);
        }
        blocks = new ModuleList<TextBlock>(Enumerable.Range(0, c.TextLayers).Select(_ => new TextBlock(c.Dim, c.Heads, g)).ToArray());
        norm = nn.LayerNorm(c.Dim);
        RegisterComponents();
    }

    /// <summary>States [B, L, D] of token ids [B, L] with mask [B, L] (true = a real token).</summary>
    public override Tensor forward(Tensor ids, Tensor mask)
    {
        using var positions = arange(ids.shape[1], dtype: ScalarType.Int64, device: ids.device);
        var x = tok_embed.forward(ids) + pos_embed.forward(positions);
        var attnMask = mask.unsqueeze(1).unsqueeze(1);                                               // [B, 1, 1, L]
        foreach (var b in blocks) x = b.forward(x, attnMask);
        return norm.forward(x);
    }

    /// <summary>One bidirectional pre-norm block.</summary>
    private sealed class TextBlock : nn.Module<Tensor, Tensor, Tensor>
    {
        private readonly LayerNorm norm1, norm2;
        private readonly Linear qkv, attn_out, mlp_in, mlp_out;
        private readonly int heads;

        public TextBlock(int dim, int heads, Generator g) : base(nameof(TextBlock))
        {
            this.heads = heads;
            norm1 = nn.LayerNorm(dim); norm2 = nn.LayerNorm(dim);
            qkv = ExecutorInit.Linear(dim, 3 * dim, g); attn_out = ExecutorInit.Linear(dim, dim, g);
            mlp_in = ExecutorInit.Linear(dim, 4 * dim, g); mlp_out = ExecutorInit.Linear(4 * dim, dim, g);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x, Tensor attnMask)
        {
            long b = x.shape[0], l = x.shape[1], d = x.shape[2];
            var h = qkv.forward(norm1.forward(x)).view(b, l, 3, heads, d / heads).permute(2, 0, 3, 1, 4);
            var y = nn.functional.scaled_dot_product_attention(h[0], h[1], h[2], attn_mask: attnMask);
            x = x + attn_out.forward(y.transpose(1, 2).reshape(b, l, d));
            return x + mlp_out.forward(nn.functional.gelu(mlp_in.forward(norm2.forward(x))));
        }
    }
}

/// <summary>Seeded initialisation shared by the executor's layers (PyTorch's default uniform bound).</summary>
internal static class ExecutorInit
{
    public static Linear Linear(long inFeatures, long outFeatures, Generator g, bool zero = false)
    {
        var layer = nn.Linear(inFeatures, outFeatures);
        using (no_grad())
        {
            double bound = 1.0 / Math.Sqrt(inFeatures);
            if (zero) layer.weight!.zero_();
            else layer.weight!.uniform_(-bound, bound, generator: g);
            layer.bias!.zero_();
        }
        return layer;
    }
}
