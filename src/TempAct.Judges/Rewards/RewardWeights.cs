namespace TempAct.Judges.Rewards;

/// <summary>
/// Every weight of TempAct's hierarchical rewards, as configuration:
/// R_plan = mean_k[0.85·S_video + 0.15·S_judge] − 0.5·(1 − f) and R_exec = 0.6·S_local + 0.4·S_aes, plus the judges'
/// own sub-score weights. Defaults are TempAct's.
/// </summary>
public sealed record RewardWeights
{
    /// <summary>Sub-score weights of S_video.</summary>
    public VideoJudgeWeights Video { get; init; } = new();

    /// <summary>Sub-score weights of S_judge.</summary>
    public PlanJudgeWeights Plan { get; init; } = new();

    /// <summary>Sub-score weights of S_local.</summary>
    public StepJudgeWeights Step { get; init; } = new();

    /// <summary>Weight of S_video in R_plan: the plan is judged mostly by the videos it leads to.</summary>
    public double PlanVideo { get; init; } = 0.85;

    /// <summary>Weight of S_judge in R_plan: a direct check of the plan text against the instruction.</summary>
    public double PlanJudge { get; init; } = 0.15;

    /// <summary>Penalty per unit of missing format score f (f = 1 valid, 0.5 repaired, 0 unparseable).</summary>
    public double FormatPenalty { get; init; } = 0.5;

    /// <summary>Weight of S_local in R_exec: following the new step prompt right after the switch.</summary>
    public double ExecLocal { get; init; } = 0.6;

    /// <summary>Weight of S_aes in R_exec: regularises visual quality, as PickScore does in TempAct.</summary>
    public double ExecAesthetic { get; init; } = 0.4;

    /// <summary>TempAct's weights.</summary>
    public static RewardWeights Default { get; } = new();

    /// <summary>Checks every weight; throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public RewardWeights Validate()
    {
        Video.Validate(); Plan.Validate(); Step.Validate();
        CheckSimplex("plan reward", (nameof(PlanVideo), PlanVideo), (nameof(PlanJudge), PlanJudge));
        CheckWeight("plan reward", nameof(FormatPenalty), FormatPenalty);
        CheckSimplex("executor reward", (nameof(ExecLocal), ExecLocal), (nameof(ExecAesthetic), ExecAesthetic));
        return this;
    }

    /// <summary>Throws when a weight is negative or not finite.</summary>
    internal static void CheckWeight(string group, string name, double w)
    {
        if (!double.IsFinite(w) || w < 0) throw new ArgumentException($"{group} weight {name} must be a finite number ≥ 0, got {w}");
    }

    /// <summary>Throws when a weight is bad or the weights do not sum to 1 (so a total of [0, 1] scores stays in [0, 1]).</summary>
    internal static void CheckSimplex(string group, params (string Name, double Weight)[] weights)
    {
        foreach (var (name, w) in weights) CheckWeight(group, name, w);
        double sum = weights.Sum(w => w.Weight);
        if (Math.Abs(sum - 1) > 1e-9)
            throw new ArgumentException($"{group} weights {string.Join(" + ", weights.Select(w => w.Name))} must sum to 1, they sum to {sum}");
    }
}
