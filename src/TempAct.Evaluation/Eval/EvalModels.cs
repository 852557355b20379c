using TempAct.Judges;
using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.Training.Config;

namespace TempAct.Evaluation.Eval;

/// <summary>An RL-trained folder's networks (models/tempact, or an ablation arm's): its planner and executor, and how its
/// executor was trained (from the folder's manifest).</summary>
/// <param name="Planner">The RL-trained planner.</param>
/// <param name="Executor">The RL-trained executor.</param>
/// <param name="LookAhead">Whether the executor was trained on "s_m ; s_{m+1}" chunk prompts (it is prompted so).</param>
/// <param name="TrainedSwitch">The switch mode it was trained with (a run may use another: --switch).</param>
public sealed record TrainedNetworks(IPlanner Planner, ExecutorTransformer Executor, bool LookAhead = false, SwitchMode TrainedSwitch = SwitchMode.None);

/// <summary>What one mode runs on: its planner (none for single), its executor and whether chunk prompts look ahead.</summary>
/// <param name="Planner">The planner; null for single.</param>
/// <param name="Executor">The executor.</param>
/// <param name="LookAhead">Whether step m is prompted "s_m ; s_{m+1}".</param>
public sealed record ModeNetworks(IPlanner? Planner, ExecutorTransformer Executor, bool LookAhead);

/// <summary>The networks an `eval` run needs, loaded by the caller (the CLI) and owned by it. A mode whose networks are
/// missing cannot run.</summary>
/// <param name="BaseExecutor">The base executor of the single and step modes.</param>
/// <param name="Aesthetic">The learned aesthetic scorer (the aesthetic metric).</param>
/// <param name="StepPlanner">The cold-start planner of the step mode.</param>
/// <param name="Trained">The RL-trained folders' networks by <see cref="EvalMode.Base"/>: "tempact" and the arms'
/// names ("flat", "uniform-spans", …).</param>
public sealed record EvalModels(ExecutorTransformer BaseExecutor, IAestheticScorer Aesthetic, IPlanner? StepPlanner = null,
    IReadOnlyDictionary<string, TrainedNetworks>? Trained = null)
{
    /// <summary>The networks of <paramref name="mode"/> and whether its chunk prompts look ahead;
    /// <see cref="ArgumentException"/> when they were not given.</summary>
    public ModeNetworks For(EvalMode mode)
    {
        if (!mode.Plans) return new(null, BaseExecutor, false);
        if (!mode.Trained) return new(StepPlanner ?? throw new ArgumentException("the step mode needs the cold-start planner"), BaseExecutor, false);
        var t = Trained?.GetValueOrDefault(mode.Base) ?? throw new ArgumentException($"the {mode.Name} mode needs the RL-trained networks of '{mode.Base}'");
        // The look-ahead arm is prompted as it was trained, whatever its manifest says (the CLI refuses a folder whose
        // manifest disagrees); any other RL-trained folder as its manifest says.
        return new(t.Planner, t.Executor, t.LookAhead || mode.Arm.HasFlag(Ablation.LookAhead));
    }
}
