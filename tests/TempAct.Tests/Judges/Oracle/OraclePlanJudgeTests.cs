using TempAct.Judges;
using TempAct.Judges.Oracle;
using TempAct.Judges.Rewards;
using TempAct.World.Language;
using TempAct.World.Plans;
using Xunit.Abstractions;

namespace TempAct.Tests.Judges.Oracle;

public sealed class OraclePlanJudgeTests(ITestOutputHelper output)
{
    private readonly OraclePlanJudge judge = new();
    private static readonly double Ceiling = new PlanJudgeWeights().MaxTotal; // 0.9: TempAct's 0.4 + 0.25 + 0.25

    private static StepPlan Plan(params (string Prompt, int Chunks)[] steps)
    {
        int start = 0;
        var list = steps.Select((s, i) => { var step = new PlanStep(i, s.Prompt, new ChunkSpan(start, start + s.Chunks)); start += s.Chunks; return step; }).ToList();
        return new StepPlan(list, start);
    }

    private static StepPlan Teacher => JudgeScenarios.TeacherPlan(JudgeScenarios.Instruction, JudgeScenarios.Frames);

    [Fact]
    public void TheFormulasCeiling_Is09_AsInTempAct() => Assert.Equal(0.9, Ceiling, 12);

    [Fact]
    public void GroundTruthPlans_ReachTheCeiling_AndEverySubScoreIsPerfect()
    {
        var rng = new Random(9);
        for (int i = 0; i < 30; i++)
        {
            int events = 1 + i % 6, frames = 12 * events;
            var instruction = InstructionGenerator.Generate(rng, events);
            var score = judge.Score(JudgeScenarios.TeacherPlan(instruction, frames), instruction);
            // S_judge ≥ 0.95 of what TempAct's formula can give (0.9): here exactly the ceiling.
            Assert.True(score.Total >= 0.95 * Ceiling, $"{instruction.Text}: {score}");
            Assert.True(score[SubScoreNames.Faithfulness] >= 0.95 && score[SubScoreNames.Coverage] == 1
                && score[SubScoreNames.TemporalOrder] == 1 && score[SubScoreNames.Hallucination] == 0, $"{instruction.Text}: {score}");
        }
        output.WriteLine($"teacher plan: {judge.Score(Teacher, JudgeScenarios.Instruction)}");
    }

    [Fact]
    public void WrongOrder_DropsTemporalOrder()
    {
        var score = judge.Score(Plan(("red circle turns blue", 4), ("red circle moves right", 4), ("red circle jumps", 4)), JudgeScenarios.Instruction);
        output.WriteLine($"wrong order: {score}");
        Assert.Equal(2.0 / 3, score[SubScoreNames.TemporalOrder], 9);
        Assert.True(score.Total < 0.95 * Ceiling, score.ToString());
    }

    [Fact]
    public void MissingEvent_DropsCoverage()
    {
        var score = judge.Score(Plan(("red circle moves right", 6), ("red circle jumps", 6)), JudgeScenarios.Instruction);
        output.WriteLine($"missing event: {score}");
        Assert.Equal(2.0 / 3, score[SubScoreNames.Coverage], 9);
        Assert.True(score.Total < 0.95 * Ceiling, score.ToString());
    }

    [Fact]
    public void BlendedStep_TwoEventsInOnePrompt_IsNeitherFaithfulNorCovering()
    {
        var score = judge.Score(Plan(("red circle moves right and turns blue", 8), ("red circle jumps", 4)), JudgeScenarios.Instruction);
        output.WriteLine($"blended step: {score}");
        Assert.Equal(0.5, score[SubScoreNames.Hallucination], 9);
        Assert.True(score.Total < 0.5, score.ToString());
    }

    [Fact]
    public void SlowEvent_InASpanTooShortForIt_HalvesItsFaithfulness()
    {
        var instruction = InstructionParser.Parse("A red circle rests on the left. It slowly slides to the right, then it jumps.");
        var tooShort = judge.Score(Plan(("red circle slowly moves right", 2), ("red circle jumps", 6)), instruction); // 6 frames < 11
        var roomy = judge.Score(Plan(("red circle slowly moves right", 4), ("red circle jumps", 4)), instruction);   // 12 frames ≥ 11
        output.WriteLine($"slow move in 2 chunks: {tooShort}; in 4 chunks: {roomy}");
        Assert.Equal(0.75, tooShort[SubScoreNames.Faithfulness], 9);
        Assert.Equal(1, roomy[SubScoreNames.Faithfulness], 9);
        Assert.Equal(11, OraclePlanJudge.RequiredFrames(instruction.Events[0]));
    }

    [Fact]
    public void InventedStep_CountsAsHallucination()
    {
        var score = judge.Score(Plan(("red circle moves right", 3), ("red circle turns blue", 3), ("green square jumps", 3), ("red circle jumps", 3)), JudgeScenarios.Instruction);
        Assert.Equal(0.25, score[SubScoreNames.Hallucination], 9);
        Assert.Equal(1, score[SubScoreNames.Coverage], 9);
    }
}
