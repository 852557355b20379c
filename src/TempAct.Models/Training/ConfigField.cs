using System.Globalization;

namespace TempAct.Models.Training;

/// <summary>Range checks shared by the configs' <c>Validate</c> methods: each throws a <see cref="ConfigException"/> that
/// names the field, the allowed range and the value found. Doubles must be finite (JSON's 1e999 reads as ∞).</summary>
public static class ConfigField
{
    /// <summary>An integer of at least <paramref name="min"/>.</summary>
    public static void AtLeast(string field, long value, long min)
    {
        if (value < min) throw new ConfigException($"{field} must be ≥ {min} (got {value})");
    }

    /// <summary>A finite number &gt; 0.</summary>
    public static void Positive(string field, double value)
    {
        if (!double.IsFinite(value) || value <= 0) throw new ConfigException($"{field} must be a finite number > 0 (got {Show(value)})");
    }

    /// <summary>A finite number ≥ 0.</summary>
    public static void NonNegative(string field, double value)
    {
        if (!double.IsFinite(value) || value < 0) throw new ConfigException($"{field} must be a finite number ≥ 0 (got {Show(value)})");
    }

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void InRange(string field, double value, double min, double max)
    {
        if (!double.IsFinite(value) || value < min || value > max)
            throw new ConfigException($"{field} must lie in [{Show(min)}, {Show(max)}] (got {Show(value)})");
    }

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>), e.g. an EMA decay below 1.</summary>
    public static void InRangeBelow(string field, double value, double min, double max)
    {
        if (!double.IsFinite(value) || value < min || value >= max)
            throw new ConfigException($"{field} must lie in [{Show(min)}, {Show(max)}) (got {Show(value)})");
    }

    private static string Show(double value) => double.IsNaN(value) ? "NaN" : double.IsInfinity(value)
        ? (value > 0 ? "∞" : "−∞") : value.ToString("G6", CultureInfo.InvariantCulture);
}
