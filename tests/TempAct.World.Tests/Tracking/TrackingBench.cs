using TempAct.World.Events;
using TempAct.World.Rendering;
using TempAct.World.Scenes;
using TempAct.World.Simulation;
using TempAct.World.Tracking;

namespace TempAct.World.Tests.Tracking;

/// <summary>One random ground-truth video: scene, timed events, frames.</summary>
internal sealed record BenchCase(int Index, Scene Scene, IReadOnlyList<TimedEvent> Timed, int Frames, Video Video)
{
    public override string ToString() =>
        $"case {Index}: {Frames} frames, scene [{string.Join(", ", Scene.Objects.Select(o => $"{o.Size.Word()} {o.Name} at {o.Placement.Name}{(o.Visible ? "" : " (hidden)")}"))}], " +
        $"events [{string.Join(", ", Timed.Select(t => $"{t.Event} {t.Span}"))}]";
}

/// <summary>Outcome of scoring one tracked video against its ground truth.</summary>
internal sealed record BenchScore(bool Ok, int TruthEvents, int Matched, int Extra, int StaysFailed, string? Why);

/// <summary>The shared random benchmark of the tracking tests, its degradations and its scoring.</summary>
internal static class TrackingBench
{
    public const int Seed = 20250611;
    public const int Count = 1000;

    private static readonly Lazy<IReadOnlyList<BenchCase>> Shared = new(() => Generate(Count, Seed), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The 1,000 cases every accuracy test uses (rendered once, shared).</summary>
    public static IReadOnlyList<BenchCase> Cases => Shared.Value;

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

    /// <summary>Adds Gaussian noise of standard deviation <paramref name="sigma"/> (in the [−1, 1] scale) to every value.</summary>
    public static Video AddNoise(Video v, float sigma, Random rng)
    {
        var data = (float[])v.Data.Clone();
        for (int i = 0; i < data.Length; i += 2)
        {
            // Box–Muller: two independent normals per pair of uniforms.
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double radius = Math.Sqrt(-2 * Math.Log(u1)), angle = 2 * Math.PI * u2;
            data[i] += (float)(sigma * radius * Math.Cos(angle));
            if (i + 1 < data.Length) data[i + 1] += (float)(sigma * radius * Math.Sin(angle));
        }
        return new Video(v.Frames, v.Height, v.Width, data);
    }

    /// <summary>3×3 box blur of every channel of every frame, clamping coordinates at the edges.</summary>
    public static Video BoxBlur(Video v)
    {
        int h = v.Height, w = v.Width, plane = h * w;
        var src = v.Data;
        var data = new float[src.Length];
        for (int p = 0; p < src.Length / plane; p++)
        {
            int b = p * plane;
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    float sum = 0;
                    for (int dy = -1; dy <= 1; dy++)
                    {
                        int yy = Math.Clamp(y + dy, 0, h - 1);
                        for (int dx = -1; dx <= 1; dx++) sum += src[b + yy * w + Math.Clamp(x + dx, 0, w - 1)];
                    }
                    data[b + y * w + x] = sum / 9;
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
                if (!used[j] && d.Subject == te.Event.Subject && d.ActionCode == te.Event.ActionCode && Math.Abs(d.Onset - te.Span.Start) <= 1)
                    found = j;
            }
            if (found >= 0) { used[found] = true; matched++; }
            else why ??= $"missed {te.Event} {te.Span}";
        }
        int extra = used.Count(u => !u);
        if (extra > 0) why ??= "extra " + string.Join(", ", result.Events.Where((_, j) => !used[j]));
        return new BenchScore(matched == truth && extra == 0 && staysFailed == 0, truth, matched, extra, staysFailed, why);
    }

    /// <summary>One line per detected event, for failure messages.</summary>
    public static string Describe(TrackingResult r) =>
        $"tracks [{string.Join(", ", r.Tracks)}], events [{string.Join(", ", r.Events)}]";
}
