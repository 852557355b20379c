using TempAct.Models.Executor;
using TempAct.Models.Planner;

namespace TempAct.Studio;

/// <summary>The networks the studio runs, loaded and owned by the caller (the CLI).</summary>
/// <param name="Executor">The base executor (models/executor-ll by default).</param>
/// <param name="Planner">The planner of the base (models/planner-base, a folder or an endpoint).</param>
/// <param name="TempActExecutor">The RL-trained executor (models/tempact), when shipped.</param>
/// <param name="TempActPlanner">The RL-trained planner, when shipped.</param>
/// <param name="TempActLookAhead">Whether the RL-trained executor reads "s_m ; s_{m+1}" chunk prompts (its manifest).</param>
/// <param name="ExecutorName">How the page names the base executor.</param>
/// <param name="PlannerName">How the page names the planner.</param>
public sealed record StudioModels(ExecutorTransformer Executor, IPlanner Planner, ExecutorTransformer? TempActExecutor = null,
    IPlanner? TempActPlanner = null, bool TempActLookAhead = false, string ExecutorName = "executor", string PlannerName = "planner")
{
    /// <summary>True when the RL-trained weights are loaded (the side-by-side mode then compares base and TempAct).</summary>
    public bool HasTempAct => TempActExecutor is not null && TempActPlanner is not null;
}
