namespace TempAct.Training.Update;

/// <summary>How one optimizer step's losses went (weighted means over the rows that took part).</summary>
/// <param name="ExecutorLoss">The executor's loss (policy + β·KL when the KL is on).</param>
/// <param name="ExecutorKl">mean((v − v_ref)²) to the adapters-off executor.</param>
/// <param name="ClipFraction">Per step j: share of RatioNorm ratios outside 1 ± ε.</param>
/// <param name="RatioDeviation">Per step j: mean |r − 1|.</param>
/// <param name="PlannerLoss">GSPO's loss.</param>
/// <param name="PlannerKl">k3 KL per answer token to the adapters-off planner.</param>
/// <param name="PlannerClipFraction">Share of sequence ratios outside 1 ± ε.</param>
/// <param name="PlannerRatioDeviation">mean |s − 1|.</param>
/// <param name="GradNorm">The joint gradient norm before clipping.</param>
/// <param name="KlApplied">Whether this step's losses included the KL terms.</param>
public sealed record UpdateStats(double ExecutorLoss, double ExecutorKl, double[] ClipFraction, double[] RatioDeviation,
    double PlannerLoss, double PlannerKl, double PlannerClipFraction, double PlannerRatioDeviation, double GradNorm, bool KlApplied)
{
    /// <summary>The mean of several steps' stats (an epoch of mini-batches).</summary>
    public static UpdateStats Mean(IReadOnlyList<UpdateStats> steps) => new(
        steps.Average(s => s.ExecutorLoss), steps.Average(s => s.ExecutorKl),
        [.. Enumerable.Range(0, 3).Select(j => steps.Average(s => s.ClipFraction[j]))],
        [.. Enumerable.Range(0, 3).Select(j => steps.Average(s => s.RatioDeviation[j]))],
        steps.Average(s => s.PlannerLoss), steps.Average(s => s.PlannerKl), steps.Average(s => s.PlannerClipFraction),
        steps.Average(s => s.PlannerRatioDeviation), steps.Average(s => s.GradNorm), steps.Any(s => s.KlApplied));
}
