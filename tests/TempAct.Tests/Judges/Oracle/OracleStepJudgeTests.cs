using TempAct.Judges;
using TempAct.Judges.Oracle;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;
using Xunit.Abstractions;

namespace TempAct.Tests.Judges.Oracle;

public sealed class OracleStepJudgeTests(ITestOutputHelper output)
{
    private readonly OracleStepJudge judge = new();

    /// <summary>The window of step 1 (turns blue), which begins at the switch at frame 12.</summary>
    private static JudgeScore Turn(OracleStepJudge j, TempAct.World.Rendering.Video v) =>
        j.Score(v, JudgeScenarios.StepWindow(JudgeScenarios.Instruction, JudgeScenarios.Frames, 1), "red circle turns blue");

    [Fact]
    public void GroundTruth_EveryStepAfterASwitch_ScoresAtLeast095()
    {
        var rng = new Random(3);
        var totals = new List<double>();
        for (int i = 0; i < 24; i++)
        {
            int events = 2 + i % 5, frames = i % 2 == 0 ? 12 * events : 6 * events;
            var instruction = InstructionGenerator.Generate(rng, events);
            var video = JudgeScenarios.Render(instruction.Scene, instruction.Events, frames);
            var timed = EventTiming.Assign(instruction.Events, frames);
            for (int m = 1; m < timed.Count; m++)
            {
                var score = judge.Score(video, timed[m].Span, StepPrompt.Canonical(timed[m].Event));
                Assert.True(score.Total >= 0.95, $"{instruction.Text} step {m} ({frames} frames): {score}");
                totals.Add(score.Total);
            }
        }
        output.WriteLine($"{totals.Count} ground-truth step windows: min S_local {totals.Min():0.000}, mean {totals.Average():0.000}");
        Assert.True(Turn(judge, JudgeScenarios.GroundTruth()).Total >= 0.95);
    }

    [Fact]
    public void WrongOrder_TheWindowShowsAnotherAction_AndScoresLow()
    {
        var score = Turn(judge, JudgeScenarios.WrongOrder());
        output.WriteLine($"wrong order, step 'turns blue': {score}");
        Assert.Equal(0, score[SubScoreNames.Action]);
        Assert.True(score.Total < 0.8, score.ToString());
    }

    [Fact]
    public void MissingEvent_TheActionNeverComes_AndScoresLow()
    {
        var score = Turn(judge, JudgeScenarios.MissingEvent());
        output.WriteLine($"missing event, step 'turns blue': {score}");
        Assert.Equal(0, score[SubScoreNames.Action]);
        Assert.True(score[SubScoreNames.Final] < 0.95 && score.Total < 0.8, score.ToString());
    }

    [Fact]
    public void BlendedTransition_PreviousActionCarriesOver_AndScoresLow()
    {
        var score = Turn(judge, JudgeScenarios.Blended());
        output.WriteLine($"blended transition, step 'turns blue': {score}");
        Assert.True(score[SubScoreNames.Action] <= 0.5, score.ToString());
        Assert.True(score.Total < 0.85, score.ToString());
    }

    [Fact]
    public void DelayedReaction_IsPenalisedButStillCounted()
    {
        // The turn starts 8 frames after the switch at frame 12 (slack is 3 frames).
        var e = JudgeScenarios.Instruction.Events;
        var late = JudgeScenarios.RenderOverlapping(JudgeScenarios.Instruction.Scene, [(e[0], 0, 5), (e[1], 20, 3), (e[2], 24, 5)], JudgeScenarios.Frames);
        var score = Turn(judge, late);
        output.WriteLine($"delayed by 8 frames: {score}");
        Assert.InRange(score[SubScoreNames.Action], 0.5, 0.9);
    }

    [Theory]
    [InlineData(0, 5)] // slides right, still moving when the window ends
    [InlineData(1, 3)] // turns blue, its last frames outside the window
    [InlineData(2, 5)] // jumps: cut at the window's end it would look like a move up
    public void ReactionStartingLateInTheWindow_IsRecognisedFromTheFramesAfterIt(int eventIndex, int active)
    {
        // RL's window is two chunks: [12, 18). The step's event starts at frame 16 (4 frames late) and ends after the
        // window; the judge must still see which event it is (onset inside the window, its end after it).
        var e = JudgeScenarios.Instruction.Events;
        var events = new List<(WorldEvent, int, int)>();
        if (eventIndex != 0) events.Add((e[0], 0, 5));
        events.Add((e[eventIndex], 16, active));
        var video = JudgeScenarios.RenderOverlapping(JudgeScenarios.Instruction.Scene, events, JudgeScenarios.Frames);
        var score = judge.Score(video, new FrameSpan(12, 18), StepPrompt.Canonical(e[eventIndex]));
        output.WriteLine($"{StepPrompt.Canonical(e[eventIndex])} from frame 16: {score}");
        Assert.InRange(score[SubScoreNames.Action], 0.5, 0.9);
    }

    [Fact]
    public void UnparseablePrompt_ScoresZeroOnSubjectActionAndFinal()
    {
        var score = judge.Score(JudgeScenarios.GroundTruth(), new FrameSpan(12, 24), "red circle moves right and turns blue");
        Assert.Equal(0, score[SubScoreNames.Subject] + score[SubScoreNames.Action] + score[SubScoreNames.Final]);
    }

    [Fact]
    public void WindowOutsideTheVideo_IsAJudgeInputException() =>
        Assert.Throws<JudgeInputException>(() => judge.Score(JudgeScenarios.GroundTruth(), new FrameSpan(30, 40), "red circle jumps"));
}
