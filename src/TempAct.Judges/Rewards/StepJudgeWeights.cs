namespace TempAct.Judges.Rewards;

/// <summary>
/// Weights of S_local, TempAct's step-following judge on the window after a prompt switch:
/// 0.15·subject + 0.15·scene + 0.2·action + 0.2·object_reasonability + 0.3·final.
/// </summary>
/// <param name="Subject">Weight of "the step's subject is there".</param>
/// <param name="Scene">Weight of "the other objects stay as they were".</param>
/// <param name="Action">Weight of "the step's action happens, promptly and alone".</param>
/// <param name="ObjectReasonability">Weight of the window's physical plausibility.</param>
/// <param name="Final">Weight of the subject's end state in the window.</param>
public sealed record StepJudgeWeights(double Subject = 0.15, double Scene = 0.15, double Action = 0.2, double ObjectReasonability = 0.2, double Final = 0.3)
{
    /// <summary>The weighted sum of the sub-scores named in <see cref="SubScoreNames.Step"/>.</summary>
    public double Total(IReadOnlyDictionary<string, double> s) =>
        Subject * s[SubScoreNames.Subject] + Scene * s[SubScoreNames.Scene] + Action * s[SubScoreNames.Action]
        + ObjectReasonability * s[SubScoreNames.ObjectReasonability] + Final * s[SubScoreNames.Final];

    /// <summary>Throws <see cref="ArgumentException"/> naming the field when a weight is negative or they do not sum to 1.</summary>
    public void Validate() => RewardWeights.CheckSimplex("step judge", (nameof(Subject), Subject), (nameof(Scene), Scene),
        (nameof(Action), Action), (nameof(ObjectReasonability), ObjectReasonability), (nameof(Final), Final));
}
