namespace TempAct.Training.Scoring;

/// <summary>One epoch's rewards: per plan (by <see cref="Exploration.PlanRollout.Id"/>) R_plan and S_judge; per execution
/// group and row, each continuation's scores and R_exec.</summary>
/// <param name="PlanRewards">R_plan of every plan.</param>
/// <param name="PlanJudge">S_judge of every plan.</param>
/// <param name="Continuations">[group][row] scores.</param>
public sealed record EpochRewards(double[] PlanRewards, double[] PlanJudge, ContinuationScore[][] Continuations);
