using static TorchSharp.torch;

namespace TempAct.Training.Losses;

/// <summary>
/// The executor's loss: PPO-clip over one re-noise transition x_j → x_{j+1} of the few-step sampler, with
/// <see href="https://arxiv.org/abs/2510.22319">GRPO-Guard</see>'s RatioNorm. The transition is Gaussian,
/// x_{j+1} ~ N((1−σ')(x_j − σ v), σ'²), so log π_θ − log π_old (mean over elements) equals a term linear in
/// Δv = v_θ − v_old plus −c·mean(Δv²) with c = (1−σ')²σ²/(2σ'²). RatioNorm adds c·mean(Δv²) back (removing the
/// quadratic term that biases the ratio below 1) and scales by σ'/((1−σ')σ), so that the log-ratio is mean(ε·Δv)-sized
/// at every step j instead of exploding where σ' is small:
/// r = exp((Δ log π + c·mean(Δv²)) · σ'/((1−σ')σ)). Loss: mean max(−A·r, −A·clip(r, 1 ± ε)) + β·mean((v_θ − v_ref)²),
/// the last term a KL to the base model (adapters off) in velocity space. TempAct's release: ε = 1e-5, β = 5e-4.
/// </summary>
public sealed record RatioNormLoss(double ClipEpsilon = 1e-5, double KlBeta = 5e-4)
{
    /// <summary>c_j = (1−σ')²σ²/(2σ'²), the coefficient of the quadratic term RatioNorm removes.</summary>
    public static double QuadraticCoefficient(double sigma, double sigmaNext) =>
        (1 - sigmaNext) * (1 - sigmaNext) * sigma * sigma / (2 * sigmaNext * sigmaNext);

    /// <summary>The normalised log-ratio of N transitions at one step (σ → σ').</summary>
    /// <param name="logProb">log π_θ(x_{j+1} | x_j), mean over elements, [N], with gradients.</param>
    /// <param name="oldLogProb">the rollout's log π_old, [N].</param>
    /// <param name="velocity">v_θ, [N, …], with gradients.</param>
    /// <param name="oldVelocity">the rollout's v_old, [N, …].</param>
    public static Tensor LogRatio(Tensor logProb, Tensor oldLogProb, Tensor velocity, Tensor oldVelocity, double sigma, double sigmaNext)
    {
        var dims = Enumerable.Range(1, (int)velocity.dim() - 1).Select(d => (long)d).ToArray();
        var dv2 = (velocity - oldVelocity).square().mean(dims);                              // [N]
        return (logProb - oldLogProb + QuadraticCoefficient(sigma, sigmaNext) * dv2) * (sigmaNext / ((1 - sigmaNext) * sigma));
    }

    /// <summary>The loss of N transitions at one step.</summary>
    /// <param name="refVelocity">v_ref of the base model (adapters off), [N, …], no gradients.</param>
    /// <param name="advantages">one advantage per continuation, [N].</param>
    public LossTerms Compute(Tensor logProb, Tensor oldLogProb, Tensor velocity, Tensor oldVelocity, Tensor refVelocity,
        Tensor advantages, double sigma, double sigmaNext, bool withKl = true)
    {
        var r = LogRatio(logProb, oldLogProb, velocity, oldVelocity, sigma, sigmaNext).exp();
        var clipped = r.clamp(1 - ClipEpsilon, 1 + ClipEpsilon);
        var policy = maximum(-advantages * r, -advantages * clipped).mean();
        var kl = (velocity - refVelocity).square().mean();
        var loss = withKl ? policy + KlBeta * kl : policy;
        using var _ = no_grad();
        double clipFraction = ((r - 1).abs() > ClipEpsilon).to_type(ScalarType.Float32).mean().item<float>();
        return new LossTerms(loss, policy.item<float>(), kl.item<float>(), clipFraction, (r - 1).abs().mean().item<float>());
    }
}
