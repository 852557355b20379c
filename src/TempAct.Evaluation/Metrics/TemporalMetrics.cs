using TempAct.Judges.Aesthetic;
using TempAct.Judges.Oracle;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Rendering;
using TempAct.World.Tracking;

namespace TempAct.Evaluation.Metrics;

/// <summary>
/// Temporal-following metrics of one video, all from the tracker (the oracle). The expected timeline is the
/// instruction's events, event m occupying step m's frame span s_m = [start_m, end_m); the spans tile the video, and each
/// start_m with m ≥ 1 is a switch (the frame where a step plan changes its prompt, or where the instruction's default
/// timing starts the next event). Expected events are paired with detected ones by <see cref="EventMatcher"/>: same
/// subject and action code, order-preserving, nearest onsets to the expected starts; a stay counts as shown when no
/// detected event starts inside its span.
/// </summary>
public static class TemporalMetrics
{
    /// <summary>All metrics of <paramref name="video"/> against <paramref name="expected"/> (the events of
    /// <paramref name="instruction"/> with their step spans; S_video judges the instruction at its default timing).</summary>
    public static TemporalScores Measure(Video video, Instruction instruction, IReadOnlyList<TimedEvent> expected, OracleVideoJudge? judge = null) =>
        Measure(video, Tracker.Track(video), instruction, expected, judge);

    /// <summary>As <see cref="Measure(Video, Instruction, IReadOnlyList{TimedEvent}, OracleVideoJudge?)"/> with the video's
    /// <paramref name="tracking"/> already done (<see cref="Tracker.Track"/> of <paramref name="video"/>).</summary>
    public static TemporalScores Measure(Video video, TrackingResult tracking, Instruction instruction, IReadOnlyList<TimedEvent> expected,
        OracleVideoJudge? judge = null)
    {
        CheckTiling(expected, video.Frames);
        if (tracking.FrameCount != video.Frames)
            throw new ArgumentException($"the tracking covers {tracking.FrameCount} frames, the video has {video.Frames}");
        var matching = EventMatcher.Match(expected, tracking.Events, tracking.StaySatisfied);
        return new TemporalScores(
            Completion(matching),
            Order(matching, tracking.Events),
            Delay(expected, matching, tracking.Events),
            Blending(expected, tracking.Events, video.Frames),
            (judge ?? new OracleVideoJudge()).Score(video, instruction).Total,
            FrameQuality.Score(video).Total);
    }

    /// <summary>Event completion rate: shown expected events (matched, or a satisfied stay) / expected events.</summary>
    public static double Completion(EventMatcher.Matching matching) =>
        (double)Enumerable.Range(0, matching.DetectedOf.Length).Count(matching.Shown) / matching.DetectedOf.Length;

    /// <summary>
    /// Order accuracy: over every pair (i &lt; j) of expected non-stay events that were both shown, the share whose detected
    /// onsets are strictly in instruction order (onset_i &lt; onset_j; a tie counts as out of order). Missing events are
    /// left out (completion counts them), so order and completion measure different failures. Null when fewer than two
    /// non-stay events were shown.
    /// </summary>
    public static double? Order(EventMatcher.Matching matching, IReadOnlyList<DetectedEvent> detected)
    {
        var onsets = matching.DetectedOf.Where(j => j >= 0).Select(j => detected[j].Onset).ToArray(); // in instruction order
        if (onsets.Length < 2) return null;
        int agree = 0, pairs = 0;
        for (int p = 0; p < onsets.Length; p++)
            for (int q = p + 1; q < onsets.Length; q++)
            {
                pairs++;
                if (onsets[p] < onsets[q]) agree++;
            }
        return (double)agree / pairs;
    }

    /// <summary>
    /// Transition delay: mean over the shown non-stay events of steps m ≥ 1 of (detected onset − start_m), in frames.
    /// Signed: positive when the new action starts after the switch, negative when it starts before. Step 0 starts with
    /// the video, not at a switch, and is left out. Null when no such event was shown.
    /// </summary>
    public static double? Delay(IReadOnlyList<TimedEvent> expected, EventMatcher.Matching matching, IReadOnlyList<DetectedEvent> detected)
    {
        var delays = Enumerable.Range(1, Math.Max(0, expected.Count - 1))
            .Where(m => matching.DetectedOf[m] >= 0)
            .Select(m => (double)(detected[matching.DetectedOf[m]].Onset - expected[m].Span.Start)).ToArray();
        return delays.Length == 0 ? null : delays.Average();
    }

    /// <summary>
    /// Blending rate, from the detected events' inclusive intervals [onset, end] alone (no matching): a post-switch frame
    /// t — one in some step span s_m with m ≥ 1 — is blended when a detected change that began before that step's switch
    /// is still under way at t (onset &lt; start_m ≤ t ≤ end). Blended frames / post-switch frames (T − start_1).
    /// This covers both blending failures: the previous step's action continuing after the switch, and two steps'
    /// actions overlapping (the new step's change begins while an earlier one is still going on; a change that begins
    /// inside s_m cannot overlap a later step's change within s_m). Any detected change counts, unexpected ones too.
    /// Null when the video has a single step (no switch).
    /// </summary>
    public static double? Blending(IReadOnlyList<TimedEvent> expected, IReadOnlyList<DetectedEvent> detected, int frames)
    {
        if (expected.Count < 2 || expected[1].Span.Start >= frames) return null;
        int blended = 0, post = frames - expected[1].Span.Start;
        for (int m = 1; m < expected.Count; m++)
        {
            int start = expected[m].Span.Start, end = Math.Min(expected[m].Span.End, frames);
            for (int t = start; t < end; t++)
                if (detected.Any(e => e.Onset < start && e.End >= t)) blended++;
        }
        return (double)blended / post;
    }

    /// <summary>Throws unless the spans are non-empty, contiguous from frame 0 and end at the last frame.</summary>
    private static void CheckTiling(IReadOnlyList<TimedEvent> expected, int frames)
    {
        if (expected.Count == 0) throw new ArgumentException("at least one expected event is needed");
        int next = 0;
        foreach (var e in expected)
        {
            if (e.Span.Start != next || e.Span.Length <= 0)
                throw new ArgumentException($"expected spans must tile the video: {e.Event} spans {e.Span}, the next span should start at frame {next}");
            next = e.Span.End;
        }
        if (next != frames) throw new ArgumentException($"the expected spans end at frame {next}, the video has {frames} frames");
    }
}
