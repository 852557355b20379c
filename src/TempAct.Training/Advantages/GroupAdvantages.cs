namespace TempAct.Training.Advantages;

/// <summary>
/// TempAct's two group advantages, computed the way its released trainer does: centre each reward on its own group's
/// mean (the G plans of one instruction, or the K continuations of one plan), divide by the standard deviation of the
/// raw rewards over the whole epoch (not the group's: a group whose members differ by a hair would otherwise get
/// full-size advantages), then clip.
/// <list type="bullet">
/// <item>plans: A_plan = clip((R_plan − mean_G) / (std_epoch + 1e-4), ±1)</item>
/// <item>continuations: A_exec = clip((R_exec − mean_K) / (std_epoch + 1e-6), ±2)</item>
/// </list>
/// The standard deviation is the sample one (divisor n − 1), as <c>torch.Tensor.std</c>'s default.
/// <see href="https://arxiv.org/abs/2402.03300">GRPO</see> centres on the group; TempAct scales by the epoch.
/// </summary>
public sealed record GroupAdvantages(double Epsilon, double Clip)
{
    /// <summary>The planner's setting: ε 1e-4, clip ±1.</summary>
    public static GroupAdvantages Plans { get; } = new(1e-4, 1.0);

    /// <summary>The executor's setting: ε 1e-6, clip ±2.</summary>
    public static GroupAdvantages Continuations { get; } = new(1e-6, 2.0);

    /// <summary>Advantages of <paramref name="groups"/> (rewards per group), shaped like the input.</summary>
    public (double[][] Advantages, AdvantageStats Stats) Compute(IReadOnlyList<IReadOnlyList<double>> groups)
    {
        var all = groups.SelectMany(g => g).ToArray();
        double std = SampleStd(all);
        int zeroSpread = 0, clipped = 0;
        var result = new double[groups.Count][];
        for (int i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            if (g.Count == 0) throw new ArgumentException($"group {i} is empty");
            double mean = g.Average();
            if (g.All(r => r == g[0])) zeroSpread++;
            result[i] = new double[g.Count];
            for (int k = 0; k < g.Count; k++)
            {
                double a = (g[k] - mean) / (std + Epsilon);
                if (Math.Abs(a) >= Clip) clipped++;
                result[i][k] = Math.Clamp(a, -Clip, Clip);
            }
        }
        return (result, new AdvantageStats(groups.Count, zeroSpread, std, all.Length == 0 ? 0 : (double)clipped / all.Length));
    }

    /// <summary>Sample standard deviation (n − 1); 0 for fewer than two values.</summary>
    public static double SampleStd(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return 0;
        double mean = values.Average(), ss = 0;
        foreach (var v in values) ss += (v - mean) * (v - mean);
        return Math.Sqrt(ss / (values.Count - 1));
    }
}
