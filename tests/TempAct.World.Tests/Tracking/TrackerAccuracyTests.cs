using TempAct.World.Scenes;
using TempAct.World.Simulation;
using TempAct.World.Tracking;
using Xunit.Abstractions;

namespace TempAct.World.Tests.Tracking;

/// <summary>The tracker against 1,000 random clean ground-truth videos: events and per-frame detections.</summary>
public sealed class TrackerAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_event_of_1000_clean_videos_is_detected_with_its_onset_and_nothing_else()
    {
        var (rate, summary, failures) = TrackingBench.Evaluate(c => TrackingBench.CleanResults[c.Index], "clean");
        TrackingBench.Log(output, summary);
        foreach (var f in failures.Take(10)) TrackingBench.Log(output, "  " + f);
        Assert.True(rate == 1.0,
            $"{failures.Count} of {TrackingBench.Cases.Count} clean videos wrong; first: {failures.FirstOrDefault()}");
    }

    [Fact]
    public void Every_event_of_1000_clean_videos_of_a_stream_it_was_not_calibrated_on_is_detected()
    {
        var (rate, summary, failures) = TrackingBench.Evaluate(TrackingBench.HeldOutCases, c => Tracker.Track(c.Video), "clean, held-out stream");
        TrackingBench.Log(output, summary);
        foreach (var f in failures.Take(10)) TrackingBench.Log(output, "  " + f);
        Assert.True(rate >= 0.995,
            $"{failures.Count} of {TrackingBench.HeldOutCases.Count} held-out clean videos wrong; first: {failures.FirstOrDefault()}");
    }

    [Fact]
    public void Per_frame_detections_of_opaque_objects_have_the_right_colour_shape_and_size()
    {
        // Counted: visible, fully opaque, not turning, wholly inside the canvas (a jump from the top row lifts objects
        // partly out of the frame) and at a size class's exact radius (mid-grow radii have no size class). The figure
        // over all opaque, non-turning objects is printed too.
        int total = 0, colour = 0, shape = 0, size = 0, all = 0, missing = 0, anyTotal = 0, anyRight = 0;
        var wrong = new List<string>();
        foreach (var c in TrackingBench.Cases)
        {
            var states = WorldSimulator.States(c.Scene, c.Timed, c.Frames);
            var result = TrackingBench.CleanResults[c.Index];
            for (int t = 0; t < c.Frames; t++)
                foreach (var st in states[t])
                {
                    if (st.Alpha < 1f || st.WipeColor is not null) continue;
                    var (_, hy) = WorldGeometry.HalfExtents(st.Shape, st.Radius);
                    bool counted = st.Y - hy >= 0 && st.Radius is WorldGeometry.SmallRadius or WorldGeometry.LargeRadius;
                    Detection? best = null;
                    float bestDist = 5f;
                    foreach (var d in result.Detections[t])
                    {
                        float dist = MathF.Sqrt((d.X - st.X) * (d.X - st.X) + (d.Y - st.Y) * (d.Y - st.Y));
                        if (dist < bestDist) { bestDist = dist; best = d; }
                    }
                    bool okColour = best?.Color == st.Color, okShape = best?.Shape == st.Shape, okSize = best?.Size == st.Size;
                    anyTotal++;
                    if (okColour && okShape && okSize) anyRight++;
                    if (!counted) continue;
                    total++;
                    if (best is null) { missing++; continue; }
                    if (okColour) colour++;
                    if (okShape) shape++;
                    if (okSize) size++;
                    if (okColour && okShape && okSize) all++;
                    else if (wrong.Count < 10)
                        wrong.Add($"case {c.Index} frame {t}: truth {st.Color} {st.Shape} r={st.Radius} at ({st.X},{st.Y}); " +
                                  $"seen {best.Color} {best.Shape} r={best.Radius:F2} skew={best.Skew:F2} cross={best.Cross:F2}");
                }
        }
        double rate = (double)all / total;
        TrackingBench.Log(output, $"per-frame (clean): {all}/{total} right ({rate:P3}); colour {(double)colour / total:P3}, " +
            $"shape {(double)shape / total:P3}, size {(double)size / total:P3}, missing {missing}; including objects partly " +
            $"off-canvas and mid-grow: {anyRight}/{anyTotal} ({(double)anyRight / anyTotal:P3})");
        foreach (var w in wrong) TrackingBench.Log(output, "  " + w);
        Assert.True(rate >= 0.995, $"per-frame accuracy {rate:P3} < 99.5%");
    }
}
