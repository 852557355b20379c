using TempAct.Judges;
using TempAct.Judges.Oracle;
using TempAct.World.Language;
using Xunit.Abstractions;

namespace TempAct.Tests.Judges.Oracle;

public sealed class OracleVideoJudgeTests(ITestOutputHelper output)
{
    private readonly OracleVideoJudge judge = new();

    [Fact]
    public void GroundTruth_ScoresAtLeast095_OnEverySubScore()
    {
        var score = judge.Score(JudgeScenarios.GroundTruth(), JudgeScenarios.Instruction);
        output.WriteLine($"ground truth: {score}");
        Assert.True(score.Total >= 0.95, score.ToString());
        Assert.All(SubScoreNames.Video, name => Assert.True(score[name] >= 0.95, $"{name}: {score}"));
    }

    [Fact]
    public void GroundTruth_OfRandomInstructions_ScoresAtLeast095()
    {
        var rng = new Random(11);
        var totals = new List<double>();
        for (int i = 0; i < 30; i++)
        {
            int events = 1 + i % 6, frames = i % 2 == 0 ? 12 * events : 6 * events; // eval spans (12) and training spans (6)
            var instruction = InstructionGenerator.Generate(rng, events);
            var score = judge.Score(JudgeScenarios.Render(instruction.Scene, instruction.Events, frames), instruction);
            Assert.True(score.Total >= 0.95, $"{instruction.Text} ({frames} frames): {score}");
            totals.Add(score.Total);
        }
        output.WriteLine($"30 ground-truth videos: min S_video {totals.Min():0.000}, mean {totals.Average():0.000}");
    }

    [Fact]
    public void WrongOrder_DropsTheScore_ThroughTemporalOrder()
    {
        var gt = judge.Score(JudgeScenarios.GroundTruth(), JudgeScenarios.Instruction);
        var wrong = judge.Score(JudgeScenarios.WrongOrder(), JudgeScenarios.Instruction);
        output.WriteLine($"wrong order: {wrong}");
        Assert.True(wrong.Total < 0.95 && wrong.Total < gt.Total - 0.05, wrong.ToString());
        Assert.True(wrong[SubScoreNames.TemporalOrder] < 0.7, wrong.ToString()); // 1 of 3 pairs swapped
    }

    [Fact]
    public void MissingEvent_DropsTheScore_ThroughFinalAndAlignment()
    {
        var gt = judge.Score(JudgeScenarios.GroundTruth(), JudgeScenarios.Instruction);
        var missing = judge.Score(JudgeScenarios.MissingEvent(), JudgeScenarios.Instruction);
        output.WriteLine($"missing event: {missing}");
        Assert.True(missing.Total < 0.9 && missing.Total < gt.Total - 0.1, missing.ToString());
        Assert.True(missing[SubScoreNames.Final] < 0.95, missing.ToString());          // the circle ends red, not blue
        Assert.True(missing[SubScoreNames.PromptAlignment] < 0.7, missing.ToString()); // 2 of 3 events shown
    }

    [Fact]
    public void BlendedTransition_DropsTheScore()
    {
        var gt = judge.Score(JudgeScenarios.GroundTruth(), JudgeScenarios.Instruction);
        var blended = judge.Score(JudgeScenarios.Blended(), JudgeScenarios.Instruction);
        output.WriteLine($"blended transition: {blended}");
        Assert.True(blended.Total < 0.9 && blended.Total < gt.Total - 0.1, blended.ToString());
        Assert.True(blended[SubScoreNames.TemporalOrder] < 1, blended.ToString());
    }

    [Fact]
    public void LateButOrderedEvents_AreNotPenalised_ByFrameScoresOrOrder()
    {
        // Every event starts 3 frames late (the timing the instruction does not fix): temporal following is intact.
        var e = JudgeScenarios.Instruction.Events;
        var late = JudgeScenarios.RenderOverlapping(JudgeScenarios.Instruction.Scene, [(e[0], 3, 5), (e[1], 15, 3), (e[2], 27, 5)], JudgeScenarios.Frames);
        var score = judge.Score(late, JudgeScenarios.Instruction);
        output.WriteLine($"late by 3 frames: {score}");
        Assert.True(score.Total >= 0.95, score.ToString());
    }

    [Fact]
    public void NoisyGroundTruth_StillScoresHigh()
    {
        var video = JudgeScenarios.GroundTruth();
        var rng = new Random(2);
        var noisy = video.Data.Select(v => Math.Clamp(v + (float)(0.05 * (rng.NextDouble() + rng.NextDouble() + rng.NextDouble() - 1.5) * 2), -1f, 1f)).ToArray();
        var score = judge.Score(new TempAct.World.Rendering.Video(video.Frames, video.Height, video.Width, noisy), JudgeScenarios.Instruction);
        output.WriteLine($"ground truth + noise: {score}");
        Assert.True(score.Total >= 0.9, score.ToString());
    }

    [Fact]
    public void DegenerateVideos_ScoreLow_SoTheyCannotBeRewardHacked()
    {
        var gt = JudgeScenarios.GroundTruth();
        int per = 3 * gt.Height * gt.Width;
        var still = new float[gt.Data.Length];
        for (int t = 0; t < gt.Frames; t++) Array.Copy(gt.Data, 0, still, t * per, per); // frame 0 forever
        var rng = new Random(4);
        var noise = gt.Data.Select(_ => (float)(2 * rng.NextDouble() - 1)).ToArray();
        var blank = Enumerable.Repeat(-0.88f, gt.Data.Length).ToArray();
        foreach (var (name, data) in new[] { ("still", still), ("noise", noise), ("blank", blank) })
        {
            var score = judge.Score(new TempAct.World.Rendering.Video(gt.Frames, gt.Height, gt.Width, data), JudgeScenarios.Instruction);
            output.WriteLine($"{name}: {score}");
            Assert.True(score.Total < 0.6, $"{name}: {score}");
        }
    }

    [Fact]
    public async Task BatchCall_ReturnsOneScorePerItem_InOrder()
    {
        var ins = JudgeScenarios.Instruction;
        var scores = await judge.ScoreAsync([new(JudgeScenarios.GroundTruth(), ins), new(JudgeScenarios.MissingEvent(), ins), new(JudgeScenarios.GroundTruth(), ins)]);
        Assert.Equal(3, scores.Count);
        Assert.Equal(scores[0].Total, scores[2].Total);
        Assert.True(scores[1].Total < scores[0].Total);
    }

    [Fact]
    public void TooShortVideo_IsAJudgeInputException()
    {
        var video = JudgeScenarios.GroundTruth().Slice(0, 6);
        var e = Assert.Throws<JudgeInputException>(() => judge.Score(video, JudgeScenarios.Instruction));
        Assert.Contains("6-frame", e.Message);
    }
}
