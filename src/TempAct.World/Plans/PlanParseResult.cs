namespace TempAct.World.Plans;

/// <summary>What <see cref="PlanParser"/> made of an answer: the (repaired) plan, the format score f ∈ {0, 0.5, 1}
/// and every problem found, in words.</summary>
public sealed record PlanParseResult(StepPlan Plan, double FormatScore, IReadOnlyList<string> Problems)
{
    /// <summary>True when the answer was a valid plan as written (f = 1).</summary>
    public bool IsValid => FormatScore >= 1.0;
}
