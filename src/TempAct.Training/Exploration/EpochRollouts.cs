using TempAct.World.Language;

namespace TempAct.Training.Exploration;

/// <summary>Everything one epoch explored: its instructions, the switch index k drawn for it, every plan, the planner's
/// groups (for GSPO) and the executor's groups (for RatioNorm).</summary>
public sealed class EpochRollouts(int epoch, int switchIndex, IReadOnlyList<Instruction> instructions, IReadOnlyList<PlanRollout> plans,
    IReadOnlyList<PlannerGroup> plannerGroups, IReadOnlyList<ExecutionGroup> groups) : IDisposable
{
    /// <summary>The epoch.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>k: which switch the branch point is this epoch.</summary>
    public int SwitchIndex { get; } = switchIndex;

    /// <summary>The P instructions.</summary>
    public IReadOnlyList<Instruction> Instructions { get; } = instructions;

    /// <summary>The P × G plans, instruction-major.</summary>
    public IReadOnlyList<PlanRollout> Plans { get; } = plans;

    /// <summary>One planner group per instruction.</summary>
    public IReadOnlyList<PlannerGroup> PlannerGroups { get; } = plannerGroups;

    /// <summary>The executor's groups (executable plans only).</summary>
    public IReadOnlyList<ExecutionGroup> Groups { get; } = groups;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var g in PlannerGroups) g.Dispose();
        foreach (var g in Groups) g.Dispose();
    }
}
