using TempAct.Judges;
using TempAct.Judges.Rewards;

namespace TempAct.Tests.Judges.Rewards;

public sealed class RewardAssemblerTests
{
    private static JudgeScore Total(double total) => new(total, new Dictionary<string, double>());

    [Fact]
    public void PlanReward_MatchesTheHandComputedValue()
    {
        // mean_k[0.85·S_video + 0.15·S_judge] = mean[0.85·0.8 + 0.135, 0.85·0.6 + 0.135] = mean[0.815, 0.645] = 0.73;
        // format penalty 0.5·(1 − 0.5) = 0.25 → 0.48.
        double r = new RewardAssembler(RewardWeights.Default).PlanReward([Total(0.8), Total(0.6)], Total(0.9), 0.5);
        Assert.Equal(0.48, r, 12);
    }

    [Fact]
    public void PlanReward_ValidPlan_HasNoPenalty_AndUnparseableLosesHalf()
    {
        var a = new RewardAssembler(RewardWeights.Default);
        Assert.Equal(0.85 * 0.5 + 0.15 * 0.4, a.PlanReward([Total(0.5)], Total(0.4), 1), 12);
        Assert.Equal(0.85 * 0.5 + 0.15 * 0.4 - 0.5, a.PlanReward([Total(0.5)], Total(0.4), 0), 12);
    }

    [Fact]
    public void ExecReward_MatchesTheHandComputedValue()
    {
        // 0.6·0.7 + 0.4·0.9 = 0.42 + 0.36 = 0.78.
        Assert.Equal(0.78, new RewardAssembler(RewardWeights.Default).ExecReward(Total(0.7), Total(0.9)), 12);
    }

    [Fact]
    public void ExecReward_WithoutTheAestheticTerm_IsTheLocalScore()
    {
        var noAesthetic = new RewardAssembler(RewardWeights.Default with { ExecLocal = 1, ExecAesthetic = 0 });
        Assert.Equal(0.7, noAesthetic.ExecReward(Total(0.7), Total(0.1)), 12);
    }

    [Fact]
    public void VideoJudgeWeights_Total_MatchesTheHandComputedValue()
    {
        var s = new Dictionary<string, double>
        {
            [SubScoreNames.FrameScores] = 0.5, [SubScoreNames.Final] = 1, [SubScoreNames.TemporalOrder] = 0.5,
            [SubScoreNames.PhysicalPlausibility] = 1, [SubScoreNames.VisualConsistency] = 1, [SubScoreNames.PromptAlignment] = 0,
        };
        // 0.2·0.5 + 0.3·1 + 0.2·0.5 + 0.1·1 + 0.1·1 + 0.1·0 = 0.1 + 0.3 + 0.1 + 0.1 + 0.1 = 0.7.
        Assert.Equal(0.7, new VideoJudgeWeights().Total(s), 12);
    }

    [Fact]
    public void PlanJudgeWeights_Total_IsClipped()
    {
        var s = new Dictionary<string, double> { [SubScoreNames.Faithfulness] = 1, [SubScoreNames.Coverage] = 1, [SubScoreNames.TemporalOrder] = 1, [SubScoreNames.Hallucination] = 0.5 };
        Assert.Equal(0.4 + 0.25 + 0.25 - 0.15, new PlanJudgeWeights().Total(s), 12); // 0.75
        var bad = new Dictionary<string, double> { [SubScoreNames.Faithfulness] = 0, [SubScoreNames.Coverage] = 0.2, [SubScoreNames.TemporalOrder] = 0, [SubScoreNames.Hallucination] = 1 };
        Assert.Equal(0, new PlanJudgeWeights().Total(bad), 12); // 0.05 − 0.3 < 0 → 0
    }

    [Fact]
    public void StepJudgeWeights_Total_MatchesTheHandComputedValue()
    {
        var s = new Dictionary<string, double>
        {
            [SubScoreNames.Subject] = 1, [SubScoreNames.Scene] = 1, [SubScoreNames.Action] = 0.5, [SubScoreNames.ObjectReasonability] = 1, [SubScoreNames.Final] = 0,
        };
        // 0.15 + 0.15 + 0.2·0.5 + 0.2 + 0.3·0 = 0.6.
        Assert.Equal(0.6, new StepJudgeWeights().Total(s), 12);
    }

    [Fact]
    public void Weights_ThatDoNotSumToOne_AreRejected_NamingTheGroup()
    {
        var e = Assert.Throws<ArgumentException>(() => new RewardAssembler(RewardWeights.Default with { PlanVideo = 0.9 }));
        Assert.Contains("plan reward", e.Message);
        Assert.Throws<ArgumentException>(() => new RewardAssembler(RewardWeights.Default with { Video = new VideoJudgeWeights(Final: 0.5) }));
        Assert.Throws<ArgumentException>(() => new RewardAssembler(RewardWeights.Default with { FormatPenalty = -1 }));
    }

    [Fact]
    public void PlanReward_RejectsAFormatScoreOutsideZeroToOne() =>
        Assert.Throws<ArgumentException>(() => new RewardAssembler(RewardWeights.Default).PlanReward([Total(1)], Total(1), 2));
}
