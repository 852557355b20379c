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
    /// <summary>Tracks a video with the default options.</summary>
    public static TrackingResult Track(Video video) => Track(video, TrackerOptions.Default);

    /// <summary>Tracks a video with the given options (<see cref="IncrementalTracker"/> over all its frames at once).</summary>
    public static TrackingResult Track(Video video, TrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(options);
        var tracker = new IncrementalTracker(video.Frames, video.Height, video.Width, options);
        tracker.Add(video.Data, 0, video.Frames);
        return tracker.Finish();
    }

    /// <summary>Whether a blob is opaque and massive enough to start a track (weaker blobs only continue one).</summary>
    internal static bool Confident(Detection d, TrackerOptions o) =>
        d.Mass >= o.ConfidentMass && d.Alpha >= o.ConfidentAlpha;
}
