using TempAct.Training.Update;

namespace TempAct.Training.Metrics;

/// <summary>
/// Everything logged for one epoch (metrics.csv, metrics.jsonl, TensorBoard): rewards and the judges' parts, the
/// diagnostics that say whether anything can be learned (zero-spread groups, the action sub-score and onset rate after
/// the switch apart from R_exec), how the update went (clip fraction and |r − 1| per step j, KL, gradient norm), how far
/// the adapters moved (‖ΔW‖/‖W‖) and seconds per phase.
/// </summary>
public sealed record EpochMetrics
{
    /// <summary>Epoch index (0-based).</summary>
    public int Epoch { get; init; }
    /// <summary>Optimizer steps taken after this epoch.</summary>
    public long Step { get; init; }
    /// <summary>k: the switch the branch point was this epoch.</summary>
    public int SwitchIndex { get; init; }
    /// <summary>Mean branch chunk b over the executed plans.</summary>
    public double BranchChunk { get; init; }
    /// <summary>Mean and standard deviation of R_plan over the epoch's plans.</summary>
    public double RPlan { get; init; }
    /// <inheritdoc cref="RPlan"/>
    public double RPlanStd { get; init; }
    /// <summary>Mean and standard deviation of R_exec over the epoch's continuations.</summary>
    public double RExec { get; init; }
    /// <inheritdoc cref="RExec"/>
    public double RExecStd { get; init; }
    /// <summary>Mean S_video, S_judge, S_local, S_aes, format score f, and the share of plans the executor could read.</summary>
    public double SVideo { get; init; }
    /// <inheritdoc cref="SVideo"/>
    public double SJudge { get; init; }
    /// <inheritdoc cref="SVideo"/>
    public double SLocal { get; init; }
    /// <inheritdoc cref="SVideo"/>
    public double SAes { get; init; }
    /// <inheritdoc cref="SVideo"/>
    public double Format { get; init; }
    /// <inheritdoc cref="SVideo"/>
    public double Executable { get; init; }
    /// <summary>S_local's action sub-score after the switch (mean), and the share of action steps whose event starts in
    /// the window: what the RL is for, measured apart from R_exec.</summary>
    public double Action { get; init; }
    /// <inheritdoc cref="Action"/>
    public double OnsetRate { get; init; }
    /// <summary>Mean share of the window's frames where a change begun before the switch is still under way
    /// (<see cref="Judges.Oracle.SwitchBlending"/>); NaN when <see cref="Config.RewardConfig.BlendPenalty"/> is 0 (not measured).</summary>
    public double Blend { get; init; } = double.NaN;
    /// <summary>Share of executor groups (K continuations) and of planner groups (G plans) whose rewards are all equal.</summary>
    public double ZeroSpreadK { get; init; }
    /// <inheritdoc cref="ZeroSpreadK"/>
    public double ZeroSpreadG { get; init; }
    /// <summary>The epoch std that scaled each kind of advantage, and the share of advantages clipped.</summary>
    public double ExecAdvStd { get; init; }
    /// <inheritdoc cref="ExecAdvStd"/>
    public double PlanAdvStd { get; init; }
    /// <inheritdoc cref="ExecAdvStd"/>
    public double ExecAdvClipped { get; init; }
    /// <inheritdoc cref="ExecAdvStd"/>
    public double PlanAdvClipped { get; init; }
    /// <summary>The update's losses and diagnostics (mean over the epoch's optimizer steps).</summary>
    public UpdateStats? Update { get; init; }
    /// <summary>‖ΔW‖/‖W‖ of the executor's and the planner's adapters after the epoch.</summary>
    public double DeltaWExecutor { get; init; }
    /// <inheritdoc cref="DeltaWExecutor"/>
    public double DeltaWPlanner { get; init; }
    /// <summary>Seconds per phase.</summary>
    public double SecondsPlanning { get; init; }
    /// <inheritdoc cref="SecondsPlanning"/>
    public double SecondsPrefix { get; init; }
    /// <inheritdoc cref="SecondsPlanning"/>
    public double SecondsContinuations { get; init; }
    /// <inheritdoc cref="SecondsPlanning"/>
    public double SecondsJudging { get; init; }
    /// <inheritdoc cref="SecondsPlanning"/>
    public double SecondsUpdate { get; init; }
    /// <inheritdoc cref="SecondsPlanning"/>
    public double SecondsEpoch { get; init; }

    /// <summary>Names of the timing columns (they differ between runs; everything else must not).</summary>
    public static bool IsTiming(string name) => name.StartsWith("seconds_", StringComparison.Ordinal);

    /// <summary>Every value as (snake_case name, number), in column order.</summary>
    public IReadOnlyList<(string Name, double Value)> Scalars()
    {
        var u = Update;
        return
        [
            ("epoch", Epoch), ("step", Step), ("switch_index", SwitchIndex), ("branch_chunk", BranchChunk),
            ("r_plan", RPlan), ("r_plan_std", RPlanStd), ("r_exec", RExec), ("r_exec_std", RExecStd),
            ("s_video", SVideo), ("s_judge", SJudge), ("s_local", SLocal), ("s_aes", SAes), ("format", Format), ("executable", Executable),
            ("action", Action), ("onset_rate", OnsetRate), ("blend", Blend), ("zero_spread_k", ZeroSpreadK), ("zero_spread_g", ZeroSpreadG),
            ("exec_adv_std", ExecAdvStd), ("plan_adv_std", PlanAdvStd), ("exec_adv_clipped", ExecAdvClipped), ("plan_adv_clipped", PlanAdvClipped),
            ("exec_loss", u?.ExecutorLoss ?? double.NaN), ("exec_kl", u?.ExecutorKl ?? double.NaN),
            ("clip_j0", u?.ClipFraction[0] ?? double.NaN), ("clip_j1", u?.ClipFraction[1] ?? double.NaN), ("clip_j2", u?.ClipFraction[2] ?? double.NaN),
            ("ratio_dev_j0", u?.RatioDeviation[0] ?? double.NaN), ("ratio_dev_j1", u?.RatioDeviation[1] ?? double.NaN), ("ratio_dev_j2", u?.RatioDeviation[2] ?? double.NaN),
            ("plan_loss", u?.PlannerLoss ?? double.NaN), ("plan_kl", u?.PlannerKl ?? double.NaN), ("gspo_clip", u?.PlannerClipFraction ?? double.NaN),
            ("gspo_ratio_dev", u?.PlannerRatioDeviation ?? double.NaN), ("grad_norm", u?.GradNorm ?? double.NaN), ("kl_applied", u is { KlApplied: true } ? 1 : 0),
            ("delta_w_exec", DeltaWExecutor), ("delta_w_planner", DeltaWPlanner),
            ("seconds_planning", SecondsPlanning), ("seconds_prefix", SecondsPrefix), ("seconds_continuations", SecondsContinuations),
            ("seconds_judging", SecondsJudging), ("seconds_update", SecondsUpdate), ("seconds_epoch", SecondsEpoch),
        ];
    }
}
