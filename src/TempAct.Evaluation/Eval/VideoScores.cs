using TempAct.Evaluation.Metrics;

namespace TempAct.Evaluation.Eval;

/// <summary>Every metric of one `eval` video.</summary>
/// <param name="Temporal">The temporal-following metrics, S_video and frame quality (<see cref="TemporalMetrics"/>).</param>
/// <param name="Aesthetic">The learned aesthetic score in [0, 1].</param>
/// <param name="Identity">Identity consistency in [0, 1] (<see cref="IdentityConsistency"/>); null when nothing was visible.</param>
public sealed record VideoScores(TemporalScores Temporal, double Aesthetic, double? Identity);
