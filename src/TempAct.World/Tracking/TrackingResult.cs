using TempAct.World.Events;

namespace TempAct.World.Tracking;

/// <summary>What the <see cref="Tracker"/> saw in a video: blobs per frame, object tracks, and events sorted by onset.</summary>
public sealed class TrackingResult
{
    /// <summary>Creates a result; events are sorted by onset (then by track).</summary>
    internal TrackingResult(int frames, IReadOnlyList<IReadOnlyList<Detection>> detections, IReadOnlyList<Track> tracks,
        IEnumerable<DetectedEvent> events)
    {
        FrameCount = frames;
        Detections = detections;
        Tracks = tracks;
        Events = events.OrderBy(e => e.Onset).ThenBy(e => e.TrackId).ToArray();
    }

    /// <summary>Number of frames of the video.</summary>
    public int FrameCount { get; }

    /// <summary>The accepted blobs of every frame (largest first), before linking into tracks.</summary>
    public IReadOnlyList<IReadOnlyList<Detection>> Detections { get; }

    /// <summary>The tracked objects, in order of first appearance.</summary>
    public IReadOnlyList<Track> Tracks { get; }

    /// <summary>Detected events (never stay), sorted by onset frame.</summary>
    public IReadOnlyList<DetectedEvent> Events { get; }

    /// <summary>The track with this name (colour + shape as first seen), or null.</summary>
    public Track? FindTrack(string name) => Tracks.FirstOrDefault(t => t.Name == name);

    /// <summary>The detected events of one subject, by onset.</summary>
    public IEnumerable<DetectedEvent> EventsOf(string subject) => Events.Where(e => e.Subject == subject);

    /// <summary>
    /// Whether a stay over <paramref name="span"/> happened: the tracker emits no stay events, so a stay counts as
    /// detected when no detected event (of any object) has its onset inside the span — nothing started to change.
    /// </summary>
    public bool StaySatisfied(FrameSpan span) => !Events.Any(e => span.Contains(e.Onset));
}
