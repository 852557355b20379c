using TempAct.Models.Executor;
using TempAct.Tests.Precision;
using static TorchSharp.torch;

namespace TempAct.Tests.Executor;

[Collection(TorchCollection.Name)]
public sealed class NoiseStreamsTests
{
    [Fact]
    public void TheTensorHash_EqualsTheReferenceBitForBit()
    {
        // int64 multiplication must wrap and shifts must be logical for the device hash to be SplitMix64's.
        using var scope = NewDisposeScope();
        var inputs = new[] { 0L, 1L, -1L, long.MinValue, long.MaxValue, 0x123456789ABCDEFL, unchecked((long)0xDEADBEEFCAFEBABEUL) };
        var mixed = NoiseStreams.MixTensor(tensor(inputs)).data<long>().ToArray();
        for (int i = 0; i < inputs.Length; i++) Assert.Equal(unchecked((long)NoiseStreams.Mix((ulong)inputs[i])), mixed[i]);
    }

    [Fact]
    public void TheDevicePath_EqualsTheCSharpPath()
    {
        // CUDA draws with tensor ops, the CPU in C#: the same hash bits, float32 transforms a few ulps apart.
        using var scope = NewDisposeScope();
        long[] bases = [3, -8, long.MaxValue];
        var device = NoiseStreams.Gaussian(bases, 101, CPU);
        var reference = tensor(NoiseStreams.Reference(bases, 101), new long[] { 3, 101 });
        Close.Tensors(reference, device, Close.Reassociated, "tensor-op draw vs C# draw");
        // And whole streams: the device path (keys uploaded once, bases mixed on the device) draw after draw.
        using var csharp = new NoiseStreams([5L, -6L], CPU);
        using var ops = new NoiseStreams([5L, -6L], CPU, tensorOps: true);
        for (int d = 0; d < 3; d++) Close.Tensors(csharp.Next(3, 4, 4), ops.Next(3, 4, 4), Close.Reassociated, $"draw {d}: tensor ops vs C#");
        using var branched = ops.Branch(2);
        using var branchedC = csharp.Branch(2);
        Close.Tensors(branchedC.Next(7), branched.Next(7), Close.Reassociated, "branched streams");
    }

    [Fact]
    public void AStreamsDraws_DependOnlyOnItsKey_NotOnItsBatch()
    {
        using var scope = NewDisposeScope();
        using var alone = new NoiseStreams([42L], CPU);
        using var batch = new NoiseStreams([7L, 42L, 9L], CPU);
        for (int d = 0; d < 3; d++)
        {
            var a = alone.Next(3, 3, 8, 8);
            var b = batch.Next(3, 3, 8, 8);
            Assert.Equal(new long[] { 1, 3, 3, 8, 8 }, a.shape);
            Assert.Equal(0.0, (a[0] - b[1]).abs().max().item<float>());
            Assert.True((b[0] - b[1]).abs().max().item<float>() > 0.5, "different keys must give different noise");
        }
    }

    [Fact]
    public void Draws_AreStandardNormal_AndBranchesFresh()
    {
        using var scope = NewDisposeScope();
        using var streams = NoiseStreams.ForSeed(3, 4, CPU);
        var z = streams.Next(25_001); // odd: the last Box–Muller pair is cut
        // 100,004 draws: the mean's standard error is 0.0032, the variance's 0.0045; 5 standard errors of slack.
        Assert.InRange(z.mean().item<float>(), -0.016, 0.016);
        Assert.InRange(z.var().item<float>(), 0.977, 1.023);
        Assert.InRange((z * z * z * z).mean().item<float>(), 2.85, 3.15); // kurtosis 3
        // Neighbouring elements are uncorrelated (the pair's cosine and sine halves too).
        var flat = z.reshape(-1);
        Assert.InRange((flat.narrow(0, 0, 100_003) * flat.narrow(0, 1, 100_003)).mean().item<float>(), -0.016, 0.016);

        using var branches = streams.Branch(2);
        Assert.Equal(8, branches.Count);
        var next = streams.Next(64);
        var children = branches.Next(64);
        for (int i = 0; i < 8; i++)
        {
            Assert.True((children[i] - next[i / 2]).abs().max().item<float>() > 0.5, $"branch {i} repeats its parent's stream");
            if (i % 2 == 1) Assert.True((children[i] - children[i - 1]).abs().max().item<float>() > 0.5, $"branches {i - 1} and {i} are one stream");
        }
    }
}
