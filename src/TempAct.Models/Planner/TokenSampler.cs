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
        var tokens = multinomial(probs.cpu(), 1, generator: generator).squeeze(-1).to(logits.device); // [B]
        return (tokens, logp.gather(-1, tokens.unsqueeze(-1)).squeeze(-1));
    }
}
