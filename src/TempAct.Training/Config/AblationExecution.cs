using TempAct.World.Plans;

namespace TempAct.Training.Config;

/// <summary>How an arm executes a sampled plan — the one place the trainer, its held-out evaluation and `eval` take it
/// from.</summary>
public static class AblationExecution
{
    /// <summary>The plan the executor follows: under <see cref="Ablation.UniformSpans"/>, uniform spans over the same
    /// prompts across <paramref name="chunks"/> chunks; otherwise <paramref name="plan"/> as sampled.</summary>
    public static StepPlan ExecutedPlan(this Ablation arms, StepPlan plan, int chunks) =>
        arms.HasFlag(Ablation.UniformSpans) ? StepPlan.Uniform(plan.Steps.Select(s => s.Prompt).ToList(), chunks) : plan;
}
