using TempAct.World.Scenes;

namespace TempAct.World.Tracking;

/// <summary>
/// One object's path through the video: its detection in every frame where it is seen (null where it is not), and its
/// name, colour + shape as first seen ("red circle"). The name stays when the object turns another colour, and an object
/// that vanishes and later reappears at the same place with the same look continues the same track.
/// </summary>
public sealed class Track
{
    // Only the frames from the first detection to the last are stored (memory grows with the track's own span, not the
    // video's: a blob of noise seen twice in a 100,000-frame video costs two slots); the view reads null elsewhere.
    private readonly List<Detection?> seen = [];
    private readonly FrameView frames;

    /// <summary>Creates a track over <paramref name="frameCount"/> frames with no detections yet.</summary>
    internal Track(int id, int frameCount)
    {
        Id = id;
        frames = new FrameView(this, frameCount);
        Name = "";
    }

    /// <summary>Index of the track in <see cref="TrackingResult.Tracks"/>.</summary>
    public int Id { get; internal set; }

    /// <summary>Colour + shape when first seen, lower case: "red circle" (the object's identity in events).</summary>
    public string Name { get; private set; }

    /// <summary>Colour when first seen (by mass-weighted majority over the confident frames before its first change).</summary>
    public ColorName Color { get; private set; }

    /// <summary>Shape (the world never changes it; by majority over all still frames).</summary>
    public ShapeKind Shape { get; private set; }

    /// <summary>Size class when first seen (by majority over the frames before its first change).</summary>
    public SizeClass Size { get; private set; }

    /// <summary>The detection in each frame, null where the object is not seen.</summary>
    public IReadOnlyList<Detection?> Frames => frames;

    /// <summary>First frame the object is seen in.</summary>
    public int FirstFrame { get; private set; } = -1;

    /// <summary>Last frame the object is seen in.</summary>
    public int LastFrame { get; private set; } = -1;

    /// <summary>Number of frames the object is seen in.</summary>
    public int FramesSeen { get; private set; }

    /// <summary>The detection in frame <paramref name="frame"/>, or null.</summary>
    public Detection? At(int frame) => frame >= 0 && frame < frames.Count ? frames[frame] : null;

    /// <summary>The latest detection so far (while tracking) or overall.</summary>
    internal Detection? Last => LastFrame >= 0 ? seen[^1] : null;

    /// <summary>The latest confident detection (opaque and massive enough to start a track), for reviving the track.</summary>
    internal Detection? LastConfident { get; private set; }

    /// <summary>Adds the detection of frame <paramref name="frame"/>.</summary>
    internal void Add(int frame, Detection d, bool confident)
    {
        if (frame <= LastFrame || frame >= frames.Count)
            throw new ArgumentOutOfRangeException(nameof(frame), $"frame {frame} after frame {LastFrame} of {frames.Count}");
        if (FirstFrame < 0) FirstFrame = frame;
        while (FirstFrame + seen.Count < frame) seen.Add(null);
        seen.Add(d);
        if (confident) LastConfident = d;
        LastFrame = frame;
        FramesSeen++;
    }

    /// <summary>A copy of this track over the first <paramref name="frameCount"/> frames (every detection so far must lie
    /// in them): what the track would be if the video ended there.</summary>
    internal Track Prefix(int frameCount)
    {
        if (LastFrame >= frameCount) throw new ArgumentOutOfRangeException(nameof(frameCount), $"the track reaches frame {LastFrame}, past {frameCount}");
        var copy = new Track(Id, frameCount) { FirstFrame = FirstFrame, LastFrame = LastFrame, FramesSeen = FramesSeen, LastConfident = LastConfident };
        copy.seen.AddRange(seen);
        return copy;
    }

    /// <summary>
    /// Names the track: the colour by majority over its first confident detections before its first change (an object's
    /// name is its colour when first seen), the shape and size by majority over all its confident still detections (a
    /// frame inside a change — mid-turn, mid-jump at the canvas edge — can look like another shape).
    /// </summary>
    internal void AssignName(IReadOnlyList<(int Start, int End)> changes, TrackerOptions o)
    {
        int firstChange = changes.Count > 0 ? changes[0].Start : frames.Count;
        var still = new bool[frames.Count];
        for (int t = 0; t < frames.Count; t++) still[t] = frames[t] is not null;
        foreach (var (start, end) in changes)
            for (int t = start; t <= end && t < frames.Count; t++) still[t] = false;
        bool Confident(Detection d) => Tracker.Confident(d, o);
        var early = Enumerable.Range(0, frames.Count).Where(t => frames[t] is { } d && Confident(d) && t < firstChange)
            .Select(t => frames[t]!).Take(5).ToList();
        var calm = Enumerable.Range(0, frames.Count).Where(t => still[t] && Confident(frames[t]!))
            .Select(t => frames[t]!).ToList();
        var any = frames.Where(d => d is not null).Select(d => d!).ToList();
        if (any.Count == 0) return;
        var colourVotes = early.Count > 0 ? early : any.Take(1).ToList();
        var shapeVotes = calm.Count > 0 ? calm : early.Count > 0 ? early : any;
        var sizeVotes = early.Count > 0 ? early : shapeVotes;
        Color = colourVotes.GroupBy(d => d.Color).OrderByDescending(g => g.Sum(d => d.Mass)).ThenBy(g => g.Key).First().Key;
        Shape = shapeVotes.GroupBy(d => d.Shape).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        Size = sizeVotes.GroupBy(d => d.Size).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        Name = $"{Color.Word()} {Shape.Word()}";
    }

    /// <inheritdoc />
    public override string ToString() => $"#{Id} {Name} frames {FirstFrame}..{LastFrame} ({FramesSeen} seen)";

    /// <summary>All frames of the video, null outside the stored span.</summary>
    private sealed class FrameView(Track track, int count) : IReadOnlyList<Detection?>
    {
        public int Count => count;

        public Detection? this[int frame]
        {
            get
            {
                if ((uint)frame >= (uint)count) throw new ArgumentOutOfRangeException(nameof(frame), $"frame {frame} of {count}");
                int i = frame - track.FirstFrame;
                return track.FirstFrame >= 0 && i >= 0 && i < track.seen.Count ? track.seen[i] : null;
            }
        }

        public IEnumerator<Detection?> GetEnumerator()
        {
            for (int t = 0; t < count; t++) yield return this[t];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
