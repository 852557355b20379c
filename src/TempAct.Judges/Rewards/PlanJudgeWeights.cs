namespace TempAct.Judges.Rewards;

/// <summary>
/// Weights of S_judge, TempAct's plan judge: clip(0.4·F + 0.25·C + 0.25·T − 0.3·H, 0, 1) with faithfulness F,
/// coverage C, temporal order T and hallucination H.
/// </summary>
/// <param name="Faithfulness">Weight of F: the steps say what the instruction says.</param>
/// <param name="Coverage">Weight of C: every event of the instruction has a step.</param>
/// <param name="TemporalOrder">Weight of T: the steps keep the instruction's order.</param>
/// <param name="Hallucination">Penalty weight of H: steps that invent content.</param>
public sealed record PlanJudgeWeights(double Faithfulness = 0.4, double Coverage = 0.25, double TemporalOrder = 0.25, double Hallucination = 0.3)
{
    /// <summary>clip(F·wF + C·wC + T·wT − H·wH, 0, 1) from the sub-scores named in <see cref="SubScoreNames.Plan"/>.</summary>
    public double Total(IReadOnlyDictionary<string, double> s) => Math.Clamp(
        Faithfulness * s[SubScoreNames.Faithfulness] + Coverage * s[SubScoreNames.Coverage]
        + TemporalOrder * s[SubScoreNames.TemporalOrder] - Hallucination * s[SubScoreNames.Hallucination], 0, 1);

    /// <summary>The highest total a plan can get: F = C = T = 1, H = 0. With TempAct's weights 0.9, not 1 — a perfect
    /// plan scores 0.9 (the paper's formula, kept as is).</summary>
    public double MaxTotal => Math.Min(1, Faithfulness + Coverage + TemporalOrder);

    /// <summary>Throws <see cref="ArgumentException"/> naming the field when a weight is negative or not finite
    /// (TempAct's positive weights sum to 0.9, so no sum is imposed).</summary>
    public void Validate()
    {
        foreach (var (name, v) in new[] { (nameof(Faithfulness), Faithfulness), (nameof(Coverage), Coverage),
                     (nameof(TemporalOrder), TemporalOrder), (nameof(Hallucination), Hallucination) })
            RewardWeights.CheckWeight("plan judge", name, v);
    }
}
