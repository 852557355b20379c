namespace TempAct.Judges.Rewards;

/// <summary>
/// Weights of S_video, TempAct's full-video temporal judge:
/// 0.2·mean(frame scores) + 0.3·final + 0.2·temporal_order + 0.1·physical_plausibility + 0.1·visual_consistency
/// + 0.1·prompt_alignment. They sum to 1 so the total stays in [0, 1].
/// </summary>
/// <param name="FrameScores">Weight of the mean per-frame score (is every sampled frame where the instruction's progress puts it).</param>
/// <param name="Final">Weight of the end state; the largest, as in TempAct, because it is what the instruction asks for.</param>
/// <param name="TemporalOrder">Weight of the events' order: the point of temporal instruction following.</param>
/// <param name="PhysicalPlausibility">Weight of the absence of teleports, flicker, broken shapes and debris.</param>
/// <param name="VisualConsistency">Weight of identities kept over the video.</param>
/// <param name="PromptAlignment">Weight of "shows the instruction's events and nothing else".</param>
public sealed record VideoJudgeWeights(
    double FrameScores = 0.2, double Final = 0.3, double TemporalOrder = 0.2,
    double PhysicalPlausibility = 0.1, double VisualConsistency = 0.1, double PromptAlignment = 0.1)
{
    /// <summary>The weighted sum of the sub-scores named in <see cref="SubScoreNames.Video"/>.</summary>
    public double Total(IReadOnlyDictionary<string, double> s) =>
        FrameScores * s[SubScoreNames.FrameScores] + Final * s[SubScoreNames.Final] + TemporalOrder * s[SubScoreNames.TemporalOrder]
        + PhysicalPlausibility * s[SubScoreNames.PhysicalPlausibility] + VisualConsistency * s[SubScoreNames.VisualConsistency]
        + PromptAlignment * s[SubScoreNames.PromptAlignment];

    /// <summary>Throws <see cref="ArgumentException"/> naming the field when a weight is negative or they do not sum to 1.</summary>
    public void Validate() => RewardWeights.CheckSimplex("video judge",
        (nameof(FrameScores), FrameScores), (nameof(Final), Final), (nameof(TemporalOrder), TemporalOrder),
        (nameof(PhysicalPlausibility), PhysicalPlausibility), (nameof(VisualConsistency), VisualConsistency),
        (nameof(PromptAlignment), PromptAlignment));
}
