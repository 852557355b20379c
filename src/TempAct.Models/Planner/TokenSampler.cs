using static TorchSharp.torch;

namespace TempAct.Models.Planner;

/// <summary>Temperature + top-p sampling of one token per row, returning the token and its log-prob under
/// softmax(logits / T). The draw itself happens on the CPU with a CPU generator, so a seed gives the same plans on any
/// device (up to floating-point differences in the logits).</summary>
public static class TokenSampler
{
    /// <summary>logits [B, V] → tokens [B] (int64) and log-probs [B] (float32).</summary>
    public static (Tensor Tokens, Tensor LogProbs) Sample(Tensor logits, SamplingOptions o, Generator generator)
    {
        var (logp, probs) = Distribution(logits, o);
        var tokens = Draw(probs, generator).to(logits.device);                                     // [B]
        return (tokens, logp.gather(-1, tokens.unsqueeze(-1)).squeeze(-1));
    }

    /// <summary>log softmax(logits / T) [B, V] and the top-p-truncated probabilities [B, V] the draw is made from (row by
    /// row: a row's values do not depend on the other rows).</summary>
    public static (Tensor LogProbs, Tensor Probs) Distribution(Tensor logits, SamplingOptions o)
    {
        var scaled = logits / o.Temperature;
        var logp = nn.functional.log_softmax(scaled, dim: -1);                                         // [B, V]
        var probs = logp.exp();
        if (o.TopP < 1)
        {
            var (sorted, order) = probs.sort(dim: -1, descending: true);
            var before = sorted.cumsum(-1) - sorted;                                                  // mass of strictly larger tokens
            sorted = sorted.masked_fill(before.gt(o.TopP), 0);                                       // always keeps the top token
            probs = zeros_like(probs).scatter(-1, order, sorted);
        }
        return (logp, probs);
    }

    /// <summary>One token a row of <paramref name="probs"/> [B, V], drawn on the CPU: tokens [B] (int64, on the CPU).</summary>
    public static Tensor Draw(Tensor probs, Generator generator) => multinomial(probs.cpu(), 1, generator: generator).squeeze(-1);
}
