using System.Globalization;

namespace TempAct.Models.Planner;

/// <summary>How plans are sampled. Log-probs are those of softmax(logits / <see cref="Temperature"/>) before top-p
/// truncation, the convention TRL's GRPO trainer uses for its ratios.</summary>
public sealed record SamplingOptions
{
    /// <summary>Lowest temperature: below it logits / T overflows float32 for ordinary logits (0.01 is already greedy in effect).</summary>
    public const double MinTemperature = 0.01;
    /// <summary>Highest temperature: beyond it sampling is uniform over the vocabulary in effect.</summary>
    public const double MaxTemperature = 100;

    /// <summary>Softmax temperature (TempAct samples plans at 1.0), in [<see cref="MinTemperature"/>, <see cref="MaxTemperature"/>].</summary>
    public double Temperature { get; init; } = 1.0;
    /// <summary>Nucleus mass kept (Holtzman et al. 2019), in (0, 1]; 1 disables top-p.</summary>
    public double TopP { get; init; } = 0.7;
    /// <summary>Most answer tokens.</summary>
    public int MaxAnswerTokens { get; init; } = 200;

    /// <summary>Why <paramref name="temperature"/> is not a usable temperature, or null. NaN and infinities fail every
    /// comparison, so the ranges are written to reject them.</summary>
    public static string? TemperatureProblem(double temperature) =>
        temperature is >= MinTemperature and <= MaxTemperature ? null
            : $"must be a number from {MinTemperature.ToString(CultureInfo.InvariantCulture)} to {MaxTemperature.ToString(CultureInfo.InvariantCulture)}, got {temperature.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Why <paramref name="topP"/> is not a usable nucleus mass, or null.</summary>
    public static string? TopPProblem(double topP) =>
        topP is > 0 and <= 1 ? null : $"must be a number in (0, 1], got {topP.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Throws on values outside their range (NaN and infinities included).</summary>
    public void Validate()
    {
        if (TemperatureProblem(Temperature) is { } t) throw new ArgumentException("temperature " + t);
        if (TopPProblem(TopP) is { } p) throw new ArgumentException("top-p " + p);
        if (MaxAnswerTokens < 1) throw new ArgumentException($"max answer tokens must be ≥ 1, got {MaxAnswerTokens}");
    }
}
