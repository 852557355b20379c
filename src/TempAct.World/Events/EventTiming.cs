namespace TempAct.World.Events;

/// <summary>
/// Which frames each event occupies: the video is split in event order with weight 1 per event and 2 for a slow one
/// (largest-remainder rounding of the cumulative boundaries), so 36 frames / 3 events give 12 frames a step.
/// </summary>
public static class EventTiming
{
    /// <summary>Fewest frames a step may have: room for a jump's rise and fall plus one hold frame.</summary>
    public const int MinSpanFrames = 3;

    /// <summary>Assigns spans covering [0, frames) to the events in order.</summary>
    public static IReadOnlyList<TimedEvent> Assign(IReadOnlyList<WorldEvent> events, int frames)
    {
        if (events.Count == 0) throw new ArgumentException("at least one event is needed");
        double total = events.Sum(Weight);
        var timed = new TimedEvent[events.Count];
        double cumulative = 0;
        int start = 0;
        for (int i = 0; i < events.Count; i++)
        {
            cumulative += Weight(events[i]);
            int end = i == events.Count - 1 ? frames : (int)Math.Round(frames * cumulative / total, MidpointRounding.AwayFromZero);
            if (end - start < MinSpanFrames)
                throw new ArgumentException(
                    $"{frames} frames are too few for {events.Count} events: event {i} ({events[i]}) would get {end - start} frames, at least {MinSpanFrames} are needed");
            timed[i] = new TimedEvent(events[i], new FrameSpan(start, end));
            start = end;
        }
        return timed;
    }

    private static double Weight(WorldEvent e) => e.Pace == Pace.Slow ? 2.0 : 1.0;
}
