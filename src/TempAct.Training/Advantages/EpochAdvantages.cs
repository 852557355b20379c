using TempAct.Training.Exploration;
using TempAct.Training.Scoring;

namespace TempAct.Training.Advantages;

/// <summary>
/// One epoch's advantages. A_exec: each continuation's R_exec centred on its plan's K continuations (under the flat
/// ablation, on its instruction's G videos), scaled by the epoch's std, clipped ±2. A_plan: each plan's R_plan centred
/// on its instruction's G plans, scaled by the epoch's std, clipped ±1 (<see cref="GroupAdvantages"/>). The placebo
/// shuffles each kind across the whole epoch after computing it.
/// </summary>
/// <param name="Executor">[execution group][row] A_exec.</param>
/// <param name="Planner">[instruction][g] A_plan.</param>
/// <param name="ExecutorStats">Spread and clipping of the executor's groups.</param>
/// <param name="PlannerStats">Spread and clipping of the planner's groups.</param>
public sealed record EpochAdvantages(double[][] Executor, double[][] Planner, AdvantageStats ExecutorStats, AdvantageStats PlannerStats)
{
    /// <summary>Computes the advantages; <paramref name="shuffle"/> (the placebo) permutes them when given. With
    /// <paramref name="gateOnLocalSpread"/>, an executor group whose S_local has no spread gets zero advantages (its R_exec
    /// differences are the aesthetic term's alone).</summary>
    public static EpochAdvantages Compute(EpochRollouts rollouts, EpochRewards rewards, bool flat, Random? shuffle, bool gateOnLocalSpread = false) =>
        Compute(rollouts.Plans, rollouts.Instructions.Count, rollouts.Groups.Select(g => (g.Plans, g.Continuations)).ToList(),
            rewards.PlanRewards, rewards.Continuations.Select(c => c.Select(x => x.RExec).ToArray()).ToList(), flat, shuffle,
            gateOnLocalSpread ? rewards.Continuations.Select(c => c.Select(x => x.SLocal).ToArray()).ToList() : null);

    /// <summary>The same from the groups' shapes: plans (instruction-major, by id), each execution group's plans and K,
    /// R_plan by plan id and R_exec by [group][row].</summary>
    /// <remarks>With <paramref name="gate"/> (S_local by [group][row]), every executor group whose gate values are all
    /// equal gets zero advantages; the epoch's std stays that of the raw R_exec.</remarks>
    public static EpochAdvantages Compute(IReadOnlyList<PlanRollout> plans, int instructions, IReadOnlyList<(IReadOnlyList<PlanRollout> Plans, int K)> groups,
        IReadOnlyList<double> planRewards, IReadOnlyList<double[]> execRewards, bool flat, Random? shuffle, IReadOnlyList<double[]>? gate = null)
    {
        // 1. Executor groups: the K continuations of a plan, or (flat) the videos of an instruction.
        var members = new List<(int Group, int Row)>[flat ? instructions : plans.Count];
        for (int i = 0; i < members.Length; i++) members[i] = [];
        for (int gi = 0; gi < groups.Count; gi++)
            for (int row = 0; row < groups[gi].Plans.Count * groups[gi].K; row++)
            {
                var plan = groups[gi].Plans[row / groups[gi].K];
                members[flat ? plan.Instruction : plan.Id].Add((gi, row));
            }
        var execGroups = members.Where(m => m.Count > 0).ToList();
        var (execAdv, execStats) = GroupAdvantages.Continuations.Compute(
            execGroups.Select(m => (IReadOnlyList<double>)m.Select(x => execRewards[x.Group][x.Row]).ToList()).ToList());
        var executor = groups.Select(g => new double[g.Plans.Count * g.K]).ToArray();
        for (int i = 0; i < execGroups.Count; i++)
        {
            bool gated = gate is not null && execGroups[i].Select(x => gate[x.Group][x.Row]).Distinct().Count() == 1;
            for (int j = 0; j < execGroups[i].Count; j++) executor[execGroups[i][j].Group][execGroups[i][j].Row] = gated ? 0 : execAdv[i][j];
        }

        // 2. Planner groups: the G plans of an instruction.
        var (planner, planStats) = GroupAdvantages.Plans.Compute(plans.GroupBy(p => p.Instruction).OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<double>)g.OrderBy(p => p.Index).Select(p => planRewards[p.Id]).ToList()).ToList());

        // 3. The placebo: the same values, given to the wrong samples.
        if (shuffle is not null) { Shuffle(executor, shuffle); Shuffle(planner, shuffle); }
        return new EpochAdvantages(executor, planner, execStats, planStats);
    }

    private static void Shuffle(double[][] values, Random rng)
    {
        var flat = values.SelectMany(v => v).ToArray();
        rng.Shuffle(flat);
        int at = 0;
        foreach (var v in values) for (int i = 0; i < v.Length; i++) v[i] = flat[at++];
    }
}
