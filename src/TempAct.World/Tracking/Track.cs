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

    /// <summary>Colour when first seen.</summary>
    public ColorName Color { get; private set; }

    /// <summary>Shape when first seen.</summary>
    public ShapeKind Shape { get; private set; }

    /// <summary>Size class when first seen.</summary>
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

    /// <summary>Adds the detection of frame <paramref name="frame"/>.</summary>
    internal void Add(int frame, Detection d)
    {
        frames[frame] = d;
        if (FirstFrame < 0) FirstFrame = frame;
        LastFrame = frame;
        FramesSeen++;
    }

    /// <summary>
    /// Names the track by majority vote over its first few confident detections before <paramref name="until"/> (the
    /// onset of its first change), or over its first few detections when there are none.
    /// </summary>
    internal void AssignName(int until, TrackerOptions o)
    {
        var votes = new List<Detection>();
        for (int t = FirstFrame; t >= 0 && t < frames.Length && votes.Count < 5; t++)
            if (frames[t] is { } d && (t < until || votes.Count == 0) && d.Mass >= o.ConfidentMass && d.Alpha >= o.ConfidentAlpha)
                votes.Add(d);
        if (votes.Count == 0)
            for (int t = FirstFrame; t >= 0 && t < frames.Length && votes.Count < 3; t++)
                if (frames[t] is { } d) votes.Add(d);
        if (votes.Count == 0) return;
        Color = votes.GroupBy(d => d.Color).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        Shape = votes.GroupBy(d => d.Shape).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        Size = votes.GroupBy(d => d.Size).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        Name = $"{Color.Word()} {Shape.Word()}";
    }

    /// <inheritdoc />
    public override string ToString() => $"#{Id} {Name} frames {FirstFrame}..{LastFrame} ({FramesSeen} seen)";
}
