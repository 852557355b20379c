using TempAct.World.Tracking;

namespace TempAct.Judges.Oracle;

/// <summary>
/// Tolerances of the oracle judges (docs/rewards.md defines every sub-score with these names). The defaults make
/// ground-truth renders score 1 and give partial credit for near misses; nothing here is learned.
/// </summary>
/// <param name="FrameSamples">Frames the video judge scores one by one, evenly spread (TempAct's "framewise" prompt samples frames too).</param>
/// <param name="PositionTolerance">Centroid error (px) that still counts as "in the right place": a generated frame may be off by a pixel or two.</param>
/// <param name="PositionFalloff">Beyond the tolerance, position credit falls linearly to 0 over this many more pixels.</param>
/// <param name="MatchRadius">Farthest (px) a blob may be from where an object should be and still count as that object.</param>
/// <param name="TimeToleranceFrames">How far (frames) a sampled frame may run ahead of or behind the instruction's expected
/// progress; null means half the mean event span (timing the instruction does not fix is not judged).</param>
/// <param name="MaxStep">Largest plausible centroid shift between two frames (px): moves go 2 px a frame, a jump falls 3.</param>
/// <param name="ActionSlackFrames">A step's action may start this many frames after the switch without penalty (one chunk).</param>
/// <param name="FramesAfterWindow">S_local tracks this many frames past the step's window (where the video has them), so an
/// action that starts late in the window and ends after it is recognised by its whole course; only its onset must lie
/// inside the window. 6 frames = two chunks, the longest an action of normal pace lasts.</param>
/// <param name="Parallelism">Items scored at once by a batch call; 0 means one per processor.</param>
/// <param name="Tracker">Tracker options; null means the calibrated defaults.</param>
/// <param name="GradedAction">S_local's action sub-score for a non-stay step whose action is not detected as an event
/// starting in the window: false (the default) gives 0, as always; true gives
/// <paramref name="GradedActionCap"/> × the subject's measured progress toward the action from the frame before the
/// switch to the window's last frame, clamped to [0, 1] (docs/rewards.md, "S_local", graded action). Detected events
/// score as without it.</param>
/// <param name="GradedActionCap">The most an undetected action can earn under <paramref name="GradedAction"/> (progress 1).</param>
public sealed record OracleOptions(
    int FrameSamples = 8,
    float PositionTolerance = 2.5f,
    float PositionFalloff = 5f,
    float MatchRadius = 8f,
    int? TimeToleranceFrames = null,
    float MaxStep = 4.5f,
    int ActionSlackFrames = 3,
    int FramesAfterWindow = 6,
    int Parallelism = 0,
    TrackerOptions? Tracker = null,
    bool GradedAction = false,
    double GradedActionCap = 0.5)
{
    /// <summary>The defaults.</summary>
    public static OracleOptions Default { get; } = new();

    /// <summary>The tracker options in use.</summary>
    internal TrackerOptions TrackerOrDefault => Tracker ?? TrackerOptions.Default;

    /// <summary>Position credit for a centroid error of <paramref name="distance"/> px: 1 within the tolerance, then linear to 0.</summary>
    internal double PositionCredit(double distance) =>
        distance <= PositionTolerance ? 1 : Math.Max(0, 1 - (distance - PositionTolerance) / PositionFalloff);

    /// <summary>Runs <paramref name="score"/> over every item with the configured parallelism, keeping the order.</summary>
    internal IReadOnlyList<JudgeScore> Batch<T>(IReadOnlyList<T> items, Func<T, JudgeScore> score, CancellationToken cancellation)
    {
        var results = new JudgeScore[items.Count];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Parallelism > 0 ? Parallelism : Environment.ProcessorCount,
            CancellationToken = cancellation,
        };
        Parallel.For(0, items.Count, parallel, i => results[i] = score(items[i]));
        return results;
    }
}
