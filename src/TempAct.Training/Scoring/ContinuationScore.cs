namespace TempAct.Training.Scoring;

/// <summary>What the judges said of one continuation.</summary>
/// <param name="SVideo">S_video of the whole video against the instruction (feeds R_plan).</param>
/// <param name="SLocal">S_local of the window [b, b + 2) under step k's prompt.</param>
/// <param name="SAes">S_aes of the window's frames.</param>
/// <param name="Action">S_local's action sub-score (did the new step's action start, promptly and alone).</param>
/// <param name="Onset">True when the step is an action (not a stay) and its event starts inside the window.</param>
/// <param name="ActionStep">True when step k is an action (not a stay): the onset rate counts these only.</param>
/// <param name="RExec">R_exec = w_l·S_local + w_a·S_aes (− λ·blend with a blend penalty).</param>
/// <param name="Blend">Share of the window's frames where a change begun before the switch is still under way; NaN when
/// not measured (no blend penalty).</param>
public sealed record ContinuationScore(double SVideo, double SLocal, double SAes, double Action, bool Onset, bool ActionStep, double RExec,
    double Blend = double.NaN);
