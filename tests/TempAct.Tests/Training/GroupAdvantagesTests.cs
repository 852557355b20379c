using TempAct.Training.Advantages;

namespace TempAct.Tests.Training;

public sealed class GroupAdvantagesTests
{
    // Rewards [[1, 2, 3], [4, 4]]: epoch mean 2.8, squared deviations 3.24 + 0.64 + 0.04 + 1.44 + 1.44 = 6.8,
    // sample variance 6.8 / 4 = 1.7, std √1.7 = 1.3038405. Group 0 centres on 2, group 1 on 4 (zero spread).
    private static readonly double[][] Table = [[1, 2, 3], [4, 4]];

    [Fact]
    public void CentredOnTheGroup_ScaledByTheEpochStd()
    {
        var (a, stats) = GroupAdvantages.Continuations.Compute(Table);
        double std = Math.Sqrt(1.7);
        Assert.Equal(std, stats.EpochStd, 12);
        Assert.Equal(-1 / (std + 1e-6), a[0][0], 12);
        Assert.Equal(0, a[0][1], 12);
        Assert.Equal(1 / (std + 1e-6), a[0][2], 12);
        Assert.Equal([0.0, 0.0], a[1]);
        Assert.Equal(1, stats.ZeroSpreadGroups);
        Assert.Equal(0.5, stats.ZeroSpreadShare, 12);
        Assert.Equal(0, stats.ClippedFraction, 12);
    }

    [Fact]
    public void PlansClipAtOne_ContinuationsAtTwo()
    {
        // [[0, 10], [5, 5, 5]]: epoch mean 5, squared deviations 25 + 25 = 50, variance 50 / 4 = 12.5, std 3.5355339;
        // group 0's mean is 5, so its advantages are ∓5 / 3.5355 = ∓1.4142: clipped to ±1 for plans, kept for continuations.
        double[][] table = [[0, 10], [5, 5, 5]];
        var (plans, planStats) = GroupAdvantages.Plans.Compute(table);
        var (conts, _) = GroupAdvantages.Continuations.Compute(table);
        Assert.Equal([-1.0, 1.0], plans[0]);
        Assert.Equal(-5 / (Math.Sqrt(12.5) + 1e-6), conts[0][0], 12);
        Assert.Equal(2.0 / 5, planStats.ClippedFraction, 12);
        var unclipped = (GroupAdvantages.Plans with { Clip = 10 }).Compute(table).Advantages;
        Assert.Equal(-5 / (Math.Sqrt(12.5) + 1e-4), unclipped[0][0], 12); // the plans' ε is 1e-4
    }

    [Fact]
    public void AnEpochWithoutSpread_GivesZeroAdvantagesNotNaN()
    {
        var (a, stats) = GroupAdvantages.Plans.Compute([[0.3, 0.3], [0.3]]);
        Assert.All(a.SelectMany(x => x), v => Assert.Equal(0.0, v));
        Assert.Equal(2, stats.ZeroSpreadGroups);
        Assert.Equal(0, stats.EpochStd);
    }
}
