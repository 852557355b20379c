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
        if (a is null || b is null) return (a is null) != (b is null) ? float.PositiveInfinity : 0f;
        float massSigma = Sqrt2 * noise.SumSigma(Math.Max(a.Support, b.Support));
        float minMass = Math.Max(Math.Min(a.Mass, b.Mass), 1e-3f);
        float dx = b.X - a.X, dy = b.Y - a.Y;
        float position = MathF.Sqrt(dx * dx + dy * dy) /
            (o.PositionChange + o.NoiseSigmas * massSigma * (Math.Max(a.Radius, b.Radius) + 1) / minMass);
        float mass = Math.Abs(b.Mass - a.Mass) / (o.MassChange * Math.Max(a.Mass, b.Mass) + o.NoiseSigmas * massSigma + 1e-3f);
        float l1 = 0, sa = Math.Max(a.ColorMass.Sum(), 1e-6f), sb = Math.Max(b.ColorMass.Sum(), 1e-6f);
        for (int c = 0; c < Colors; c++) l1 += Math.Abs(b.ColorMass[c] / sb - a.ColorMass[c] / sa);
        float colour = l1 / 2 / (o.ColorChange + o.NoiseSigmas * massSigma / minMass);
        return Math.Max(position, Math.Max(mass, colour));
    }

    /// <summary>Frame ranges [start, end] (inclusive) of the maximal runs of changed frames of a track.</summary>
    public List<(int Start, int End)> Runs(Track track)
    {
        var runs = new List<(int, int)>();
        int frames = track.Frames.Count, start = -1;
        for (int t = 1; t <= frames; t++)
        {
            bool changed = t < frames && ChangeScore(track.Frames[t - 1], track.Frames[t]) >= 1f;
            if (changed && start < 0) start = t;
            else if (!changed && start >= 0) { runs.Add((start, t - 1)); start = -1; }
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
            var trend = TrendOf(pre, post);
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
            // An object appearing from frame 0 is already half visible in frame 0, so its first change is seen in frame 1.
            if (what.Action == ActionKind.Appear && pre.Present && s == 1) onset = 0;
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
        float radius = post.Radius / Math.Max(pre.Radius, 1e-3f), mass = post.Mass / Math.Max(pre.Mass, 1e-3f);
        if (radius >= 1.01f) return Trend.SizeUp;
        if (radius <= 0.99f) return Trend.SizeDown;
        if (mass >= 1.02f) return Trend.FadeIn;
        if (mass <= 0.98f) return Trend.FadeOut;
        return Trend.Other;
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
        float radiusRatio = post.Radius / Math.Max(pre.Radius, 1e-3f);
        if (radiusRatio >= o.SizeRatio) return (ActionKind.Grow, null);
        if (radiusRatio <= 1 / o.SizeRatio) return (ActionKind.Shrink, null);
        float massRatio = post.Mass / Math.Max(pre.Mass, 1e-3f);
        if (massRatio >= o.FadeRatio) return (ActionKind.Appear, null);
        if (massRatio <= 1 / o.FadeRatio) return (ActionKind.Vanish, null);
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
