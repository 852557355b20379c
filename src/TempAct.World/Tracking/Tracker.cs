using TempAct.World.Rendering;

namespace TempAct.World.Tracking;

/// <summary>
/// The oracle behind every reward and metric: frames (ground truth or generated, noisy) → per-frame blobs → object
/// tracks → detected events with onset frames. Deterministic, allocation-light, and safe on any input (blank, white,
/// pure noise, one frame).
/// </summary>
/// <remarks>
/// Pipeline: every pixel is fitted as background + alpha·(colour − background) (<see cref="Scenes.Palette.Fit"/>);
/// pixels with alpha ≥ <see cref="TrackerOptions.MinPixelAlpha"/> (raised on very noisy frames) form 8-connected blobs,
/// kept when their mass, opacity and extent are plausible for an object; a blob too wide for one object is split between
/// its opaque cores. The pixel noise of the video is measured on the background, and every change threshold is a fixed
/// floor plus a multiple of that noise, so clean renders are read exactly and noisy ones without flicker. Blobs are
/// linked frame to frame by the cheapest assignment on distance, colour overlap and shape; an unlinked blob first tries
/// to revive a track that vanished at the same place with the same colour and shape, and otherwise starts a new track
/// if it is confident. Each track's runs of changed frames become events (see <see cref="EventDetector"/> and
/// <see cref="DetectedEvent"/>). Stay is never emitted: a ground-truth stay counts as detected when no detected event has
/// its onset inside the stay's span (<see cref="TrackingResult.StaySatisfied"/>).
/// </remarks>
public static class Tracker
{
    private const int Colors = 7;
    private const float Unmatched = 1e6f;

    /// <summary>Tracks a video with the default options.</summary>
    public static TrackingResult Track(Video video) => Track(video, TrackerOptions.Default);

    /// <summary>Tracks a video with the given options.</summary>
    public static TrackingResult Track(Video video, TrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(options);
        var detector = new FrameDetector(video.Height, video.Width, options);
        var perFrame = new IReadOnlyList<Detection>[video.Frames];
        var tracks = new List<Track>();
        for (int t = 0; t < video.Frames; t++)
        {
            var detections = detector.Detect(video, t);
            perFrame[t] = detections;
            Link(tracks, detections, t, video.Frames, options);
        }
        var kept = tracks.Where(tr => tr.FramesSeen >= Math.Min(options.MinTrackFrames, video.Frames)).ToList();
        var analysis = new EventDetector(options, detector.Noise());
        var detected = new List<DetectedEvent>();
        for (int i = 0; i < kept.Count; i++)
        {
            kept[i].Id = i;
            var groups = analysis.Groups(kept[i]);
            kept[i].AssignName(groups, options);
            detected.AddRange(analysis.Detect(kept[i], groups));
        }
        return new TrackingResult(video.Frames, perFrame, kept, detected);
    }

    /// <summary>Adds frame t's detections to the tracks: continue, revive, or start.</summary>
    private static void Link(List<Track> tracks, List<Detection> detections, int t, int frames, TrackerOptions o)
    {
        var active = tracks.Where(tr => tr.LastFrame == t - 1 && t > 0).ToList();
        var taken = new bool[detections.Count];
        var assignment = Assign(active, detections, o);
        for (int i = 0; i < active.Count; i++)
            if (assignment[i] >= 0)
            {
                var d = detections[assignment[i]];
                active[i].Add(t, d, Confident(d, o));
                taken[assignment[i]] = true;
            }

        for (int j = 0; j < detections.Count; j++)
        {
            if (taken[j]) continue;
            var d = detections[j];
            Track? revived = null;
            float best = float.MaxValue;
            foreach (var tr in tracks)
            {
                // Compare with the last confident look: the faint last frames of a vanish may read as a neighbouring colour.
                if (tr.LastFrame >= t - 1 || (tr.LastConfident ?? tr.Last) is not { } last || last.Color != d.Color)
                    continue;
                float dist = Distance(last, d);
                if (dist > o.ReappearDistance || (last.Shape != d.Shape && dist > o.ReappearDistance / 2)) continue;
                float cost = dist + (last.Shape != d.Shape ? 2 : 0);
                if (cost < best) { best = cost; revived = tr; }
            }
            if (revived is not null) { revived.Add(t, d, Confident(d, o)); continue; }
            if (!Confident(d, o)) continue;
            var fresh = new Track(tracks.Count, frames);
            fresh.Add(t, d, true);
            tracks.Add(fresh);
        }
    }

    /// <summary>
    /// The cheapest assignment of active tracks to detections (index per track, −1 for none): exhaustive for the few
    /// objects of ShapeWorld, greedy by cost when a garbage frame holds many blobs.
    /// </summary>
    private static int[] Assign(List<Track> active, List<Detection> detections, TrackerOptions o)
    {
        int n = active.Count, m = detections.Count;
        var result = new int[n];
        Array.Fill(result, -1);
        if (n == 0 || m == 0) return result;
        var cost = new float[n, m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
                cost[i, j] = Cost(active[i].Last!, detections[j], o);
        if (n <= 4 && m <= 8)
        {
            var current = new int[n];
            var used = new bool[m];
            float bestTotal = float.MaxValue;
            Search(0, 0f);
            void Search(int i, float total)
            {
                if (total >= bestTotal) return;
                if (i == n) { bestTotal = total; Array.Copy(current, result, n); return; }
                for (int j = 0; j < m; j++)
                {
                    if (used[j] || cost[i, j] >= Unmatched) continue;
                    used[j] = true; current[i] = j;
                    Search(i + 1, total + cost[i, j]);
                    used[j] = false;
                }
                current[i] = -1;
                Search(i + 1, total + o.MaxLinkDistance + 10);
            }
            return result;
        }
        var pairs = new List<(float Cost, int I, int J)>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
                if (cost[i, j] < Unmatched) pairs.Add((cost[i, j], i, j));
        var usedDetections = new bool[m];
        foreach (var (_, i, j) in pairs.OrderBy(p => p.Cost))
            if (result[i] < 0 && !usedDetections[j]) { result[i] = j; usedDetections[j] = true; }
        return result;
    }

    /// <summary>Cost of linking a track's last detection to a new one: distance plus colour and shape disagreement.</summary>
    private static float Cost(Detection last, Detection d, TrackerOptions o)
    {
        float dist = Distance(last, d);
        if (dist > o.MaxLinkDistance) return Unmatched;
        float overlap = 0;
        for (int c = 0; c < Colors; c++) overlap += Math.Min(last.ColorMass[c] / last.ColorTotal, d.ColorMass[c] / d.ColorTotal);
        return dist + 4 * (1 - overlap) + (last.Shape != d.Shape ? 1 : 0);
    }

    /// <summary>Whether a blob is opaque and massive enough to start a track (weaker blobs only continue one).</summary>
    internal static bool Confident(Detection d, TrackerOptions o) =>
        d.Mass >= o.ConfidentMass && d.Alpha >= o.ConfidentAlpha;

    private static float Distance(Detection a, Detection b) =>
        MathF.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
