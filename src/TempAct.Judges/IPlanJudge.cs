namespace TempAct.Judges;

/// <summary>S_judge(plan, instruction): the plan judge, scoring a batch at once.</summary>
public interface IPlanJudge
{
    /// <summary>Scores every item; one <see cref="JudgeScore"/> per item with the sub-scores of <see cref="SubScoreNames.Plan"/>.</summary>
    Task<IReadOnlyList<JudgeScore>> ScoreAsync(IReadOnlyList<PlanJudgeItem> items, CancellationToken cancellation = default);
}
