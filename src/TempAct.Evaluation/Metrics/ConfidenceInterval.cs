namespace TempAct.Evaluation.Metrics;

/// <summary>
/// A mean with its two-sided 95% confidence interval over independent items (instructions, prompts): the Student-t
/// interval mean ± t(0.975, n − 1) · s / √n with the sample standard deviation s. On 0/1 values it is the Wald interval
/// (zero width at 0 or 1). <see cref="Mean"/> is NaN when there are no values; <see cref="HalfWidth"/> is NaN with fewer
/// than two.
/// </summary>
/// <param name="Mean">Mean of the values.</param>
/// <param name="HalfWidth">Half the interval's width: the interval is [Mean − HalfWidth, Mean + HalfWidth].</param>
/// <param name="N">Number of values.</param>
public sealed record ConfidenceInterval(double Mean, double HalfWidth, int N)
{
    // t(0.975, df) for df = 1..30 (standard tables); beyond, the Cornish–Fisher expansion below is within 1e-3.
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>Lower end.</summary>
    public double Low => Mean - HalfWidth;

    /// <summary>Upper end.</summary>
    public double High => Mean + HalfWidth;

    /// <summary>The mean and 95% interval of <paramref name="values"/>.</summary>
    public static ConfidenceInterval Of(IEnumerable<double> values)
    {
        var x = values.ToArray();
        if (x.Length == 0) return new ConfidenceInterval(double.NaN, double.NaN, 0);
        double mean = x.Average();
        if (x.Length == 1) return new ConfidenceInterval(mean, double.NaN, 1);
        double variance = x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1);
        return new ConfidenceInterval(mean, StudentT975(x.Length - 1) * Math.Sqrt(variance / x.Length), x.Length);
    }

    /// <summary>The 0.975 quantile of Student's t with <paramref name="df"/> degrees of freedom.</summary>
    public static double StudentT975(int df)
    {
        if (df < 1) throw new ArgumentOutOfRangeException(nameof(df), $"degrees of freedom must be ≥ 1, got {df}");
        if (df <= T975.Length) return T975[df - 1];
        // Cornish–Fisher expansion of t in powers of 1/ν around the normal quantile (Abramowitz & Stegun 26.7.5).
        const double z = 1.959964;
        double v = df, z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
             + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v);
    }

    /// <summary>"0.512 ± 0.031" (the digits of <paramref name="format"/>), "0.512" for one value, "—" for none.</summary>
    public string ToString(string format) => N switch
    {
        0 => "—",
        1 => Mean.ToString(format, System.Globalization.CultureInfo.InvariantCulture),
        _ => $"{Mean.ToString(format, System.Globalization.CultureInfo.InvariantCulture)} ± {HalfWidth.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}",
    };

    /// <inheritdoc />
    public override string ToString() => ToString("0.000");
}
