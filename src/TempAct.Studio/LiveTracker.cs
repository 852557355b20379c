using TempAct.World.Tracking;

namespace TempAct.Studio;

/// <summary>An event the live tracker saw, in frames of the whole stream.</summary>
public sealed record LiveEvent(string Subject, string Action, int Onset, int End);

/// <summary>
/// The tracker run live over a stream: frames go into an <see cref="IncrementalTracker"/> as they come and the events
/// seen so far are read every few frames; an event is reported once, when it has ended at least
/// <see cref="SettleFrames"/> frames before the newest frame (or when the stream ends), so a change still under way is
/// not reported half-seen. The tracker restarts every <c>segment</c> frames, so memory stays flat however long the
/// stream (an event that straddles a restart may be missed; names restart too: an object is named by its look when
/// first seen in the segment).
/// </summary>
public sealed class LiveTracker(int height, int width, int segment)
{
    /// <summary>Frames an event must have ended before the newest frame to be reported while the stream goes on.</summary>
    public const int SettleFrames = 6;

    private IncrementalTracker? tracker;
    private int segmentStart, sinceRead;
    private readonly List<LiveEvent> reported = [];

    /// <summary>Frames added so far.</summary>
    public int Frames { get; private set; }

    /// <summary>Adds <paramref name="count"/> frames ([T, 3, H, W] in [−1, 1] from frame <paramref name="first"/> of
    /// <paramref name="data"/>) and returns the events newly settled; with <paramref name="final"/> the stream ends here
    /// and every event seen is reported.</summary>
    public IReadOnlyList<LiveEvent> Add(float[] data, int first, int count, bool final)
    {
        var found = new List<LiveEvent>();
        for (int i = 0; i < count; i++)
        {
            if (tracker is null || tracker.FramesAdded == segment)
            {
                if (tracker is not null) found.AddRange(Settle(true)); // what the old segment saw, before it goes
                tracker = new IncrementalTracker(segment, height, width);
                segmentStart = Frames;
                reported.Clear();
            }
            tracker.Add(data, first + i, 1);
            Frames++;
            sinceRead++;
        }
        // Reading the events costs the segment's length: every chunk while short, less often as it grows.
        int every = tracker!.FramesAdded <= 150 ? 3 : tracker.FramesAdded <= 300 ? 6 : 12;
        if (final || sinceRead >= every) found.AddRange(Settle(final));
        return found;
    }

    private IEnumerable<LiveEvent> Settle(bool all)
    {
        sinceRead = 0;
        if (tracker is null || tracker.FramesAdded == 0) return [];
        int newest = tracker.FramesAdded - 1;
        var result = new List<LiveEvent>();
        foreach (var e in tracker.EventsSoFar().OrderBy(e => e.Onset))
        {
            if (!all && e.End > newest - SettleFrames) continue;
            var live = new LiveEvent(e.Subject, e.ActionCode, segmentStart + e.Onset, segmentStart + e.End);
            // The same event read again later may have its onset refined by a frame or two: report it once.
            if (reported.Any(r => r.Subject == live.Subject && r.Action == live.Action && Math.Abs(r.Onset - live.Onset) <= 3)) continue;
            reported.Add(live);
            result.Add(live);
        }
        return result;
    }
}
