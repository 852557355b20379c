using TorchSharp;
using static TorchSharp.torch;

namespace TempAct.Models.Runtime;

/// <summary>
/// Scalars that live as long as the process, and tensor additions that use them. TorchSharp (0.107) turns a number, and
/// the implicit alpha of <c>a + b</c>, into a fresh <see cref="Scalar"/> whose native handle it passes
/// to libtorch without keeping the object reachable: a garbage collection started by another thread (row workers, the
/// tracker's parallel scoring, a progress bar) can finalise it while the native call reads it, and libtorch then fails a
/// Scalar check ("toFloat"/"toLong") — rarely, under load, as seen in a demo, a measurement and a CI test run. The
/// executor's hot path (every block of every forward, the rotary embedding, the patch embedding, the head) adds through
/// these instead, the sampler scales through <see cref="Times"/>, and the velocity's clamp takes a kept scalar.
/// The values are bit-identical to the operators': the same libtorch calls with the same numbers.
/// </summary>
public static class KeptScalars
{
    /// <summary>1, the alpha of every addition here.</summary>
    public static readonly Scalar One = 1.ToScalar();

    /// <summary>a + b (libtorch's add with alpha 1).</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary>a + 1.</summary>
    public static Tensor PlusOne(this Tensor a) => a.add(One, One);

    /// <summary>a · s, the scalar held (by <c>using</c>) until libtorch has returned.</summary>
    public static Tensor Times(this Tensor a, double s)
    {
        using var k = s.ToScalar();
        return a.mul(k);
    }
}
