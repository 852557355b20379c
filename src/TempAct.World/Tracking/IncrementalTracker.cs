namespace TempAct.World.Tracking;

/// <summary>
/// The <see cref="Tracker"/> fed frame by frame as a video is generated: each frame is reduced to its blobs at once
/// (<see cref="Add"/>), so only the detections are kept — a few hundred bytes a frame instead of the pixels — and the
/// events are read from the tracks at the end (<see cref="Finish"/>). Feeding every frame of a video in order gives
/// exactly <see cref="Tracker.Track(Rendering.Video, TrackerOptions)"/>'s result, however the frames are grouped.
/// </summary>
public sealed class IncrementalTracker
{
    private const int Colors = 7;
    private const float Unmatched = 1e6f;

    private readonly int frames, height, width;
    private readonly TrackerOptions options;
    private readonly FrameDetector detector;
    private readonly IReadOnlyList<Detection>[] perFrame;
    private readonly List<Track> tracks = [];
    private bool finished;

    /// <summary>Starts tracking a video of <paramref name="frames"/> frames of <paramref name="height"/> × <paramref name="width"/>.</summary>
    public IncrementalTracker(int frames, int height, int width, TrackerOptions? options = null)
    {
        if (frames < 1 || height < 1 || width < 1) throw new ArgumentException($"bad video shape [{frames}, 3, {height}, {width}]");
        this.frames = frames; this.height = height; this.width = width;
        this.options = options ?? TrackerOptions.Default;
        detector = new FrameDetector(height, width, this.options);
        perFrame = new IReadOnlyList<Detection>[frames];
    }

    /// <summary>Frames added so far.</summary>
    public int FramesAdded { get; private set; }

    /// <summary>Adds the next <paramref name="count"/> frames of the video, stored from frame <paramref name="first"/> of
    /// <paramref name="data"/> ([T, 3, H, W] in [−1, 1]).</summary>
    public void Add(float[] data, int first, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (finished) throw new InvalidOperationException("the tracker has finished");
        int frameSize = 3 * height * width;
        if (first < 0 || count < 0 || (long)(first + count) * frameSize > data.Length)
            throw new ArgumentOutOfRangeException(nameof(count), $"frames [{first}, {first + count}) are not all in data of {data.Length / frameSize} frames");
        if (FramesAdded + count > frames) throw new ArgumentOutOfRangeException(nameof(count), $"{FramesAdded + count} frames added to a video of {frames}");
        for (int i = first; i < first + count; i++)
        {
            int t = FramesAdded++;
            var detections = detector.Detect(data, i, t);
            perFrame[t] = detections;
            Link(tracks, detections, t, frames, options);
        }
    }

    /// <summary>The tracks and detected events; every frame must have been added.</summary>
    public TrackingResult Finish()
    {
        if (FramesAdded != frames) throw new InvalidOperationException($"{FramesAdded} of {frames} frames were added");
        finished = true;
        var kept = tracks.Where(tr => tr.FramesSeen >= Math.Min(options.MinTrackFrames, frames)).ToList();
        return new TrackingResult(frames, perFrame, kept, Analyse(kept));
    }

    /// <summary>
    /// The events seen in the frames added so far, as if the video ended after them (the tracker goes on: more frames
    /// may follow). An event still under way at the last frame is reported as it looks so far (cut short, or not yet
    /// classified), so a live display should trust only the events that end some frames before <see cref="FramesAdded"/>.
    /// </summary>
    public IReadOnlyList<DetectedEvent> EventsSoFar()
    {
        if (FramesAdded == 0) return [];
        int n = FramesAdded;
        var kept = tracks.Where(tr => tr.FramesSeen >= Math.Min(options.MinTrackFrames, n)).Select(tr => tr.Prefix(n)).ToList();
        return Analyse(kept);
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
                active[i].Add(t, d, Tracker.Confident(d, o));
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
            if (revived is not null) { revived.Add(t, d, Tracker.Confident(d, o)); continue; }
            if (!Tracker.Confident(d, o)) continue;
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

    private static float Distance(Detection a, Detection b) =>
        MathF.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    /// <summary>Numbers and names the kept tracks and detects their events.</summary>
    private List<DetectedEvent> Analyse(List<Track> kept)
    {
        var analysis = new EventDetector(options, detector.Noise());
        var detected = new List<DetectedEvent>();
        for (int i = 0; i < kept.Count; i++)
        {
            kept[i].Id = i;
            var groups = analysis.Groups(kept[i]);
            kept[i].AssignName(groups, options);
            detected.AddRange(analysis.Detect(kept[i], groups));
        }
        return detected;
    }
}
