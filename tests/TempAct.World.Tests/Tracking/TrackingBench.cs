using TempAct.World.Events;
using TempAct.World.Rendering;
using TempAct.World.Scenes;
using TempAct.World.Simulation;
using TempAct.World.Tracking;
using Xunit.Abstractions;

namespace TempAct.World.Tests.Tracking;

/// <summary>One random ground-truth video: scene, timed events, frames.</summary>
internal sealed record BenchCase(int Index, Scene Scene, IReadOnlyList<TimedEvent> Timed, int Frames, Video Video)
{
    public override string ToString()
    {
        var objects = Scene.Objects.Select(o => $"{o.Size.Word()} {o.Name} at {o.Placement.Name}{(o.Visible ? "" : " (hidden)")}");
        return $"case {Index}: {Frames} frames, scene [{string.Join(", ", objects)}], " +
            $"events [{string.Join(", ", Timed.Select(t => $"{t.Event} {t.Span}"))}]";
    }
}

/// <summary>Outcome of scoring one tracked video against its ground truth.</summary>
internal sealed record BenchScore(bool Ok, int TruthEvents, int Matched, int Extra, int StaysFailed, string? Why);

/// <summary>The shared random benchmark of the tracking tests, its degradations and its scoring.</summary>
internal static class TrackingBench
{
    public const int Seed = 20250611;
    public const int Count = 1000;

    private static readonly Lazy<IReadOnlyList<BenchCase>> Shared =
        new(() => Generate(Count, Seed), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<IReadOnlyList<TrackingResult>> CleanShared =
        new(() => Cases.Select(c => Tracker.Track(c.Video)).ToArray(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The 1,000 cases every accuracy test uses (rendered once, shared). The tracker's thresholds were
    /// calibrated on these, so each accuracy figure is also measured on <see cref="HeldOutCases"/>.</summary>
    public static IReadOnlyList<BenchCase> Cases => Shared.Value;

    /// <summary>Seed of a second stream of cases that no threshold was ever tuned on.</summary>
    public const int HeldOutSeed = 20261201;

    private static readonly Lazy<IReadOnlyList<BenchCase>> HeldOutShared =
        new(() => Generate(Count, HeldOutSeed), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>1,000 cases of the held-out seed stream (rendered once, shared).</summary>
    public static IReadOnlyList<BenchCase> HeldOutCases => HeldOutShared.Value;

    /// <summary>The tracker's results on the clean renders of <see cref="Cases"/> (tracked once, shared).</summary>
    public static IReadOnlyList<TrackingResult> CleanResults => CleanShared.Value;

    /// <summary>Gaussian noise σ = 0.1 on every value, then a 3×3 box blur (the asserted noisy condition).</summary>
    public static Video NoiseThenBlur(BenchCase c) => BoxBlur(AddNoise(c.Video, 0.1f, new Random(c.Index)));

    /// <summary>A 3×3 box blur, then Gaussian noise σ = 0.1 (harder: the noise is not smoothed; measured).</summary>
    public static Video BlurThenNoise(BenchCase c) => AddNoise(BoxBlur(c.Video), 0.1f, new Random(c.Index));

    /// <summary>Tracks every case after <paramref name="degrade"/> and scores it; returns a one-line summary and the failures.</summary>
    public static (double Rate, string Summary, List<string> Failures) Evaluate(Func<BenchCase, TrackingResult> track, string label) =>
        Evaluate(Cases, track, label);

    /// <summary>As <see cref="Evaluate(Func{BenchCase, TrackingResult}, string)"/>, over the given cases.</summary>
    public static (double Rate, string Summary, List<string> Failures) Evaluate(IReadOnlyList<BenchCase> cases, Func<BenchCase, TrackingResult> track, string label)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        int ok = 0, extra = 0, truth = 0, matched = 0, stays = 0, staysTotal = 0, videosWithExtra = 0, detected = 0;
        var failures = new List<string>();
        foreach (var c in cases)
        {
            var result = track(c);
            var s = Score(c.Timed, result);
            truth += s.TruthEvents; matched += s.Matched; extra += s.Extra; stays += s.StaysFailed; detected += result.Events.Count;
            staysTotal += c.Timed.Count(t => t.Event.Action == ActionKind.Stay);
            if (s.Extra > 0) videosWithExtra++;
            if (s.Ok) ok++;
            else failures.Add($"{s.Why} | {c} | {Describe(result)}");
        }
        double rate = (double)ok / cases.Count;
        string summary = $"{label}: {ok}/{cases.Count} videos fully right ({rate:P1}); " +
            $"events {matched}/{truth} ({(double)matched / truth:P2}); " +
            $"extra events {extra} of {detected} detected ({(double)extra / Math.Max(detected, 1):P2}; {videosWithExtra} videos); " +
            $"stays broken {stays}/{staysTotal}; {sw.Elapsed.TotalSeconds:F1} s";
        return (rate, summary, failures);
    }

    /// <summary>
    /// Random feasible scenarios with 1–6 events, a third each at 6 frames an event (training geometry: slow events are
    /// squeezed), 12 frames an event, and slow-heavy scenes at 6 frames per unit of weight (a slow event gets 12).
    /// </summary>
    public static IReadOnlyList<BenchCase> Generate(int count, int seed)
    {
        var rng = new Random(seed);
        var cases = new List<BenchCase>(count);
        for (int i = 0; i < count; i++)
        {
            int mode = i % 3, n = 1 + rng.Next(6);
            var options = mode == 2 ? new ScenarioSampler.Options(SlowProbability: 0.5) : null;
            var (scene, events) = ScenarioSampler.Sample(rng, n, options);
            int weight = events.Sum(e => e.Pace == Pace.Slow ? 2 : 1);
            int frames = mode switch { 0 => 6 * n, 1 => 12 * n, _ => 6 * weight };
            IReadOnlyList<TimedEvent> timed;
            try { timed = EventTiming.Assign(events, frames); }
            catch (ArgumentException) { frames = 6 * weight; timed = EventTiming.Assign(events, frames); }
            cases.Add(new BenchCase(i, scene, timed, frames, Renderer.Render(scene, timed, frames)));
        }
        return cases;
    }

    // 2^20 standard normal samples (Box–Muller on a seeded Random), shared: drawing fresh ones for every value of 2,000
    // videos costs more than tracking them. A video takes a contiguous block from a random offset, so no sample repeats
    // within a video (a video has at most 72 × 3 × 32 × 32 = 221,184 values).
    private static readonly float[] Normals = MakeNormals(1 << 20, 7);

    private static float[] MakeNormals(int count, int seed)
    {
        var rng = new Random(seed);
        var result = new float[count];
        for (int i = 0; i < count; i += 2)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double radius = Math.Sqrt(-2 * Math.Log(u1)), angle = 2 * Math.PI * u2;
            result[i] = (float)(radius * Math.Cos(angle));
            result[i + 1] = (float)(radius * Math.Sin(angle));
        }
        return result;
    }

    /// <summary>Adds Gaussian noise of standard deviation <paramref name="sigma"/> (in the [−1, 1] scale) to every value.</summary>
    public static Video AddNoise(Video v, float sigma, Random rng)
    {
        var data = (float[])v.Data.Clone();
        int offset = rng.Next(Normals.Length), mask = Normals.Length - 1;
        for (int i = 0; i < data.Length; i++) data[i] += sigma * Normals[(offset + i) & mask];
        return new Video(v.Frames, v.Height, v.Width, data);
    }

    /// <summary>3×3 box blur of every channel of every frame, clamping coordinates at the edges (separable).</summary>
    public static Video BoxBlur(Video v)
    {
        int h = v.Height, w = v.Width, plane = h * w;
        var src = v.Data;
        var rows = new float[plane];
        var data = new float[src.Length];
        for (int b = 0; b < src.Length; b += plane)
        {
            for (int y = 0; y < h; y++)
            {
                int r = b + y * w, o = y * w;
                for (int x = 0; x < w; x++)
                {
                    int left = x > 0 ? x - 1 : 0, right = x < w - 1 ? x + 1 : w - 1;
                    rows[o + x] = src[r + left] + src[r + x] + src[r + right];
                }
            }
            for (int y = 0; y < h; y++)
            {
                int up = (y > 0 ? y - 1 : 0) * w, mid = y * w, down = (y < h - 1 ? y + 1 : h - 1) * w;
                for (int x = 0; x < w; x++) data[b + mid + x] = (rows[up + x] + rows[mid + x] + rows[down + x]) / 9f;
            }
        }
        return new Video(v.Frames, h, w, data);
    }

    /// <summary>
    /// Scores one tracked video: every non-stay event must be detected with the right subject, action code and an onset
    /// within ±1 frame of its span's start; every stay must be satisfied (no detected onset inside its span); and no
    /// detected event may be left over.
    /// </summary>
    public static BenchScore Score(IReadOnlyList<TimedEvent> timed, TrackingResult result)
    {
        var used = new bool[result.Events.Count];
        int truth = 0, matched = 0, staysFailed = 0;
        string? why = null;
        foreach (var te in timed)
        {
            if (te.Event.Action == ActionKind.Stay)
            {
                if (!result.StaySatisfied(te.Span)) { staysFailed++; why ??= $"stay {te.Event} {te.Span} broken"; }
                continue;
            }
            truth++;
            int found = -1;
            for (int j = 0; j < result.Events.Count && found < 0; j++)
            {
                var d = result.Events[j];
                if (!used[j] && d.Subject == te.Event.Subject && d.ActionCode == te.Event.ActionCode
                    && Math.Abs(d.Onset - te.Span.Start) <= 1)
                    found = j;
            }
            if (found >= 0) { used[found] = true; matched++; }
            else why ??= $"missed {te.Event} {te.Span}";
        }
        int extra = used.Count(u => !u);
        if (extra > 0) why ??= "extra " + string.Join(", ", result.Events.Where((_, j) => !used[j]));
        return new BenchScore(matched == truth && extra == 0 && staysFailed == 0, truth, matched, extra, staysFailed, why);
    }

    /// <summary>Writes a line to the test output and to the console.</summary>
    public static void Log(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    /// <summary>One line per detected event, for failure messages.</summary>
    public static string Describe(TrackingResult r) =>
        $"tracks [{string.Join(", ", r.Tracks)}], events [{string.Join(", ", r.Events)}]";
}
