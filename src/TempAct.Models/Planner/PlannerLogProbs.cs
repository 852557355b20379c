using static TorchSharp.torch;

namespace TempAct.Models.Planner;

/// <summary>Recomputes the per-token log-probs of sampled answers under the current weights (with gradients), the
/// quantity GSPO's ratios are built from.</summary>
public static class PlannerLogProbs
{
    /// <summary>
    /// For one prompt and B answers (padded with &lt;pad&gt;), returns log-probs [B, A] under softmax(logits / T) and a mask
    /// [B, A] (1 on real answer tokens).
    /// </summary>
    public static (Tensor LogProbs, Tensor Mask) Compute(PlannerLm model, int[] prompt, IReadOnlyList<int[]> answers, double temperature, int padId)
    {
        var device = model.parameters().First().device;
        int a = answers.Max(x => x.Length), p = prompt.Length, b = answers.Count;
        var ids = new long[b * (p + a)];
        var mask = new float[b * a];
        for (int i = 0; i < b; i++)
        {
            for (int j = 0; j < p; j++) ids[i * (p + a) + j] = prompt[j];
            for (int j = 0; j < a; j++)
            {
                bool real = j < answers[i].Length;
                ids[i * (p + a) + p + j] = real ? answers[i][j] : padId;
                mask[i * a + j] = real ? 1 : 0;
            }
        }
        var input = tensor(ids, new long[] { b, p + a }, device: device);
        var logits = model.forward(input.narrow(1, 0, p + a - 1));                       // [B, P+A−1, V]
        var logp = nn.functional.log_softmax(logits.narrow(1, p - 1, a) / temperature, -1); // positions predicting the answer
        var target = input.narrow(1, p, a).unsqueeze(-1);                                // [B, A, 1]
        return (logp.gather(-1, target).squeeze(-1), tensor(mask, new long[] { b, a }, device: device));
    }
}
