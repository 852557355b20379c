using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.World.Tracking;

/// <summary>Pixel noise of a video, measured on background pixels away from every blob (zero for clean renders).</summary>
/// <param name="SigmaAlpha">Standard deviation of a background pixel's alpha-like deviation.</param>
/// <param name="Correlation">Variance factor of sums over areas (1 for white noise, up to 9 for a 3×3 blur of it).</param>
internal readonly record struct NoiseLevel(float SigmaAlpha, float Correlation)
{
    /// <summary>Standard deviation of the summed alpha over <paramref name="pixels"/> pixels.</summary>
    public float SumSigma(int pixels) => SigmaAlpha * MathF.Sqrt(pixels * Correlation);
}

/// <summary>
/// Turns one track into events. A frame is "changed" when the object appears, disappears, or its centroid, mass or colour
/// (shares and summed-colour direction) differs from the previous frame by more than a fixed floor plus
/// <see cref="TrackerOptions.NoiseSigmas"/> standard deviations of the measured pixel noise. Runs of changed frames,
/// extended backwards by hysteresis, are candidate events; runs of one change split by a quiet frame are merged when
/// they continue the same trend. Each group is classified by comparing the still frames before it with those after it
/// (the world guarantees at least one still frame between two changes of one object): appear/vanish by presence, move by
/// net displacement, jump by a rise and return, grow/shrink or fade by the mass and radius ratios, turn by the dominant
/// colour. Gradual changes get their onset refined against an averaged baseline.
/// </summary>
internal sealed class EventDetector(TrackerOptions o, NoiseLevel noise)
{
    private const int Colors = 7;
    private const float TypicalContrast = 0.9f;
    private static readonly float Sqrt2 = MathF.Sqrt(2);

    /// <summary>The averaged look of an object over a few still frames.</summary>
    private readonly record struct Still(bool Present, float X, float Y, float Mass, float Radius, ColorName Color, float Share,
        (float R, float G, float B) Direction);

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
        float l1 = 0, sa = a.ColorTotal, sb = b.ColorTotal;
        for (int c = 0; c < Colors; c++) l1 += Math.Abs(b.ColorMass[c] / sb - a.ColorMass[c] / sa);
        // Colour shares move only when pixels flip colour, which depends on the per-pixel noise alone.
        float shares = l1 / 2 / (o.ColorChange + o.NoiseSigmas * o.ColorNoise * noise.SigmaAlpha);
        // The direction of the summed colour turns during a wipe; its noise is the summed pixel noise over its length.
        var (ar, ag, ab) = a.ColorSum;
        var (br, bg, bb) = b.ColorSum;
        float na = MathF.Sqrt(ar * ar + ag * ag + ab * ab), nb = MathF.Sqrt(br * br + bg * bg + bb * bb);
        float direction = 0;
        if (na > 1e-3f && nb > 1e-3f)
        {
            float dr = br / nb - ar / na, dg = bg / nb - ag / na, db = bb / nb - ab / na;
            float sigma = 2 * TypicalContrast * noise.SumSigma(support) / Math.Min(na, nb);
            direction = MathF.Sqrt(dr * dr + dg * dg + db * db) / (o.ColorChange + o.NoiseSigmas * sigma);
        }
        float colour = Math.Max(shares, direction);
        return (position, mass, colour);
    }

    /// <summary>A run of changed frames and the feature that dominates it (0 centroid, 1 mass, 2 colour).</summary>
    private readonly record struct Run(int Start, int End, int Feature);

    /// <summary>Change scores of every frame against the previous one (frame 0 scores nothing).</summary>
    private (float Position, float Mass, float Colour)[] Scores(Track track)
    {
        var scores = new (float Position, float Mass, float Colour)[track.Frames.Count];
        for (int t = 1; t < scores.Length; t++) scores[t] = ChangeScores(track.Frames[t - 1], track.Frames[t]);
        return scores;
    }

    private static float Max((float P, float M, float C) v) => Math.Max(v.P, Math.Max(v.M, v.C));

    private static float Own((float P, float M, float C) v, int feature) => feature == 0 ? v.P : feature == 1 ? v.M : v.C;

    /// <summary>
    /// The runs of changed frames of a track: maximal stretches of frames scoring at least 1, each extended backwards
    /// (hysteresis) over frames whose score in the run's own feature (centroid, mass or colour, whichever dominates the
    /// run) is at least <see cref="TrackerOptions.WeakChange"/> — the faint first frames of a slow change — but never up to
    /// the previous run, so the still frame between two changes is not bridged.
    /// </summary>
    private List<Run> Runs(Track track, (float Position, float Mass, float Colour)[] scores)
    {
        int frames = scores.Length;
        var runs = new List<Run>();
        int start = -1;
        for (int t = 1; t <= frames; t++)
        {
            bool strong = t < frames && Max(scores[t]) >= 1f;
            if (strong && start < 0) start = t;
            else if (!strong && start >= 0) { runs.Add(new Run(start, t - 1, 0)); start = -1; }
        }
        for (int i = 0; i < runs.Count; i++)
        {
            var (s, e, _) = runs[i];
            float p = 0, m = 0, c = 0;
            for (int t = s; t <= e; t++)
            {
                if (!float.IsFinite(Max(scores[t]))) continue;
                p += scores[t].Position; m += scores[t].Mass; c += scores[t].Colour;
            }
            int feature = p >= m && p >= c ? 0 : m >= c ? 1 : 2;
            int floor = i > 0 ? runs[i - 1].End + 2 : 1;
            if (track.Frames[s - 1] is not null) // an appearance has nothing before it
                while (s - 1 >= floor)
                {
                    // Frame 1 may hold the faint second step of a change under way in frame 0 (no stay fits before it).
                    if (Own(scores[s - 1], feature) < (s - 1 == 1 ? o.OpeningWeakChange : o.WeakChange)) break;
                    s--;
                }
            runs[i] = new Run(s, e, feature);
        }
        return runs;
    }

    /// <summary>
    /// Runs merged into groups, one per change. Two runs at most <see cref="TrackerOptions.MergeGap"/> frames apart join
    /// when they continue the same gradual trend (grow, shrink, fade: the renderer's sub-pixel quantisation can leave a
    /// frame without visible change), or when both are motions and the object kept moving, if faintly, in between (the
    /// still frame between two moves shows no motion at all).
    /// </summary>
    public List<(int Start, int End)> Groups(Track track)
    {
        var scores = Scores(track);
        var runs = Runs(track, scores);
        var spans = runs.Select(r => (r.Start, r.End)).ToList();
        var groups = new List<(int Start, int End)>();
        Trend previous = Trend.Other;
        for (int i = 0; i < runs.Count; i++)
        {
            var (pre, post) = Stills(track, spans, i, i);
            var trend = Excursion(track, runs[i].Start, runs[i].End, pre, post) >= 2f ? Trend.Other : TrendOf(pre, post);
            bool join = false;
            if (groups.Count > 0 && runs[i].Start - groups[^1].End - 1 <= o.MergeGap)
            {
                join = trend != Trend.Other && trend == previous;
                if (!join && runs[i].Feature == 0 && runs[i - 1].Feature == 0)
                {
                    join = true;
                    for (int t = groups[^1].End + 1; t < runs[i].Start; t++) join &= scores[t].Position >= o.WeakChange;
                }
            }
            if (join) groups[^1] = (groups[^1].Start, runs[i].End);
            else groups.Add((runs[i].Start, runs[i].End));
            previous = trend;
        }
        return groups;
    }

    /// <summary>The events of one named track, from its <see cref="Groups"/>.</summary>
    public IEnumerable<DetectedEvent> Detect(Track track, List<(int Start, int End)> groups)
    {
        var events = new List<DetectedEvent>();
        for (int i = 0; i < groups.Count; i++)
        {
            var (s, e) = groups[i];
            var (pre, post) = Stills(track, groups, i, i);
            if (Classify(track, s, e, pre, post) is not { } what) continue;
            int onset = pre.Present && what.Action is ActionKind.Turn or ActionKind.Grow or ActionKind.Shrink
                or ActionKind.Appear or ActionKind.Vanish
                ? RefineOnset(track, s, i > 0 ? groups[i - 1].End : -1, what.Action, post)
                : s;
            // An object seen faint from frame 0 that fades in was appearing from frame 0 (an appear starts half visible).
            if (what.Action == ActionKind.Appear && pre.Present && i == 0 && track.FirstFrame == 0) onset = 0;
            // Frame 0 has no predecessor, so a change already under way in it is first seen in frame 1: report 0, exact
            // in ShapeWorld, where the second span starts at frame 3 at the earliest.
            if (onset == 1 && pre.Present) onset = 0;
            if (onset == 2 && i == 0 && track.FirstFrame == 0 && what.Action is ActionKind.Grow or ActionKind.Shrink
                && ShortSizeChange(what.Action, post.Mass / Math.Max(pre.Mass, 1e-3f))) onset = 0;
            events.Add(new DetectedEvent(track.Name, what.Action, what.Target, onset, e, track.Id));
        }
        if (FadesInFromStart(track, groups) is { } end && !events.Any(x => x.Action == ActionKind.Appear && x.Onset <= 2))
        {
            events.RemoveAll(x => x.Onset <= end); // pieces of the same fade-in
            events.Insert(0, new DetectedEvent(track.Name, ActionKind.Appear, null, 0, end, track.Id));
        }
        return events;
    }

    /// <summary>
    /// A slow appear from frame 0 raises the opacity by only 1/14 a frame, under the noise of a frame-to-frame change: it is
    /// recognised instead by the object being half transparent in frame 0 (an appear starts at half opacity) and opaque a
    /// few frames later at an unchanged size. Returns the frame the fade-in ends, or null.
    /// </summary>
    private static int? FadesInFromStart(Track track, List<(int Start, int End)> groups)
    {
        if (track.FirstFrame != 0 || track.Frames[0] is not { } first) return null;
        int limit = Math.Min(track.Frames.Count, groups.Count > 0 && groups[0].Start > 2 ? groups[0].Start : 16);
        float best = 0;
        int bestAt = -1;
        for (int t = 2; t < limit; t++)
            if (track.Frames[t - 1] is { } a && track.Frames[t] is { } b && (a.Alpha + b.Alpha) / 2 > best)
            {
                best = (a.Alpha + b.Alpha) / 2;
                bestAt = t;
            }
        if (bestAt < 0 || best < 0.8f || first.Alpha > 0.65f * best) return null;
        var later = track.Frames[bestAt]!;
        if (later.Mass < 1.4f * first.Mass || Math.Abs(MathF.Log(later.Radius / Math.Max(first.Radius, 1e-3f))) > 0.1f) return null;
        int end = 1;
        while (end < bestAt && (track.Frames[end]?.Alpha ?? 0) < 0.95f * best) end++;
        return end;
    }

    /// <summary>
    /// Moves the onset of a gradual change (turn, grow, shrink, fade) earlier while the frame before it has already moved
    /// from the still frames before it towards the final state by more than <see cref="TrackerOptions.RefineSigmas"/>
    /// standard deviations: a slow change's first steps (a triangle's apex turning, a sub-pixel shrink) are too small to
    /// see frame to frame, but show against an averaged baseline. At most two frames, never into the previous change.
    /// </summary>
    private int RefineOnset(Track track, int s, int previousEnd, ActionKind action, Still post)
    {
        bool colour = action == ActionKind.Turn;
        for (int step = 0; step < 2; step++)
        {
            int t = s - 1, first = Math.Max(previousEnd + 1, t - 4);
            if (t - 1 < first || track.Frames[t] is not { } d) break;
            int n = 0, support = d.Support;
            float mass = 0, r = 0, g = 0, b = 0;
            for (int k = first; k < t; k++)
            {
                if (track.Frames[k] is not { } q) continue;
                n++; mass += q.Mass; support = Math.Max(support, q.Support);
                var u = Unit(q.ColorSum); r += u.R; g += u.G; b += u.B;
            }
            if (n == 0) break;
            float sigma = noise.SumSigma(support) * MathF.Sqrt(1 + 1f / n), progress, spread;
            if (colour)
            {
                var (fr, fg, fb) = post.Direction;
                var v = Unit(d.ColorSum);
                float br = r / n, bg = g / n, bb = b / n, dr = fr - br, dg = fg - bg, db = fb - bb, span = dr * dr + dg * dg + db * db;
                if (span < 1e-4f) break;
                progress = ((v.R - br) * dr + (v.G - bg) * dg + (v.B - bb) * db) / span;
                spread = TypicalContrast * sigma / Math.Max(Length(d.ColorSum), 1e-3f) / MathF.Sqrt(span);
            }
            else
            {
                float baseline = mass / n, change = post.Mass - baseline;
                if (Math.Abs(change) < 1e-3f) break;
                progress = (d.Mass - baseline) / change;
                spread = sigma / Math.Abs(change);
            }
            if (progress < Math.Max(o.RefineSigmas * spread, 0.02f)) break;
            s = t;
        }
        return s;
    }

    private static (float R, float G, float B) Unit((float R, float G, float B) v)
    {
        float n = Length(v);
        return n > 1e-6f ? (v.R / n, v.G / n, v.B / n) : (0f, 0f, 0f);
    }

    private static float Length((float R, float G, float B) v) => MathF.Sqrt(v.R * v.R + v.G * v.G + v.B * v.B);

    /// <summary>
    /// ShapeWorld prior for a size change first seen in frame 2: every grow or shrink goes between the two radii (mass ×2.25
    /// or ÷2.25). When frames 0 and 1 already differ from the small (large) size by more than half a slow step — the mass
    /// ratio falls short of the full one — the change was under way in frame 0, its first steps hidden by the renderer's
    /// sub-pixel quantisation or by noise.
    /// </summary>
    private static bool ShortSizeChange(ActionKind action, float massRatio)
    {
        const float small = WorldGeometry.SmallRadius, large = WorldGeometry.LargeRadius, slowStep = (large - small) / 8;
        float full = large * large / (small * small);
        float oneStepShort = action == ActionKind.Grow
            ? large * large / ((small + slowStep) * (small + slowStep))
            : (large - slowStep) * (large - slowStep) / (small * small);
        float midpoint = MathF.Sqrt(full * oneStepShort);
        return action == ActionKind.Grow ? massRatio < midpoint : 1 / massRatio < midpoint;
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
        var (logMass, _, sizeLike) = Ratios(pre, post);
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
        // Against the lower of the two rests (larger y): a jump that starts in frame 0 is already partly up in frame 0.
        if (Math.Max(pre.Y, post.Y) - top >= o.JumpRise) return (ActionKind.Jump, null);
        var (logMass, _, sizeLike) = Ratios(pre, post);
        // The size of a size change is read from the mass (radius², blind to blur), the kind from the Ratios fit.
        if (sizeLike && Math.Abs(logMass) / 2 >= MathF.Log(o.SizeRatio))
            return (logMass > 0 ? ActionKind.Grow : ActionKind.Shrink, null);
        if (!sizeLike && Math.Abs(logMass) >= MathF.Log(o.FadeRatio))
            return (logMass > 0 ? ActionKind.Appear : ActionKind.Vanish, null);
        if (post.Color != pre.Color && post.Share > 0.5f) return (ActionKind.Turn, post.Color);
        return null;
    }

    /// <summary>The object's averaged look over frames [from, to]; absent when it is missing in most of them.</summary>
    private static Still Average(Track track, int from, int to)
    {
        int present = 0, absent = 0;
        float x = 0, y = 0, mass = 0, radius = 0, ur = 0, ug = 0, ub = 0;
        Span<float> colors = stackalloc float[Colors];
        for (int t = Math.Max(from, 0); t <= to && t < track.Frames.Count; t++)
        {
            if (track.Frames[t] is not { } d) { absent++; continue; }
            present++; x += d.X; y += d.Y; mass += d.Mass; radius += d.Radius;
            var u = Unit(d.ColorSum); ur += u.R; ug += u.G; ub += u.B;
            float sum = d.ColorTotal;
            for (int c = 0; c < Colors; c++) colors[c] += d.ColorMass[c] / sum;
        }
        if (present == 0 || absent > present) return new Still(false, 0, 0, 0, 0, default, 0, default);
        int best = 0;
        for (int c = 1; c < Colors; c++) if (colors[c] > colors[best]) best = c;
        return new Still(true, x / present, y / present, mass / present, radius / present, (ColorName)best, colors[best] / present,
            (ur / present, ug / present, ub / present));
    }
}
