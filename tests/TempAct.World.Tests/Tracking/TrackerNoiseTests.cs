using TempAct.World.Tracking;
using Xunit.Abstractions;

namespace TempAct.World.Tests.Tracking;

/// <summary>The same 1,000 videos with Gaussian pixel noise σ = 0.1 (in [−1, 1]) and a 3×3 box blur.</summary>
public sealed class TrackerNoiseTests(ITestOutputHelper output)
{
    [Fact]
    public void At_least_98_percent_of_noisy_blurred_videos_are_tracked_right()
    {
        var (rate, summary, failures) =
            TrackingBench.Evaluate(c => Tracker.Track(TrackingBench.NoiseThenBlur(c)), "noise σ=0.1 then 3×3 blur");
        TrackingBench.Log(output, summary);
        foreach (var f in failures.Take(10)) TrackingBench.Log(output, "  " + f);
        Assert.True(rate >= 0.98, $"noisy accuracy {rate:P1} < 98%; first failure: {failures.FirstOrDefault()}");
    }

    [Fact]
    public void At_least_98_percent_of_noisy_blurred_videos_of_the_held_out_stream_are_tracked_right()
    {
        var (rate, summary, failures) = TrackingBench.Evaluate(TrackingBench.HeldOutCases,
            c => Tracker.Track(TrackingBench.NoiseThenBlur(c)), "noise σ=0.1 then 3×3 blur, held-out stream");
        TrackingBench.Log(output, summary);
        foreach (var f in failures.Take(10)) TrackingBench.Log(output, "  " + f);
        Assert.True(rate >= 0.98, $"held-out noisy accuracy {rate:P1} < 98%; first failure: {failures.FirstOrDefault()}");
    }
}

/// <summary>The harder order: blur first, then the full σ = 0.1 noise (not smoothed away). Measured, with a floor.</summary>
public sealed class TrackerHeavyNoiseTests(ITestOutputHelper output)
{
    [Fact]
    public void Blurred_then_noisy_videos_are_mostly_tracked_right()
    {
        var (rate, summary, failures) =
            TrackingBench.Evaluate(c => Tracker.Track(TrackingBench.BlurThenNoise(c)), "3×3 blur then noise σ=0.1");
        TrackingBench.Log(output, summary);
        foreach (var f in failures.Take(5)) TrackingBench.Log(output, "  " + f);
        Assert.True(rate >= 0.95, $"blur-then-noise accuracy {rate:P1} < 95%");
    }
}
