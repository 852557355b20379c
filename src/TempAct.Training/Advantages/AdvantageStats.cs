namespace TempAct.Training.Advantages;

/// <summary>What one epoch's advantages looked like: the scale used, how many groups carried no signal, how many
/// advantages were clipped. Logged every epoch: a run whose groups all have zero spread learns nothing.</summary>
/// <param name="Groups">Number of groups (instructions for plans, plans for continuations).</param>
/// <param name="ZeroSpreadGroups">Groups whose rewards are all equal (every advantage 0).</param>
/// <param name="EpochStd">The standard deviation over the whole epoch that scaled the advantages.</param>
/// <param name="ClippedFraction">Share of advantages that hit the clip bound.</param>
public sealed record AdvantageStats(int Groups, int ZeroSpreadGroups, double EpochStd, double ClippedFraction)
{
    /// <summary>Share of groups with zero reward spread (0 when there are no groups).</summary>
    public double ZeroSpreadShare => Groups == 0 ? 0 : (double)ZeroSpreadGroups / Groups;
}
