using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.World.Tracking;

/// <summary>
/// A change of one tracked object found by the <see cref="Tracker"/>: who (the track's first-seen name), what, and from
/// which frame to which. The tracker never reports stay: a stay is the absence of change (see
/// <see cref="TrackingResult.StaySatisfied(FrameSpan)"/>).
/// </summary>
/// <param name="Subject">Name of the track the event happened to ("red circle": colour + shape as first seen).</param>
/// <param name="Action">What happened (never <see cref="ActionKind.Stay"/>).</param>
/// <param name="TargetColor">The new colour of a turn; null for other actions.</param>
/// <param name="Onset">First frame that differs from the still frames before the change.</param>
/// <param name="End">Last frame that differs from its predecessor (the final state of the change).</param>
/// <param name="TrackId">Index of the subject's track in <see cref="TrackingResult.Tracks"/>.</param>
public sealed record DetectedEvent(string Subject, ActionKind Action, ColorName? TargetColor, int Onset, int End, int TrackId)
{
    /// <summary>The action as in JSON, like <see cref="WorldEvent.ActionCode"/>: move_left … jump, grow, turn_blue, vanish.</summary>
    public string ActionCode => WorldEvent.ToCode(Action, TargetColor);

    /// <inheritdoc />
    public override string ToString() => $"{Subject} {ActionCode} [{Onset}..{End}]";
}

/// <summary>
/// Turns one track into events. A frame is "changed" when the object appears, disappears, or its centroid, mass or
/// colour distribution differs from the previous frame by more than a fixed floor plus <see cref="TrackerOptions.NoiseSigmas"/>
/// standard deviations of the measured pixel noise. Maximal runs of changed frames are candidate events; runs of one
/// gradual change split by the renderer's sub-pixel quantisation (a slow grow may show a frame without change) are merged
/// when they continue the same trend; each group is classified by comparing the still frames before it with the still
/// frames after it (the world guarantees at least one still frame between two changes of one object).
/// </summary>
internal sealed class EventDetector(TrackerOptions o, NoiseLevel noise)
{
    private const int Colors = 7;
    private static readonly float Sqrt2 = MathF.Sqrt(2);

    /// <summary>The averaged look of an object over a few still frames.</summary>
    private readonly record struct Still(bool Present, float X, float Y, float Mass, float Radius, ColorName Color, float Share);

    /// <summary>The direction of a run's change, for merging the pieces of one gradual change.</summary>
    private enum Trend { Other, SizeUp, SizeDown, FadeIn, FadeOut }

    /// <summary>How far frame b differs from the previous frame a, in units of the change thresholds (≥ 1: changed).</summary>
    public float ChangeScore(Detection? a, Detection? b)
    {
        var (position, mass, colour) = ChangeScores(a, b);
        return Math.Max(position, Math.Max(mass, colour));
    }

    /// <summary>Centroid, mass and colour change between consecutive detections, each in units of its threshold.</summary>
    internal (float Position, float Mass, float Colour) ChangeScores(Detection? a, Detection? b)
    {
        if (a is null || b is null)
        {
            float v = (a is null) != (b is null) ? float.PositiveInfinity : 0f;
            return (v, v, v);
        }
        int support = Math.Max(a.Support, b.Support);
        float massSigma = Sqrt2 * noise.SumSigma(support);
        float minMass = Math.Max(Math.Min(a.Mass, b.Mass), 1e-3f);
        // Centroid noise: Σ alpha·dx over the support, whose Σ dx² is about N²/(4π) for a compact blob of N pixels.
        float positionSigma = Sqrt2 * noise.SumSigma(1) * support * MathF.Sqrt(1f / (4 * MathF.PI)) / minMass;
        float dx = b.X - a.X, dy = b.Y - a.Y;
        float position = MathF.Sqrt(dx * dx + dy * dy) / (o.PositionChange + o.NoiseSigmas * positionSigma);
        float mass = Math.Abs(b.Mass - a.Mass) / (o.MassChange * Math.Max(a.Mass, b.Mass) + o.NoiseSigmas * massSigma + 1e-3f);
        float l1 = 0, sa = Math.Max(a.ColorMass.Sum(), 1e-6f), sb = Math.Max(b.ColorMass.Sum(), 1e-6f);
        for (int c = 0; c < Colors; c++) l1 += Math.Abs(b.ColorMass[c] / sb - a.ColorMass[c] / sa);
        // Colour shares move only when pixels flip colour, which depends on the per-pixel noise alone.
        float colour = l1 / 2 / (o.ColorChange + o.NoiseSigmas * o.ColorNoise * noise.SigmaAlpha);
        return (position, mass, colour);
    }

    /// <summary>
    /// Frame ranges [start, end] (inclusive) of the runs of changed frames of a track: maximal stretches of frames scoring
    /// at least 1, each extended backwards (hysteresis) over frames whose score in the run's own feature (centroid, mass
    /// or colour, whichever dominates the run) is at least <see cref="TrackerOptions.WeakChange"/> — the faint first
    /// frames of a slow change — but never up to the previous run, so the still frame between two changes is not bridged.
    /// </summary>
    public List<(int Start, int End)> Runs(Track track)
    {
        int frames = track.Frames.Count;
        var scores = new (float Position, float Mass, float Colour)[frames];
        for (int t = 1; t < frames; t++) scores[t] = ChangeScores(track.Frames[t - 1], track.Frames[t]);
        static float Max((float P, float M, float C) v) => Math.Max(v.P, Math.Max(v.M, v.C));
        var runs = new List<(int Start, int End)>();
        int start = -1;
        for (int t = 1; t <= frames; t++)
        {
            bool strong = t < frames && Max(scores[t]) >= 1f;
            if (strong && start < 0) start = t;
            else if (!strong && start >= 0) { runs.Add((start, t - 1)); start = -1; }
        }
        for (int i = 0; i < runs.Count; i++)
        {
            var (s, e) = runs[i];
            if (track.Frames[s - 1] is null) continue; // an appearance: nothing was there before
            float p = 0, m = 0, c = 0;
            for (int t = s; t <= e; t++)
            {
                if (!float.IsFinite(Max(scores[t]))) continue;
                p += scores[t].Position; m += scores[t].Mass; c += scores[t].Colour;
            }
            int feature = p >= m && p >= c ? 0 : m >= c ? 1 : 2;
            int floor = i > 0 ? runs[i - 1].End + 2 : 1;
            while (s - 1 >= floor)
            {
                var v = scores[s - 1];
                float own = feature == 0 ? v.Position : feature == 1 ? v.Mass : v.Colour;
                if (own < o.WeakChange) break;
                s--;
            }
            runs[i] = (s, e);
        }
        return runs;
    }

    /// <summary>Runs merged into groups, one per change: neighbouring runs continuing the same gradual trend join.</summary>
    public List<(int Start, int End)> Groups(Track track)
    {
        var runs = Runs(track);
        var groups = new List<(int Start, int End)>();
        Trend previous = Trend.Other;
        for (int i = 0; i < runs.Count; i++)
        {
            var (pre, post) = Stills(track, runs, i, i);
            var trend = Excursion(track, runs[i].Start, runs[i].End, pre, post) >= 2f ? Trend.Other : TrendOf(pre, post);
            if (groups.Count > 0 && trend != Trend.Other && trend == previous && runs[i].Start - groups[^1].End - 1 <= o.MergeGap)
                groups[^1] = (groups[^1].Start, runs[i].End);
            else
                groups.Add(runs[i]);
            previous = trend;
        }
        return groups;
    }

    /// <summary>The events of one named track.</summary>
    public IEnumerable<DetectedEvent> Detect(Track track)
    {
        var groups = Groups(track);
        for (int i = 0; i < groups.Count; i++)
        {
            var (s, e) = groups[i];
            var (pre, post) = Stills(track, groups, i, i);
            if (Classify(track, s, e, pre, post) is not { } what) continue;
            int onset = s;
            // An object seen faint from frame 0 that fades in was appearing from frame 0 (an appear starts half visible).
            if (what.Action == ActionKind.Appear && pre.Present && i == 0 && track.FirstFrame == 0) onset = 0;
            yield return new DetectedEvent(track.Name, what.Action, what.Target, onset, e, track.Id);
        }
    }

    /// <summary>The still frames before run i (up to 3) and after run j (its final frame and up to 2 more).</summary>
    private static (Still Pre, Still Post) Stills(Track track, List<(int Start, int End)> runs, int i, int j)
    {
        int preFrom = Math.Max(i > 0 ? runs[i - 1].End + 1 : 0, runs[i].Start - 3);
        int postTo = Math.Min(j + 1 < runs.Count ? runs[j + 1].Start - 1 : track.Frames.Count - 1, runs[j].End + 2);
        return (Average(track, preFrom, runs[i].Start - 1), Average(track, runs[j].End, postTo));
    }

    /// <summary>The gradual trend of a change (growing, shrinking, fading in or out), or Other.</summary>
    private static Trend TrendOf(Still pre, Still post)
    {
        if (!pre.Present) return post.Present ? Trend.FadeIn : Trend.Other;
        if (!post.Present) return Trend.FadeOut;
        float dx = post.X - pre.X, dy = post.Y - pre.Y;
        if (dx * dx + dy * dy >= 4f || post.Color != pre.Color) return Trend.Other;
        var (logMass, logRadius, sizeLike) = Ratios(pre, post);
        if (Math.Abs(logMass) < 0.05f) return Trend.Other;
        return sizeLike ? (logMass > 0 ? Trend.SizeUp : Trend.SizeDown) : (logMass > 0 ? Trend.FadeIn : Trend.FadeOut);
    }

    /// <summary>How far (pixels) the object strays inside frames [s, e] from both its place before and its place after.</summary>
    private static float Excursion(Track track, int s, int e, Still pre, Still post)
    {
        float most = 0;
        if (!pre.Present || !post.Present) return 0;
        for (int t = s; t <= e; t++)
        {
            if (track.Frames[t] is not { } d) continue;
            float a = MathF.Sqrt((d.X - pre.X) * (d.X - pre.X) + (d.Y - pre.Y) * (d.Y - pre.Y));
            float b = MathF.Sqrt((d.X - post.X) * (d.X - post.X) + (d.Y - post.Y) * (d.Y - post.Y));
            most = Math.Max(most, Math.Min(a, b));
        }
        return most;
    }

    /// <summary>
    /// Log mass and log radius ratios (after/before) and whether they fit a size change (mass ∝ radius², so
    /// log m = 2 log r) better than a fade (radius unchanged): the distances of the point to the two lines are compared.
    /// </summary>
    private static (float LogMass, float LogRadius, bool SizeLike) Ratios(Still pre, Still post)
    {
        float logMass = MathF.Log(Math.Max(post.Mass, 1e-3f) / Math.Max(pre.Mass, 1e-3f));
        float logRadius = MathF.Log(Math.Max(post.Radius, 1e-3f) / Math.Max(pre.Radius, 1e-3f));
        float fromSize = Math.Abs(logMass - 2 * logRadius) / MathF.Sqrt(5), fromFade = Math.Abs(logRadius);
        return (logMass, logRadius, fromSize < fromFade);
    }

    /// <summary>What changed between the still frames before and after a group of changed frames, or null for nothing.</summary>
    private (ActionKind Action, ColorName? Target)? Classify(Track track, int s, int e, Still pre, Still post)
    {
        if (!pre.Present) return post.Present ? (ActionKind.Appear, null) : null;
        if (!post.Present) return (ActionKind.Vanish, null);
        float dx = post.X - pre.X, dy = post.Y - pre.Y;
        if (Math.Max(Math.Abs(dx), Math.Abs(dy)) >= o.MoveDistance)
            return Math.Abs(dx) >= Math.Abs(dy)
                ? (dx > 0 ? ActionKind.MoveRight : ActionKind.MoveLeft, null)
                : (dy > 0 ? ActionKind.MoveDown : ActionKind.MoveUp, null);
        float top = float.MaxValue;
        for (int t = s; t <= e; t++) if (track.Frames[t] is { } d) top = Math.Min(top, d.Y);
        // Against the lower of the two rests: a jump that starts in frame 0 is already partly up in frame 0.
        if (Math.Max(pre.Y, post.Y) - top >= o.JumpRise) return (ActionKind.Jump, null);
        var (logMass, logRadius, sizeLike) = Ratios(pre, post);
        if (sizeLike && Math.Abs(logRadius) >= MathF.Log(o.SizeRatio)) return (logRadius > 0 ? ActionKind.Grow : ActionKind.Shrink, null);
        if (!sizeLike && Math.Abs(logMass) >= MathF.Log(o.FadeRatio)) return (logMass > 0 ? ActionKind.Appear : ActionKind.Vanish, null);
        if (post.Color != pre.Color && post.Share > 0.5f) return (ActionKind.Turn, post.Color);
        return null;
    }

    /// <summary>The object's averaged look over frames [from, to]; absent when it is missing in most of them.</summary>
    private static Still Average(Track track, int from, int to)
    {
        int present = 0, absent = 0;
        float x = 0, y = 0, mass = 0, radius = 0;
        Span<float> colors = stackalloc float[Colors];
        for (int t = Math.Max(from, 0); t <= to && t < track.Frames.Count; t++)
        {
            if (track.Frames[t] is not { } d) { absent++; continue; }
            present++; x += d.X; y += d.Y; mass += d.Mass; radius += d.Radius;
            float sum = Math.Max(d.ColorMass.Sum(), 1e-6f);
            for (int c = 0; c < Colors; c++) colors[c] += d.ColorMass[c] / sum;
        }
        if (present == 0 || absent > present) return new Still(false, 0, 0, 0, 0, default, 0);
        int best = 0;
        for (int c = 1; c < Colors; c++) if (colors[c] > colors[best]) best = c;
        return new Still(true, x / present, y / present, mass / present, radius / present, (ColorName)best, colors[best] / present);
    }
}
