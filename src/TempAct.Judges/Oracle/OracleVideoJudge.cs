using TempAct.Judges.Rewards;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;
using TempAct.World.Rendering;
using TempAct.World.Tracking;

namespace TempAct.Judges.Oracle;

/// <summary>
/// S_video by the tracker: what the instruction's expected progress says each frame should show
/// (<see cref="ExpectedTimeline"/>) against what the tracker finds, with TempAct's six sub-scores and weights
/// (docs/rewards.md, "S_video"). Tolerant in timing: sampled frames may run ahead or behind by
/// <see cref="OracleOptions.TimeToleranceFrames"/>, and events are matched whenever they happen, their order judged apart.
/// </summary>
public sealed class OracleVideoJudge(OracleOptions? options = null, VideoJudgeWeights? weights = null) : IVideoJudge
{
    private readonly OracleOptions o = options ?? OracleOptions.Default;
    private readonly VideoJudgeWeights w = weights ?? new();

    /// <inheritdoc />
    public Task<IReadOnlyList<JudgeScore>> ScoreAsync(IReadOnlyList<VideoJudgeItem> items, CancellationToken cancellation = default) =>
        Task.FromResult(o.Batch(items, item => Score(item.Video, item.Instruction), cancellation));

    /// <summary>Scores one video, sampling <see cref="OracleOptions.FrameSamples"/> frames.</summary>
    public JudgeScore Score(Video video, Instruction instruction) => Judge(video, instruction, null).Score;

    /// <summary>Scores one video on the given sampled frames and returns the per-frame scores too (the HTTP answer's
    /// "frame_scores" array).</summary>
    public (JudgeScore Score, IReadOnlyList<double> FrameScores) Judge(Video video, Instruction instruction, IReadOnlyList<int>? sampledFrames)
    {
        int frames = video.Frames;
        var expected = ExpectedTimeline.Of(instruction, frames);
        var tracking = Tracker.Track(video, o.TrackerOrDefault);
        var sampled = sampledFrames ?? FrameSampling.Indices(frames, o.FrameSamples);
        if (sampled.Count == 0 || sampled.Any(t => t < 0 || t >= frames))
            throw new JudgeInputException($"sampled frames [{string.Join(", ", sampled)}] must be non-empty and inside the {frames} frames");

        // 1. Frame scores: each sampled frame against the expected states within ±tau frames of it (best of them).
        int tau = o.TimeToleranceFrames ?? Math.Max(StepPlan.ChunkFrames, frames / (2 * instruction.Events.Count));
        var frameScores = sampled.Select(t =>
        {
            double best = 0;
            for (int u = Math.Max(0, t - tau); u <= Math.Min(frames - 1, t + tau) && best < 1; u++)
                best = Math.Max(best, FrameMatcher.Score(expected.States[u], tracking.Detections[t], o));
            return best;
        }).ToArray();

        // 2. Final: the last frame against the expected end state, no time tolerance.
        double final = FrameMatcher.Score(expected.States[frames - 1], tracking.Detections[frames - 1], o);

        // 3. Events: matched whenever they happen; order from the onsets of the matched ones.
        var matching = EventMatcher.Match(expected.Timed, tracking.Events, tracking.StaySatisfied);
        double order = EventMatcher.OrderScore(expected.Timed, matching, tracking.Events);
        int shown = Enumerable.Range(0, expected.Timed.Count).Count(matching.Shown);
        double alignment = (double)shown / (expected.Timed.Count + matching.Extras);

        // 4. Physics and identities.
        double plausibility = PlausibilityCheck.Score(PlausibilityCheck.ViolationFrames(tracking, o), 0, frames);
        double consistency = Consistency(expected, tracking);

        var subs = new Dictionary<string, double>
        {
            [SubScoreNames.FrameScores] = frameScores.Average(),
            [SubScoreNames.Final] = final,
            [SubScoreNames.TemporalOrder] = order,
            [SubScoreNames.PhysicalPlausibility] = plausibility,
            [SubScoreNames.VisualConsistency] = consistency,
            [SubScoreNames.PromptAlignment] = alignment,
        };
        return (new JudgeScore(w.Total(subs), subs), frameScores);
    }

    /// <summary>
    /// Identities kept: each object the instruction shows should be one track carrying its name whose shape holds in its
    /// still, opaque frames; tracks with other names, or second tracks with a taken name, are identities the instruction
    /// never had. Σ over expected objects of (found × shape constancy) / (expected objects + extra tracks).
    /// </summary>
    private double Consistency(ExpectedTimeline expected, TrackingResult tracking)
    {
        var names = expected.EverVisible();
        var claimed = new HashSet<int>();
        double sum = 0;
        foreach (var name in names)
        {
            var track = tracking.Tracks.Where(t => t.Name == name).OrderByDescending(t => t.FramesSeen).FirstOrDefault();
            if (track is null) continue;
            claimed.Add(track.Id);
            sum += ShapeConstancy(track, tracking);
        }
        int extra = tracking.Tracks.Count(t => !claimed.Contains(t.Id));
        return names.Count + extra == 0 ? 1 : sum / (names.Count + extra);
    }

    /// <summary>Share of a track's opaque detections outside its changes that show the track's shape (1 when none).</summary>
    private double ShapeConstancy(Track track, TrackingResult tracking)
    {
        var changes = tracking.Events.Where(e => e.TrackId == track.Id).Select(e => new FrameSpan(e.Onset - 1, e.End + 2)).ToArray();
        int n = 0, same = 0;
        for (int t = 0; t < tracking.FrameCount; t++)
        {
            if (track.At(t) is not { } d || d.Alpha < 0.9f || d.Mass < o.TrackerOrDefault.ConfidentMass) continue;
            if (changes.Any(c => c.Contains(t))) continue;
            n++;
            if (d.Shape == track.Shape) same++;
        }
        return n == 0 ? 1 : (double)same / n;
    }
}
