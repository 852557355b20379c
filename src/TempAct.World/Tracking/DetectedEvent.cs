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
/// Turns one track into events: a frame is "changed" when the object appears, disappears, or its centroid, mass or
/// colour distribution differs from the previous frame beyond the thresholds; each maximal run of changed frames is one
/// candidate event, classified by comparing the still frames before it with the still frames after it (the world
/// guarantees at least one still frame between two changes of one object).
/// </summary>
internal static class EventDetector
{
    private const int Colors = 7;

    /// <summary>The averaged look of an object over a few still frames.</summary>
    private readonly record struct Still(bool Present, float X, float Y, float Mass, float Radius, ColorName Color, float Share);

    /// <summary>Frame ranges [start, end] (inclusive) of the maximal runs of changed frames of a track.</summary>
    public static List<(int Start, int End)> Segments(Track track, TrackerOptions o)
    {
        var runs = new List<(int, int)>();
        int frames = track.Frames.Count, start = -1;
        for (int t = 1; t <= frames; t++)
        {
            bool changed = t < frames && Changed(track.Frames[t - 1], track.Frames[t], o);
            if (changed && start < 0) start = t;
            else if (!changed && start >= 0) { runs.Add((start, t - 1)); start = -1; }
        }
        return runs;
    }

    /// <summary>The events of one named track.</summary>
    public static IEnumerable<DetectedEvent> Detect(Track track, TrackerOptions o)
    {
        var runs = Segments(track, o);
        for (int i = 0; i < runs.Count; i++)
        {
            var (s, e) = runs[i];
            int preFrom = Math.Max(i > 0 ? runs[i - 1].End + 1 : 0, s - 3);
            int postTo = Math.Min(i + 1 < runs.Count ? runs[i + 1].Start - 1 : track.Frames.Count - 1, e + 2);
            var pre = Average(track, preFrom, s - 1);
            var post = Average(track, e, postTo);
            if (Classify(track, s, e, pre, post, o) is not { } what) continue;
            int onset = s;
            // An object appearing from frame 0 is already half visible in frame 0, so its first change is seen in frame 1.
            if (what.Action == ActionKind.Appear && pre.Present && s == 1) onset = 0;
            yield return new DetectedEvent(track.Name, what.Action, what.Target, onset, e, track.Id);
        }
    }

    /// <summary>True when frame b differs from the previous frame a (presence, centroid, mass or colours).</summary>
    internal static bool Changed(Detection? a, Detection? b, TrackerOptions o)
    {
        if (a is null || b is null) return (a is null) != (b is null);
        float dx = b.X - a.X, dy = b.Y - a.Y;
        if (dx * dx + dy * dy >= o.PositionChange * o.PositionChange) return true;
        if (Math.Abs(b.Mass - a.Mass) >= o.MassChange * Math.Max(a.Mass, b.Mass) + o.MassFloor) return true;
        float l1 = 0;
        for (int c = 0; c < Colors; c++) l1 += Math.Abs(b.ColorMass[c] / b.Mass - a.ColorMass[c] / a.Mass);
        return l1 / 2 >= o.ColorChange;
    }

    /// <summary>What changed between the still frames before and after a run of changed frames, or null for nothing.</summary>
    private static (ActionKind Action, ColorName? Target)? Classify(Track track, int s, int e, Still pre, Still post, TrackerOptions o)
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
        if (Math.Min(pre.Y, post.Y) - top >= o.JumpRise) return (ActionKind.Jump, null);
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
            for (int c = 0; c < Colors; c++) colors[c] += d.ColorMass[c] / d.Mass;
        }
        if (present == 0 || absent > present) return new Still(false, 0, 0, 0, 0, default, 0);
        int best = 0;
        for (int c = 1; c < Colors; c++) if (colors[c] > colors[best]) best = c;
        return new Still(true, x / present, y / present, mass / present, radius / present, (ColorName)best, colors[best] / present);
    }
}
