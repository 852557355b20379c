namespace TempAct.Models.Planner;

/// <summary>How plans are sampled. Log-probs are those of softmax(logits / <see cref="Temperature"/>) before top-p
/// truncation, the convention TRL's GRPO trainer uses for its ratios.</summary>
public sealed record SamplingOptions
{
    /// <summary>Softmax temperature (TempAct samples plans at 1.0).</summary>
    public double Temperature { get; init; } = 1.0;
    /// <summary>Nucleus mass kept (Holtzman et al. 2019); 1 disables top-p.</summary>
    public double TopP { get; init; } = 0.7;
    /// <summary>Most answer tokens.</summary>
    public int MaxAnswerTokens { get; init; } = 200;

    /// <summary>Throws on values outside their range.</summary>
    public void Validate()
    {
        if (Temperature <= 0) throw new ArgumentException($"temperature must be > 0, got {Temperature}");
        if (TopP is <= 0 or > 1) throw new ArgumentException($"top-p must be in (0, 1], got {TopP}");
        if (MaxAnswerTokens < 1) throw new ArgumentException($"max answer tokens must be ≥ 1, got {MaxAnswerTokens}");
    }
}
