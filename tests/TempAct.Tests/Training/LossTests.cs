using TempAct.Models.Executor;
using TempAct.Tests.Precision;
using TempAct.Training.Losses;
using static TorchSharp.torch;

namespace TempAct.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class LossTests
{
    [Fact]
    public void Gspo_HandComputedLossClipAndGradient()
    {
        using var scope = NewDisposeScope();
        // Two answers: the first of 2 tokens (third padded), the second of 3 tokens.
        var old = tensor(new float[] { -1f, -2f, 0f, -0.5f, -0.25f, -3f }, new long[] { 2, 3 });
        var logp = (old + tensor(new float[] { 0.001f, 0.003f, 7f, 0f, 0f, 0f }, new long[] { 2, 3 })).detach().requires_grad_();
        var mask = tensor(new float[] { 1, 1, 0, 1, 1, 1 }, new long[] { 2, 3 });
        var adv = tensor(new float[] { 1f, -0.5f });
        var terms = new GspoLoss().Compute(logp, old, logp.detach(), mask, adv);
        // Answer 0: s = e^{(0.001 + 0.003)/2} = e^{0.002} = 1.002002 > 1 + 5e-4, A = 1: max(−s, −1.0005) = −1.0005 (clipped).
        // Answer 1: s = 1, A = −0.5: 0.5. Mean: (−1.0005 + 0.5) / 2 = −0.25025. KL to itself: 0.
        Close.Scalars(-0.25025, terms.PolicyLoss, 1, Close.Reassociated, "policy loss");
        Close.Scalars(-0.25025, terms.Loss.item<float>(), 1, Close.Reassociated, "loss");
        Assert.Equal(0, terms.Kl, 12);
        Assert.Equal(0.5, terms.ClipFraction, 12);
        terms.Loss.backward();
        // The clipped answer gets no gradient; answer 1: d/dℓ_t of 0.5·s / 2 with s = exp(mean of 3 tokens) = 0.5/3/2.
        var g = logp.grad!.data<float>().ToArray();
        Assert.All(g.Take(3), x => Assert.Equal(0f, x));
        Assert.All(g.Skip(3), x => Close.Scalars(0.5 / 3 / 2, x, 1, Close.Reassociated, "gradient of answer 1"));
    }

    [Fact]
    public void Gspo_K3KlIsZeroForIdenticalModels_AndMatchesAHandValue()
    {
        using var scope = NewDisposeScope();
        var logp = tensor(new float[] { -1f, -2f }, new long[] { 1, 2 });
        var mask = ones(1, 2);
        var adv = zeros(1);
        Assert.Equal(0, new GspoLoss().Compute(logp, logp, logp, mask, adv).Kl, 12);
        // ref − θ = 0.1 on one token, 0 on the other: k3 = (e^{0.1} − 0.1 − 1 + 0) / 2 = 0.00517092 / 2.
        var reference = logp + tensor(new float[] { 0.1f, 0f }, new long[] { 1, 2 });
        var terms = new GspoLoss().Compute(logp, logp, reference, mask, adv);
        Close.Scalars((Math.Exp(0.1) - 1.1) / 2, terms.Kl, 1, Close.Chained, "k3");
        Close.Scalars(5e-4 * (Math.Exp(0.1) - 1.1) / 2, terms.Loss.item<float>(), 1e-3, Close.Chained, "β·k3 with zero advantages");
    }

    [Fact]
    public void RatioNorm_IsOneWhenWeightsUnchanged()
    {
        using var scope = NewDisposeScope();
        var g = new Generator(seed: 3);
        var v = randn(new long[] { 4, 3, 3, 8, 8 }, generator: g);
        var logp = randn(new long[] { 4 }, generator: g);
        var terms = new RatioNormLoss().Compute(logp, logp, v, v, v, tensor(new float[] { 1, -1, 0.5f, 2 }), 0.8333, 0.625);
        Assert.Equal(0, terms.MeanAbsRatioDeviation, 12);
        Assert.Equal(0, terms.ClipFraction, 12);
        Assert.Equal(0, terms.Kl, 12);
        Close.Scalars(-(1 - 1 + 0.5 + 2) / 4, terms.PolicyLoss, 1, Close.Reassociated, "−mean A at r = 1");
    }

    [Fact]
    public void RatioNorm_MatchesAHandComputation()
    {
        using var scope = NewDisposeScope();
        // σ = 0.8333…, σ' = 0.625: c = (0.375² · σ²) / (2 · 0.625²) = 0.125 (σ² = 0.69444…); scale σ'/((1−σ')σ) = 2.
        double sigma = 0.625 / (0.375 * 2), sigmaNext = 0.625;
        Close.Scalars(0.125, RatioNormLoss.QuadraticCoefficient(sigma, sigmaNext), 1, Close.Reassociated, "c");
        var vOld = zeros(1, 2); var v = tensor(new float[] { 0.2f, -0.1f }, new long[] { 1, 2 });
        var old = tensor(new float[] { -1f }); var logp = tensor(new float[] { -0.999f });
        // mean(Δv²) = (0.04 + 0.01)/2 = 0.025; log r = (0.001 + 0.125·0.025)·2 = 0.00825.
        var logRatio = RatioNormLoss.LogRatio(logp, old, v, vOld, sigma, sigmaNext);
        Close.Scalars(0.00825, logRatio.item<float>(), 1, Close.Chained, "normalised log-ratio");
        var terms = new RatioNormLoss().Compute(logp, old, v, vOld, vOld, tensor(new float[] { 1f }), sigma, sigmaNext);
        // r = e^{0.00825} > 1 + 1e-5, A = 1: max(−r, −(1 + 1e-5)) = −(1 + 1e-5); KL = mean(Δv²) = 0.025.
        Close.Scalars(-(1 + 1e-5), terms.PolicyLoss, 1, Close.Reassociated, "clipped policy loss");
        Close.Scalars(0.025, terms.Kl, 1, Close.Reassociated, "velocity KL");
        Assert.Equal(1, terms.ClipFraction, 12);
    }

    [Fact]
    public void RatioNorm_OfTheSamplersGaussian_IsMinusMeanNoiseTimesVelocityChange()
    {
        // With x' = μ_old + σ'ε and μ = (1−σ')(x − σv), the Gaussian log-ratio is linear in Δv plus −c·mean(Δv²);
        // RatioNorm removes the quadratic term and rescales, leaving exactly −mean(ε·Δv). Checked on the sampler's own
        // log-density, so the loss and the sampler agree on what a transition's log-prob is.
        using var scope = NewDisposeScope();
        var g = new Generator(seed: 11);
        long[] shape = [3, 3, 3, 8, 8];
        double sigma = 0.9375, sigmaNext = 0.8333;
        var x = randn(shape, generator: g); var eps = randn(shape, generator: g);
        var vOld = randn(shape, generator: g); var v = vOld + 0.05 * randn(shape, generator: g);
        var meanOld = (1 - sigmaNext) * (x - sigma * vOld); var mean = (1 - sigmaNext) * (x - sigma * v);
        var xNext = meanOld + sigmaNext * eps;
        var logProb = FewStepSampler.GaussianLogProb(xNext, mean, sigmaNext);
        var logRatio = RatioNormLoss.LogRatio(logProb, FewStepSampler.GaussianLogProb(xNext, meanOld, sigmaNext), v, vOld, sigma, sigmaNext);
        var expected = -(eps * (v - vOld)).reshape(3, -1).mean([1]);
        // The log-densities are O(1) and cancel to O(0.003): compare in ulps of the densities' magnitude, not the result's.
        Close.Tensors(expected, logRatio, logProb.abs().max().item<float>(), Close.Chained, "RatioNorm log-ratio vs −mean(ε·Δv)");
        Assert.True(expected.abs().max().item<float>() > 1e-3, "the velocity change must matter, else the check is vacuous");
    }
}
