namespace TempAct.Judges;

/// <summary>S_local(window, step prompt): the step-following judge on the frames of the step that starts at a switch
///, scoring a batch at once.</summary>
public interface IStepJudge
{
    /// <summary>Scores every item; one <see cref="JudgeScore"/> per item with the sub-scores of <see cref="SubScoreNames.Step"/>.</summary>
    Task<IReadOnlyList<JudgeScore>> ScoreAsync(IReadOnlyList<StepJudgeItem> items, CancellationToken cancellation = default);
}
