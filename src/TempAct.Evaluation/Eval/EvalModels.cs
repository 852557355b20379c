using TempAct.Judges;
using TempAct.Models.Executor;
using TempAct.Models.Planner;

namespace TempAct.Evaluation.Eval;

/// <summary>The networks an `eval` run needs, loaded by the caller (the CLI) and owned by it. A mode whose networks are
/// null cannot run.</summary>
/// <param name="BaseExecutor">The base executor of the single and step modes.</param>
/// <param name="Aesthetic">The learned aesthetic scorer (the aesthetic metric).</param>
/// <param name="StepPlanner">The cold-start planner of the step mode.</param>
/// <param name="TempActPlanner">The RL-trained planner of the tempact mode.</param>
/// <param name="TempActExecutor">The RL-trained executor of the tempact mode.</param>
/// <param name="TempActLookAhead">Whether the RL-trained executor reads "s_m ; s_{m+1}" chunk prompts (as it was trained,
/// from its folder's manifest).</param>
public sealed record EvalModels(ExecutorTransformer BaseExecutor, IAestheticScorer Aesthetic, IPlanner? StepPlanner = null,
    IPlanner? TempActPlanner = null, ExecutorTransformer? TempActExecutor = null, bool TempActLookAhead = false)
{
    /// <summary>The planner and executor of <paramref name="mode"/> (no planner for single); <see cref="ArgumentException"/>
    /// when they were not given.</summary>
    public (IPlanner? Planner, ExecutorTransformer Executor) For(EvalMode mode) => mode switch
    {
        EvalMode.Single => (null, BaseExecutor),
        EvalMode.Step => (StepPlanner ?? throw new ArgumentException("the step mode needs the cold-start planner"), BaseExecutor),
        EvalMode.TempAct => (TempActPlanner ?? throw new ArgumentException("the tempact mode needs the RL-trained planner"),
            TempActExecutor ?? throw new ArgumentException("the tempact mode needs the RL-trained executor")),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
