using TempAct.Training.Advantages;
using TempAct.Training.Exploration;
using static TempAct.Tests.Training.RlFixtures;

namespace TempAct.Tests.Training;

public sealed class EpochAdvantagesTests
{
    // Two instructions × two plans (ids 0, 1 | 2, 3); execution groups {0, 2} and {1, 3} (plans grouped by b, not by
    // instruction). R_plan by id: 0.3, 0.7 | 0.4, 0.4.
    private static readonly PlanRollout[] Plans =
        [Plan(0, 0, 0, ["red circle moves right"], 4, 1), Plan(0, 1, 1, ["red circle moves right"], 4, 2),
         Plan(1, 0, 2, ["red circle moves right"], 4, 1), Plan(1, 1, 3, ["red circle moves right"], 4, 2)];
    private static readonly double[] PlanRewards = [0.3, 0.7, 0.4, 0.4];

    private static (IReadOnlyList<PlanRollout> Plans, int K)[] Groups(int k) => [([Plans[0], Plans[2]], k), ([Plans[1], Plans[3]], k)];

    [Fact]
    public void ExecutorGroupsAreEachPlansKContinuations_PlannerGroupsEachInstructionsPlans()
    {
        // R_exec by row: group 0 = plan 0 [0.2, 0.6], plan 2 [0.5, 0.5]; group 1 = plan 1 [1.0, 0.0], plan 3 [0.3, 0.7].
        // Epoch mean 0.475; squared deviations sum to 0.675; sample std √(0.675 / 7) = 0.3105295.
        double std = Math.Sqrt(0.675 / 7) + 1e-6;
        var a = EpochAdvantages.Compute(Plans, 2, Groups(2), PlanRewards, [[0.2, 0.6, 0.5, 0.5], [1.0, 0.0, 0.3, 0.7]], flat: false, shuffle: null);
        Assert.Equal(-0.2 / std, a.Executor[0][0], 12);   // plan 0 centred on 0.4
        Assert.Equal(0.2 / std, a.Executor[0][1], 12);
        Assert.Equal([0.0, 0.0], a.Executor[0][2..]);      // plan 2: no spread
        Assert.Equal(Math.Min(2, 0.5 / std), a.Executor[1][0], 12); // plan 1 centred on 0.5: 1.61, under the ±2 clip
        Assert.Equal(-0.2 / std, a.Executor[1][2], 12);
        Assert.Equal(4, a.ExecutorStats.Groups);
        Assert.Equal(0.25, a.ExecutorStats.ZeroSpreadShare, 12);
        // A_plan: epoch mean 0.45, squared deviations 0.09, std √0.03 = 0.1732051; instruction 0 centred on 0.5:
        // ∓0.2 / 0.1733 = ∓1.154, clipped to ∓1; instruction 1 has no spread.
        Assert.Equal([-1.0, 1.0], a.Planner[0]);
        Assert.Equal([0.0, 0.0], a.Planner[1]);
        Assert.Equal(0.5, a.PlannerStats.ZeroSpreadShare, 12);
        Assert.Equal(0.5, a.PlannerStats.ClippedFraction, 12);
    }

    [Fact]
    public void TheGate_ZeroesGroupsWithoutLocalSpread_AndKeepsTheEpochStd()
    {
        // The table of the first test; S_local: plan 0 [1, 1] (no spread: its R_exec spread is aesthetic), plan 2
        // [0.5, 0.5], plan 1 [1, 0], plan 3 [0, 1]. Plans 0 and 2 are gated; plans 1 and 3 keep their ungated values
        // (the std is still the raw R_exec's, √(0.675 / 7) + 1e-6).
        double std = Math.Sqrt(0.675 / 7) + 1e-6;
        double[][] rExec = [[0.2, 0.6, 0.5, 0.5], [1.0, 0.0, 0.3, 0.7]];
        var gated = EpochAdvantages.Compute(Plans, 2, Groups(2), PlanRewards, rExec, false, null, [[1, 1, 0.5, 0.5], [1, 0, 0, 1]]);
        Assert.Equal([0.0, 0.0, 0.0, 0.0], gated.Executor[0]);
        Assert.Equal(0.5 / std, gated.Executor[1][0], 12);
        Assert.Equal(-0.5 / std, gated.Executor[1][1], 12);
        Assert.Equal(-0.2 / std, gated.Executor[1][2], 12);
        Assert.Equal(0.2 / std, gated.Executor[1][3], 12);
        // Without the gate, plan 0 keeps ∓0.2 / std.
        var plain = EpochAdvantages.Compute(Plans, 2, Groups(2), PlanRewards, rExec, false, null);
        Assert.Equal(-0.2 / std, plain.Executor[0][0], 12);
        Assert.Equal(plain.Planner, gated.Planner);
    }

    [Fact]
    public void Flat_GroupsAnInstructionsVideos()
    {
        // K = 1: R_exec plan 0: 0.2, plan 2: 0.5 | plan 1: 1.0, plan 3: 0.3. Instruction 0 = {0.2, 1.0} (mean 0.6),
        // instruction 1 = {0.5, 0.3} (mean 0.4); epoch mean 0.5, squared deviations 0.38, std √(0.38 / 3) = 0.3559026.
        double std = Math.Sqrt(0.38 / 3) + 1e-6;
        var a = EpochAdvantages.Compute(Plans, 2, Groups(1), PlanRewards, [[0.2, 0.5], [1.0, 0.3]], flat: true, shuffle: null);
        Assert.Equal(-0.4 / std, a.Executor[0][0], 12);
        Assert.Equal(0.1 / std, a.Executor[0][1], 12);
        Assert.Equal(0.4 / std, a.Executor[1][0], 12);
        Assert.Equal(-0.1 / std, a.Executor[1][1], 12);
        Assert.Equal(2, a.ExecutorStats.Groups);
    }

    [Fact]
    public void ThePlacebo_GivesTheSameValuesToOtherSamples()
    {
        double[][] rewards = [[0.2, 0.6, 0.5, 0.5], [1.0, 0.0, 0.3, 0.7]];
        var real = EpochAdvantages.Compute(Plans, 2, Groups(2), PlanRewards, rewards, false, null);
        var placebo = EpochAdvantages.Compute(Plans, 2, Groups(2), PlanRewards, rewards, false, new Random(5));
        Assert.Equal(real.Executor.SelectMany(x => x).Order(), placebo.Executor.SelectMany(x => x).Order());
        Assert.Equal(real.Planner.SelectMany(x => x).Order(), placebo.Planner.SelectMany(x => x).Order());
        Assert.NotEqual(real.Executor.SelectMany(x => x), placebo.Executor.SelectMany(x => x));
    }
}
