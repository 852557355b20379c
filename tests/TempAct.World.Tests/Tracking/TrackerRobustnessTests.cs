using TempAct.World.Rendering;
using TempAct.World.Tracking;

namespace TempAct.World.Tests.Tracking;

/// <summary>Garbage in: the tracker never throws and reports nothing (or very little) on frames that hold no objects.</summary>
public sealed class TrackerRobustnessTests
{
    private static Video Fill(int frames, int height, int width, Func<int, float> value)
    {
        var data = new float[frames * 3 * height * width];
        for (int i = 0; i < data.Length; i++) data[i] = value(i);
        return new Video(frames, height, width, data);
    }

    public static TheoryData<string, int> EmptyInputs() => new()
    {
        { "black", 1 }, { "black", 7 }, { "white", 1 }, { "white", 12 }, { "grey", 5 }, { "background", 30 },
        { "uniform", 1 }, { "uniform", 24 }, { "gaussian", 24 }, { "nan", 6 }, { "infinity", 6 }, { "huge", 3 },
    };

    [Theory]
    [MemberData(nameof(EmptyInputs))]
    public void Frames_without_objects_give_no_events(string kind, int frames)
    {
        var rng = new Random(frames * 31 + kind.Length);
        float bg = 2 * 0.06f - 1;
        var video = Fill(frames, 32, 32, i => kind switch
        {
            "black" => -1f,
            "white" => 1f,
            "grey" => 0f,
            "background" => i % 1024 < 0 ? 0 : (i / 1024 % 3 == 2 ? 2 * 0.09f - 1 : bg),
            "uniform" => (float)(2 * rng.NextDouble() - 1),
            "gaussian" => (float)(bg + 0.5 * (rng.NextDouble() + rng.NextDouble() + rng.NextDouble() - 1.5)),
            "nan" => i % 7 == 0 ? float.NaN : bg,
            "infinity" => i % 5 == 0 ? float.PositiveInfinity : i % 5 == 1 ? float.NegativeInfinity : bg,
            _ => i % 2 == 0 ? 3e38f : -3e38f,
        });
        var result = Tracker.Track(video);
        Assert.Equal(frames, result.FrameCount);
        Assert.Equal(frames, result.Detections.Count);
        Assert.Empty(result.Events);
        Assert.True(result.Tracks.Count <= 1, $"{kind}: {result.Tracks.Count} tracks");
    }

    [Fact]
    public void Scattered_coloured_specks_are_not_objects()
    {
        // 3% of the pixels of every frame get a random palette-like colour: single pixels, no compact blob.
        var rng = new Random(5);
        float bg = 2 * 0.06f - 1;
        var video = Fill(20, 32, 32, _ => bg);
        for (int t = 0; t < 20; t++)
            for (int k = 0; k < 30; k++)
            {
                int p = rng.Next(1024);
                for (int c = 0; c < 3; c++) video.Data[(t * 3 + c) * 1024 + p] = (float)(2 * rng.NextDouble() - 1);
            }
        var result = Tracker.Track(video);
        Assert.Empty(result.Events);
        Assert.Empty(result.Tracks);
    }

    [Fact]
    public void Random_videos_of_odd_sizes_never_throw()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 40; trial++)
        {
            int frames = 1 + rng.Next(10), height = 1 + rng.Next(40), width = 1 + rng.Next(40);
            double sparsity = rng.NextDouble();
            var video = Fill(frames, height, width, _ => rng.NextDouble() < sparsity ? (float)(2 * rng.NextDouble() - 1) : -0.88f);
            var result = Tracker.Track(video);
            Assert.Equal(frames, result.FrameCount);
            Assert.True(result.Events.Count <= 2 * frames, $"trial {trial}: {result.Events.Count} events in {frames} frames");
            Assert.All(result.Events, e => Assert.InRange(e.Onset, 0, frames - 1));
        }
    }

    [Fact]
    public void Tracking_keeps_no_state_between_videos()
    {
        // The tracker must depend on the video alone: tracking other videos in between, in another order, must not
        // change a result — this catches state kept across calls (buffers, track ids, thresholds adapted on the fly).
        var videos = Enumerable.Range(0, 12).Select(i => TrackingBench.NoiseThenBlur(TrackingBench.Cases[i])).ToArray();
        var forward = videos.Select(v => Describe(Tracker.Track(v))).ToArray();
        var backward = videos.Reverse().Select(v => Describe(Tracker.Track(v))).Reverse().ToArray();
        Assert.Equal(forward, backward);
        Assert.True(forward.Distinct().Count() > 6, "the videos should give different results, else the check is vacuous");
    }

    private static string Describe(TrackingResult r) =>
        string.Join("; ", r.Events.Select(e => e.ToString())) + " | " +
        string.Join(";", r.Detections.Select(d => string.Join(",", d.Select(x => $"{x.Color}{x.Shape}{x.X:F3},{x.Y:F3}"))));
}
