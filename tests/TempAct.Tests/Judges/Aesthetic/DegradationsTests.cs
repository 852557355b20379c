using TempAct.Judges.Aesthetic;
using Xunit.Abstractions;

namespace TempAct.Tests.Judges.Aesthetic;

public sealed class DegradationsTests(ITestOutputHelper output)
{
    private static float[] Frame(int t) => JudgeScenarios.GroundTruth().Slice(t, t + 1).Data;

    [Fact]
    public void EveryKind_ChangesTheFrame_AndIsDeterministicInItsSeed()
    {
        var frame = Frame(20);
        foreach (var kind in Degradations.All)
        {
            var a = Degradations.Apply(frame, 32, 32, kind, new Random(5), out var applied);
            var b = Degradations.Apply(frame, 32, 32, kind, new Random(5));
            Assert.Equal(kind, applied);
            Assert.Equal(a, b);
            Assert.True(a.Zip(frame, (x, y) => Math.Abs(x - y)).Sum() > 1, $"{kind} left the frame unchanged");
            Assert.All(a, v => Assert.InRange(v, -1.0001f, 1.0001f));
        }
    }

    [Fact]
    public void ShapeDegradations_OfAnEmptyFrame_FallBackToBlur_AndSaySo()
    {
        var empty = new float[3 * 32 * 32];
        Array.Fill(empty, -0.85f);
        Degradations.Apply(empty, 32, 32, DegradationKind.BrokenShape, new Random(1), out var applied);
        Assert.Equal(DegradationKind.Blur, applied);
    }

    [Fact]
    public void AnalyticFrameQuality_IsHighOnCleanFrames_AndLowerOnEveryDegradation()
    {
        var pool = FramePool.Build(31, 120);
        double clean = Enumerable.Range(0, pool.Count).Average(i => FrameQuality.Score(pool[i], 32, 32).Total);
        output.WriteLine($"analytic frame quality: clean {clean:0.000}");
        Assert.True(clean >= 0.9, $"clean frames score {clean}");
        foreach (var kind in Degradations.All)
        {
            double degraded = Enumerable.Range(0, pool.Count).Average(i => FrameQuality.Score(Degradations.Apply(pool[i], 32, 32, kind, new Random(i)), 32, 32).Total);
            output.WriteLine($"  {kind,-13} {degraded:0.000}");
            Assert.True(degraded < clean, $"{kind}: {degraded} ≥ clean {clean}");
        }
    }
}
