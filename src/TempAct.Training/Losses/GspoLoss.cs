using static TorchSharp.torch;

namespace TempAct.Training.Losses;

/// <summary>
/// The planner's loss, GSPO (<see href="https://arxiv.org/abs/2507.18071">Group Sequence Policy Optimization</see>): one
/// importance ratio per sequence, s = exp(masked mean over answer tokens of log π_θ − log π_old), clipped PPO-style,
/// L = mean over sequences of max(−A·s, −A·clip(s, 1 ± ε)), plus β times the per-token k3 estimate of KL(π_θ ‖ π_ref)
/// (<see href="http://joschu.net/blog/kl-approx.html">k3 = e^{ref−θ} − (ref − θ) − 1</see>), averaged over answer
/// tokens. TempAct's release: ε = 5e-4, β = 5e-4; the reference is the planner with its adapters off.
/// </summary>
public sealed record GspoLoss(double ClipEpsilon = 5e-4, double KlBeta = 5e-4)
{
    /// <summary>The loss of a batch of N answers padded to T tokens.</summary>
    /// <param name="logProbs">log π_θ of each answer token, [N, T], with gradients.</param>
    /// <param name="oldLogProbs">log π_old of the same tokens (from the rollout's no-grad forward), [N, T].</param>
    /// <param name="refLogProbs">log π_ref (adapters off), [N, T].</param>
    /// <param name="mask">1 for answer tokens, 0 for padding, [N, T].</param>
    /// <param name="advantages">one advantage per answer, [N].</param>
    public LossTerms Compute(Tensor logProbs, Tensor oldLogProbs, Tensor refLogProbs, Tensor mask, Tensor advantages)
    {
        var tokens = mask.sum(1).clamp_min(1);                                          // [N]
        var logRatio = ((logProbs - oldLogProbs) * mask).sum(1) / tokens;               // [N] sequence-level
        var s = logRatio.exp();
        var clipped = s.clamp(1 - ClipEpsilon, 1 + ClipEpsilon);
        var policy = maximum(-advantages * s, -advantages * clipped).mean();
        var d = refLogProbs - logProbs;
        var k3 = ((d.exp() - d - 1) * mask).sum() / mask.sum().clamp_min(1);
        var loss = policy + KlBeta * k3;
        using var _ = no_grad();
        double clipFraction = ((s - 1).abs() > ClipEpsilon).to_type(ScalarType.Float32).mean().item<float>();
        return new LossTerms(loss, policy.item<float>(), k3.item<float>(), clipFraction, (s - 1).abs().mean().item<float>());
    }
}
