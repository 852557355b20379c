namespace TempAct.Judges.Rewards;

/// <summary>
/// Turns judge scores into TempAct's two rewards: the planner's R_plan, with its format penalty, and the
/// executor's R_exec.
/// </summary>
public sealed class RewardAssembler
{
    /// <summary>Creates an assembler; the weights are validated once, here.</summary>
    public RewardAssembler(RewardWeights weights) => Weights = weights.Validate();

    /// <summary>The weights in use.</summary>
    public RewardWeights Weights { get; }

    /// <summary>
    /// R_plan = mean_k[w_v·S_video(k) + w_j·S_judge] − w_f·(1 − f) over the K videos the plan led to (S_judge is one
    /// score per plan, so it could come out of the mean; it stays inside to read like the paper's formula).
    /// </summary>
    /// <param name="videoScores">S_video of each of the plan's K continuations (at least one).</param>
    /// <param name="planScore">S_judge of the plan.</param>
    /// <param name="formatScore">f ∈ {0, 0.5, 1} from the plan parser.</param>
    public double PlanReward(IReadOnlyList<JudgeScore> videoScores, JudgeScore planScore, double formatScore)
    {
        if (videoScores.Count == 0) throw new ArgumentException("R_plan needs the S_video of at least one video");
        if (!double.IsFinite(formatScore) || formatScore is < 0 or > 1) throw new ArgumentException($"format score must be in [0, 1], got {formatScore}");
        double mean = videoScores.Average(v => Weights.PlanVideo * v.Total + Weights.PlanJudge * planScore.Total);
        return mean - Weights.FormatPenalty * (1 - formatScore);
    }

    /// <summary>R_exec = w_l·S_local + w_a·S_aes for one continuation.</summary>
    public double ExecReward(JudgeScore localScore, JudgeScore aestheticScore) =>
        Weights.ExecLocal * localScore.Total + Weights.ExecAesthetic * aestheticScore.Total;
}
