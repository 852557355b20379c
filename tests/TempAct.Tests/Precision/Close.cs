using static TorchSharp.torch;

namespace TempAct.Tests.Precision;

/// <summary>
/// Float comparisons that hold on any x86-64 CPU. Two float32 computations of the same quantity along different paths
/// (batched vs one at a time, split vs whole, cached vs full) differ by rounding, and rounding error is relative: it
/// scales with the magnitude of the values involved and with float32's machine epsilon, and libtorch picks different
/// kernels (blocking, vector width, FMA use) on different CPUs. So a bound is a number of float32 ulps of the compared
/// values' magnitude, never an absolute constant: an absolute 1e-6 is 8 ulps of a value of 1 and fails on a CPU whose
/// kernels round differently (seen: 1.19e-6 on an AMD EPYC).
/// </summary>
internal static class Close
{
    /// <summary>float32 machine epsilon (2⁻²³).</summary>
    public const double Eps = 1.1920928955078125e-7;

    /// <summary>For results of the same arithmetic reassociated (a different batch, split or kernel): reductions over
    /// a few hundred terms give errors of order √n ulps; 64 leaves a wide margin and still catches a real bug, which
    /// moves values by far more than 64 ulps (≈ 8e-6 relative).</summary>
    public const double Reassociated = 64;

    /// <summary>For results that pass through a long chain (several transformer blocks, a softmax, a log-prob mean).</summary>
    public const double Chained = 512;

    /// <summary>Largest absolute element-wise difference of two tensors.</summary>
    public static double MaxDiff(Tensor a, Tensor b) => (a - b).abs().max().item<float>();

    /// <summary>The magnitude of a comparison: the largest absolute element of either tensor (never below the smallest
    /// normal float, so an all-zero pair still needs exact equality).</summary>
    public static double Magnitude(Tensor a, Tensor b) =>
        Math.Max(Math.Max(a.abs().max().item<float>(), b.abs().max().item<float>()), float.Epsilon);

    /// <summary>Asserts |expected − actual| ≤ ulps · ε · magnitude element-wise, where the magnitude is the largest
    /// absolute value of the two tensors; the message gives the difference in ulps.</summary>
    public static void Tensors(Tensor expected, Tensor actual, double ulps, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        double diff = MaxDiff(expected, actual), scale = Magnitude(expected, actual);
        Assert.True(diff <= ulps * Eps * scale,
            $"{what}: max |Δ| {diff:G3} = {diff / (Eps * scale):F1} ulps of the magnitude {scale:G3} (allowed {ulps})");
    }

    /// <summary>As <see cref="Tensors(Tensor, Tensor, double, string)"/>, but in ulps of <paramref name="scale"/>: the
    /// magnitude of the values the computation went through, when the compared results are a small difference of them.</summary>
    public static void Tensors(Tensor expected, Tensor actual, double scale, double ulps, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        double diff = MaxDiff(expected, actual), s = Math.Max(Math.Max(scale, Magnitude(expected, actual)), float.Epsilon);
        Assert.True(diff <= ulps * Eps * s, $"{what}: max |Δ| {diff:G3} = {diff / (Eps * s):F1} ulps of the magnitude {s:G3} (allowed {ulps})");
    }

    /// <summary>Asserts |expected − actual| ≤ ulps · ε · scale for scalars, where <paramref name="scale"/> is the
    /// magnitude of the values the computation went through (e.g. the logits behind a log-probability).</summary>
    public static void Scalars(double expected, double actual, double scale, double ulps, string what)
    {
        double diff = Math.Abs(expected - actual), s = Math.Max(Math.Max(scale, Math.Max(Math.Abs(expected), Math.Abs(actual))), float.Epsilon);
        Assert.True(diff <= ulps * Eps * s, $"{what}: |Δ| {diff:G3} = {diff / (Eps * s):F1} ulps of the magnitude {s:G3} (allowed {ulps})");
    }
}
