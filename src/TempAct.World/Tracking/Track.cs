using TempAct.World.Scenes;

namespace TempAct.World.Tracking;

/// <summary>
/// One object's path through the video: its detection in every frame where it is seen (null where it is not), and its
/// name, colour + shape as first seen ("red circle"). The name stays when the object turns another colour, and an object
/// that vanishes and later reappears at the same place with the same look continues the same track.
/// </summary>
public sealed class Track
{
    private readonly Detection?[] frames;

    /// <summary>Creates a track over <paramref name="frameCount"/> frames with no detections yet.</summary>
    internal Track(int id, int frameCount)
    {
        Id = id;
        frames = new Detection?[frameCount];
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
    public Detection? At(int frame) => frame >= 0 && frame < frames.Length ? frames[frame] : null;

    /// <summary>The latest detection so far (while tracking) or overall.</summary>
    internal Detection? Last => LastFrame >= 0 ? frames[LastFrame] : null;

    /// <summary>The latest confident detection (opaque and massive enough to start a track), for reviving the track.</summary>
    internal Detection? LastConfident { get; private set; }

    /// <summary>Adds the detection of frame <paramref name="frame"/>.</summary>
    internal void Add(int frame, Detection d, bool confident)
    {
        frames[frame] = d;
        if (confident) LastConfident = d;
        if (FirstFrame < 0) FirstFrame = frame;
        LastFrame = frame;
        FramesSeen++;
    }

    /// <summary>
    /// Names the track: the colour by majority over its first confident detections before its first change (an object's
    /// name is its colour when first seen), the shape and size by majority over all its confident still detections (a
    /// frame inside a change — mid-turn, mid-jump at the canvas edge — can look like another shape).
    /// </summary>
    internal void AssignName(IReadOnlyList<(int Start, int End)> changes, TrackerOptions o)
    {
        int firstChange = changes.Count > 0 ? changes[0].Start : frames.Length;
        var still = new bool[frames.Length];
        for (int t = 0; t < frames.Length; t++) still[t] = frames[t] is not null;
        foreach (var (start, end) in changes)
            for (int t = start; t <= end && t < frames.Length; t++) still[t] = false;
        bool Confident(Detection d) => Tracker.Confident(d, o);
        var early = Enumerable.Range(0, frames.Length).Where(t => frames[t] is { } d && Confident(d) && t < firstChange)
            .Select(t => frames[t]!).Take(5).ToList();
        var calm = Enumerable.Range(0, frames.Length).Where(t => still[t] && Confident(frames[t]!))
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
}
