using TempAct.World.Events;
using TempAct.World.Rendering;
using TempAct.World.Tracking;

namespace TempAct.Judges.Oracle;

/// <summary>
/// Blending at one prompt switch, for the executor's reward: the share of a window's frames (the window starts at the
/// switch) during which a change the tracker saw begin before the switch is still under way — the previous step's
/// action running on into the new step, or a new action drawn over one not yet finished. The rule is the evaluation's
/// blending rate (a frame t after switch s is blended when a detected change with onset &lt; s has end ≥ t), on one
/// switch and its window instead of every switch of a video.
/// </summary>
public static class SwitchBlending
{
    /// <summary>Blended frames of <paramref name="window"/> / its frames, from detected changes alone.</summary>
    public static double Fraction(IReadOnlyList<DetectedEvent> detected, FrameSpan window)
    {
        if (window.Start < 0 || window.End <= window.Start) throw new ArgumentException($"the window {window} has no frames");
        int blended = 0;
        for (int t = window.Start; t < window.End; t++)
            if (detected.Any(e => e.Onset < window.Start && e.End >= t)) blended++;
        return (double)blended / (window.End - window.Start);
    }

    /// <summary>Tracks <paramref name="video"/>'s frames up to the window's end (what came before the switch and the
    /// window itself) and returns the window's blended share.</summary>
    public static double Score(Video video, FrameSpan window, OracleOptions? options = null)
    {
        if (window.End > video.Frames) throw new ArgumentException($"the window {window} ends after the video's {video.Frames} frames");
        var tracking = Tracker.Track(window.End == video.Frames ? video : video.Slice(0, window.End), (options ?? OracleOptions.Default).TrackerOrDefault);
        return Fraction(tracking.Events, window);
    }
}
