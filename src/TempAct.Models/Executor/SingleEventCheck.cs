using TempAct.World.Events;
using TempAct.World.Rendering;
using TempAct.World.Tracking;

namespace TempAct.Models.Executor;

/// <summary>Whether a generated video shows a single expected event, by the tracker: an event of the same subject and
/// action code (a turn's colour included) is detected; a stay holds when its subject is tracked and nothing starts.</summary>
public static class SingleEventCheck
{
    /// <summary>True when the tracker finds <paramref name="expected"/> in <paramref name="video"/>.</summary>
    public static bool Shows(Video video, WorldEvent expected) => Shows(Tracker.Track(video), expected, video.Frames);

    /// <summary>True when <paramref name="tracking"/> shows <paramref name="expected"/>.</summary>
    public static bool Shows(TrackingResult tracking, WorldEvent expected, int frames) => expected.Action == ActionKind.Stay
        ? tracking.FindTrack(expected.Subject) is not null && tracking.StaySatisfied(new FrameSpan(0, frames))
        : tracking.Events.Any(e => e.Subject == expected.Subject && e.ActionCode == expected.ActionCode);
}
