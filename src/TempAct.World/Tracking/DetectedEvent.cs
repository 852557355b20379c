using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.World.Tracking;

/// <summary>
/// A change of one tracked object found by the <see cref="Tracker"/>: who (the track's first-seen name), what, and from
/// which frame to which. The tracker never reports stay: a stay is the absence of change (see
/// <see cref="TrackingResult.StaySatisfied(FrameSpan)"/>).
/// </summary>
/// <param name="Subject">Name of the track the event happened to ("red circle": colour + shape as first seen).</param>
/// <param name="Action">What happened (never <see cref="ActionKind.Stay"/>).</param>
/// <param name="TargetColor">The new colour of a turn; null for other actions.</param>
/// <param name="Onset">First frame of the change: the first that differs from the still frames before it (0 for a change
/// already under way in frame 0).</param>
/// <param name="End">Last frame that differs from its predecessor (the final state of the change).</param>
/// <param name="TrackId">Index of the subject's track in <see cref="TrackingResult.Tracks"/>.</param>
public sealed record DetectedEvent(string Subject, ActionKind Action, ColorName? TargetColor, int Onset, int End, int TrackId)
{
    /// <summary>The action as in JSON, like <see cref="WorldEvent.ActionCode"/>: move_left … jump, grow, turn_blue, vanish.</summary>
    public string ActionCode => WorldEvent.ToCode(Action, TargetColor);

    /// <inheritdoc />
    public override string ToString() => $"{Subject} {ActionCode} [{Onset}..{End}]";
}
