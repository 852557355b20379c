using TempAct.World.Tracking;
using Xunit.Abstractions;

namespace TempAct.World.Tests.Tracking;

public sealed class TrackerDiagnostics(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        var ids = (Environment.GetEnvironmentVariable("DIAG_CASES") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);
        string mode = Environment.GetEnvironmentVariable("DIAG_MODE") ?? "clean";
        foreach (var id in ids)
        {
            var c = TrackingBench.Cases[id];
            var v = mode == "clean" ? c.Video : mode == "nb" ? TrackingBench.BoxBlur(TrackingBench.AddNoise(c.Video, 0.1f, new Random(c.Index))) : TrackingBench.AddNoise(TrackingBench.BoxBlur(c.Video), 0.1f, new Random(c.Index));
            var r = Tracker.Track(v);
            var det = new FrameDetector(v.Height, v.Width, TrackerOptions.Default);
            for (int t = 0; t < v.Frames; t++) det.Detect(v, t);
            var noise = det.Noise();
            var ed = new EventDetector(TrackerOptions.Default, noise);
            output.WriteLine($"noise {noise}");
            output.WriteLine(c.ToString());
            output.WriteLine(TrackingBench.Describe(r));
            foreach (var tr in r.Tracks)
            {
                output.WriteLine($"track {tr}");
                for (int t = 0; t < r.FrameCount; t++)
                {
                    var d = tr.At(t);
                    float sc = t > 0 ? ed.ChangeScore(tr.At(t - 1), d) : 0; bool ch = sc >= 1;
                    output.WriteLine(d is null ? $"  {t,2} -" : $"  {t,2} {(ch ? "*" : " ")} {sc,5:F2} {d.Color,-6} {d.Shape,-8} x={d.X:F2} y={d.Y:F2} m={d.Mass:F2} r={d.Radius:F3} a={d.Alpha:F2} n={d.PixelCount}/{d.Support} skew={d.Skew:F2} cross={d.Cross:F2} share={d.ColorShare:F2}");
                }
            }
        }
    }
}
