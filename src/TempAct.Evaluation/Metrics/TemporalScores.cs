namespace TempAct.Evaluation.Metrics;

/// <summary>The temporal-following metrics of one generated video (<see cref="TemporalMetrics"/> defines each).</summary>
/// <param name="Completion">Event completion rate in [0, 1]: share of the expected events the tracker shows.</param>
/// <param name="Order">Order accuracy in [0, 1] over pairs of shown events; null with fewer than two shown events.</param>
/// <param name="Delay">Transition delay in frames (signed: negative = early); null when no post-switch event was shown.</param>
/// <param name="Blending">Blending rate in [0, 1] over post-switch frames; null for a single-step video.</param>
/// <param name="SVideo">S_video of the oracle video judge in [0, 1] (the Temporal-Following score).</param>
/// <param name="FrameQuality">Analytic frame quality in [0, 1], mean over the frames.</param>
public sealed record TemporalScores(double Completion, double? Order, double? Delay, double? Blending, double SVideo, double FrameQuality);
