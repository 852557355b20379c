using TempAct.World.Rendering;
using TempAct.World.Tracking;

namespace TempAct.Evaluation.Switching;

/// <summary>
/// What the tracker saw in one two-step video whose prompt switches at frame <c>switchFrame</c>. Events are matched by
/// subject (the track's first-seen name, which is the plan's frame-0 name) and action code (a turn's colour included).
/// </summary>
/// <param name="FirstShown">Step 1's event starts before the switch.</param>
/// <param name="Reacted">Step 2's event starts in the reaction window [switch, switch + window).</param>
/// <param name="AfterSwitch">Step 2's event starts at or after the switch, at any time.</param>
/// <param name="Delay">Frames from the switch to step 2's first onset at or after it; null when there is none.</param>
/// <param name="FrameQuality">The video's analytic frame quality.</param>
public sealed record SwitchOutcome(bool FirstShown, bool Reacted, bool AfterSwitch, int? Delay, double FrameQuality)
{
    /// <summary>Scores <paramref name="video"/> against <paramref name="plan"/>, the switch at frame
    /// <paramref name="switchFrame"/> and the reaction window <paramref name="windowFrames"/> frames long.</summary>
    public static SwitchOutcome Of(Video video, SwitchPlan plan, int switchFrame, int windowFrames)
    {
        var events = Tracker.Track(video).Events;
        bool first = events.Any(e => e.Subject == plan.First.Subject && e.ActionCode == plan.First.ActionCode && e.Onset < switchFrame);
        var second = events.Where(e => e.Subject == plan.Second.Subject && e.ActionCode == plan.Second.ActionCode && e.Onset >= switchFrame)
            .Select(e => e.Onset - switchFrame).Order().ToList();
        int? delay = second.Count > 0 ? second[0] : null;
        return new SwitchOutcome(first, delay < windowFrames, delay is not null, delay, Judges.Aesthetic.FrameQuality.Score(video).Total);
    }
}
