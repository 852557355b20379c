using TempAct.Judges.Oracle;
using TempAct.World.Events;
using TempAct.World.Tracking;

namespace TempAct.Evaluation.Metrics;

/// <summary>How one expected event of a video fared: shown (the pairing of <see cref="EventMatcher"/> found it), or why
/// not, read from what the tracker saw inside the event's own span.</summary>
/// <param name="Index">The event's place in the expected timeline (0-based).</param>
/// <param name="Event">The expected event.</param>
/// <param name="Span">Its frames (the plan step's span, or the instruction's default timing).</param>
/// <param name="Shown">Whether the event was shown: matched to a detected event, or a stay with nothing starting in it.</param>
/// <param name="Onset">The onset of its matched detected event; null for a stay or an event not shown.</param>
/// <param name="Failure">Why it was not shown (<see cref="EventOutcomes"/>' codes); null when shown.</param>
/// <param name="AfterTurn">Whether an earlier expected event changed this subject's colour (the subject is then named by
/// a colour it no longer has: names are frame-0 names).</param>
/// <param name="Repeat">Whether an earlier expected event has the same subject and action (a repeated action).</param>
public sealed record EventOutcome(int Index, WorldEvent Event, FrameSpan Span, bool Shown, int? Onset, string? Failure, bool AfterTurn, bool Repeat);

/// <summary>
/// Classifies every expected event of a video. An event not shown gets one failure code, looked up among the detected
/// events whose onset lies inside the event's span, in this order:
/// <list type="bullet">
/// <item><c>wrong-subject</c>: another object did this action there (the executor acted on the wrong object);</item>
/// <item><c>other-action</c>: the subject did another action there;</item>
/// <item><c>elsewhere</c>: the subject's action was seen, but the pairing gave it to another expected event of the same
/// subject and action (fewer detections than expectations for that key);</item>
/// <item><c>nothing</c>: none of the above — the subject did not change during its span;</item>
/// <item><c>moved</c>: a stay during which something started to change.</item>
/// </list>
/// </summary>
public static class EventOutcomes
{
    /// <summary>The failure codes, in the order they are tested.</summary>
    public static IReadOnlyList<string> FailureCodes { get; } = ["wrong-subject", "other-action", "elsewhere", "nothing", "moved"];

    /// <summary>Every expected event's outcome, paired as the metrics pair them (<see cref="EventMatcher.Match"/>).</summary>
    public static IReadOnlyList<EventOutcome> Of(IReadOnlyList<TimedEvent> expected, TrackingResult tracking) =>
        Of(expected, tracking.Events, tracking.StaySatisfied);

    /// <summary>As <see cref="Of(IReadOnlyList{TimedEvent}, TrackingResult)"/> from the detected events (sorted by onset)
    /// and the stay test.</summary>
    public static IReadOnlyList<EventOutcome> Of(IReadOnlyList<TimedEvent> expected, IReadOnlyList<DetectedEvent> detected, Func<FrameSpan, bool> staySatisfied)
    {
        var matching = EventMatcher.Match(expected, detected, staySatisfied);
        var outcomes = new List<EventOutcome>(expected.Count);
        var turned = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        for (int i = 0; i < expected.Count; i++)
        {
            var (e, span) = (expected[i].Event, expected[i].Span);
            bool shown = matching.Shown(i);
            int? onset = matching.DetectedOf[i] >= 0 ? detected[matching.DetectedOf[i]].Onset : null;
            string? failure = shown ? null : Failure(e, span, detected);
            outcomes.Add(new EventOutcome(i, e, span, shown, onset, failure, turned.Contains(e.Subject),
                e.Action != ActionKind.Stay && seen.Contains((e.Subject, e.ActionCode))));
            if (e.Action == ActionKind.Turn) turned.Add(e.Subject);
            if (e.Action != ActionKind.Stay) seen.Add((e.Subject, e.ActionCode));
        }
        return outcomes;
    }

    private static string Failure(WorldEvent e, FrameSpan span, IReadOnlyList<DetectedEvent> detected)
    {
        if (e.Action == ActionKind.Stay) return "moved";
        var inSpan = detected.Where(d => span.Contains(d.Onset)).ToList();
        if (inSpan.Any(d => d.Subject != e.Subject && d.ActionCode == e.ActionCode)) return "wrong-subject";
        if (inSpan.Any(d => d.Subject == e.Subject && d.ActionCode != e.ActionCode)) return "other-action";
        if (detected.Any(d => d.Subject == e.Subject && d.ActionCode == e.ActionCode)) return "elsewhere";
        return "nothing";
    }
}
