using TempAct.World.Tracking;
using Xunit.Abstractions;

namespace TempAct.World.Tests.Tracking;

public sealed class TrackerDiagnostics(ITestOutputHelper output)
{
    [Fact]
    public void Failures()
    {
        string mode = Environment.GetEnvironmentVariable("DIAG_MODE") ?? "clean";
        foreach (var c in TrackingBench.Cases)
        {
            var v = mode == "clean" ? c.Video : mode == "nb" ? TrackingBench.BoxBlur(TrackingBench.AddNoise(c.Video, 0.1f, new Random(c.Index))) : TrackingBench.AddNoise(TrackingBench.BoxBlur(c.Video), 0.1f, new Random(c.Index));
            var r = Tracker.Track(v);
            var sc = TrackingBench.Score(c.Timed, r);
            if (!sc.Ok) output.WriteLine($"FAIL {c.Index}: {sc.Why} || {string.Join(", ", r.Events)}");
        }
    }

    [Fact]
    public void Scores()
    {
        string mode = Environment.GetEnvironmentVariable("DIAG_MODE") ?? "clean";
        var still = new List<(float P, float M, float C)>();
        var moving = new Dictionary<string, List<(float P, float M, float C)>>();
        foreach (var c in TrackingBench.Cases.Take(400))
        {
            var v = mode == "clean" ? c.Video : mode == "nb" ? TrackingBench.BoxBlur(TrackingBench.AddNoise(c.Video, 0.1f, new Random(c.Index))) : TrackingBench.AddNoise(TrackingBench.BoxBlur(c.Video), 0.1f, new Random(c.Index));
            var states = TempAct.World.Simulation.WorldSimulator.States(c.Scene, c.Timed, c.Frames);
            var det = new FrameDetector(v.Height, v.Width, TrackerOptions.Default);
            var dets = Enumerable.Range(0, v.Frames).Select(t => det.Detect(v, t)).ToArray();
            var ed = new EventDetector(TrackerOptions.Default, det.Noise());
            for (int t = 1; t < c.Frames; t++)
                for (int k = 0; k < states[t].Length; k++)
                {
                    var s0 = states[t - 1][k]; var s1 = states[t][k];
                    if (!s0.Visible || !s1.Visible) continue;
                    Detection? Near(int f, TempAct.World.Simulation.ObjectState st) => dets[f].Where(d => MathF.Abs(d.X - st.X) + MathF.Abs(d.Y - st.Y) < 4).OrderBy(d => MathF.Abs(d.X - st.X) + MathF.Abs(d.Y - st.Y)).FirstOrDefault();
                    var a = Near(t - 1, s0); var b = Near(t, s1);
                    if (a is null || b is null) continue;
                    var sc = ed.ChangeScores(a, b);
                    if (s0 == s1) still.Add(sc);
                    else
                    {
                        var ev = c.Timed.First(te => te.Span.Contains(t) && te.Event.Subject == c.Scene.Objects[k].Name).Event;
                        string key = ev.Action.ToString() + (ev.Pace == TempAct.World.Events.Pace.Slow ? " slow" : "");
                        if (!moving.TryGetValue(key, out var l)) moving[key] = l = new();
                        l.Add(sc);
                    }
                }
        }
        string Q(List<(float P, float M, float C)> list, Func<(float P, float M, float C), float> f) { var a = list.Select(f).OrderBy(x => x).ToArray(); return $"{a[0]:F2}/{a[a.Length / 100]:F2}/{a[a.Length / 10]:F2}/{a[a.Length / 2]:F2}/{a[a.Length * 99 / 100]:F2}/{a[^1]:F2}"; }
        string Row(List<(float P, float M, float C)> l) => $"n={l.Count,6} max {Q(l, x => Math.Max(x.P, Math.Max(x.M, x.C)))} pos {Q(l, x => x.P)} mass {Q(l, x => x.M)} col {Q(l, x => x.C)}";
        output.WriteLine($"STILL {Row(still)}");
        foreach (var (k, l) in moving.OrderBy(kv => kv.Key)) output.WriteLine($"{k,-14} {Row(l)}");
    }

    [Fact]
    public void Features()
    {
        string mode = Environment.GetEnvironmentVariable("DIAG_MODE") ?? "clean";
        var feats = new Dictionary<string, List<(float Skew, float Cross, float R)>>();
        foreach (var c in TrackingBench.Cases.Take(300))
        {
            var v = mode == "clean" ? c.Video : mode == "nb" ? TrackingBench.BoxBlur(TrackingBench.AddNoise(c.Video, 0.1f, new Random(c.Index))) : TrackingBench.AddNoise(TrackingBench.BoxBlur(c.Video), 0.1f, new Random(c.Index));
            var states = TempAct.World.Simulation.WorldSimulator.States(c.Scene, c.Timed, c.Frames);
            var r = Tracker.Track(v);
            for (int t = 0; t < c.Frames; t++)
                foreach (var st in states[t])
                {
                    if (st.Alpha < 1 || st.WipeColor is not null || st.Y < 6 || (st.Radius != 3 && st.Radius != 4.5f)) continue;
                    var d = r.Detections[t].OrderBy(d => MathF.Abs(d.X - st.X) + MathF.Abs(d.Y - st.Y)).FirstOrDefault();
                    if (d is null) continue;
                    string key = $"{st.Shape} {st.Size}";
                    if (!feats.TryGetValue(key, out var list)) feats[key] = list = new();
                    list.Add((d.Skew, d.Cross, d.Radius));
                }
        }
        foreach (var (k, list) in feats.OrderBy(kv => kv.Key))
        {
            string Q(Func<(float Skew, float Cross, float R), float> f) { var a = list.Select(f).OrderBy(x => x).ToArray(); return $"{a[0]:F2}/{a[a.Length / 100]:F2}/{a[a.Length / 2]:F2}/{a[a.Length * 99 / 100]:F2}/{a[^1]:F2}"; }
            output.WriteLine($"{k,-16} n={list.Count,6} skew {Q(x => x.Skew)}  cross {Q(x => x.Cross)}  r {Q(x => x.R)}");
        }
    }

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
