namespace TempAct.Judges.Rewards;

/// <summary>
/// Weights of S_judge, TempAct's plan judge (SPEC §3.3): clip(0.4·F + 0.25·C + 0.25·T − 0.3·H, 0, 1) with faithfulness F,
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

    /// <summary>Throws <see cref="ArgumentException"/> naming the field when a weight is negative or the positive ones do not sum to 1.</summary>
    public void Validate()
    {
        RewardWeights.CheckSimplex("plan judge", (nameof(Faithfulness), Faithfulness), (nameof(Coverage), Coverage), (nameof(TemporalOrder), TemporalOrder));
        RewardWeights.CheckWeight("plan judge", nameof(Hallucination), Hallucination);
    }
}
