namespace TempAct.Training.Config;

/// <summary>
/// The planner's side of RL: its base, the LoRA shape, plan sampling and its GSPO loss
/// (<see href="https://arxiv.org/abs/2507.18071">Group Sequence Policy Optimization</see>).
/// </summary>
public sealed record PlannerRlConfig
{
    /// <summary>The base planner's checkpoint folder (frozen; adapters go on top). Release: an LLM planner. Ours:
    /// models/planner-base (2.8 M parameters after cold-start SFT).</summary>
    public string Base { get; init; } = "models/planner-base";

    /// <summary>LoRA rank on every linear layer of the planner's blocks. Release: ships the planner frozen (no adapters).
    /// Ours: 32 at width 192, the executor's ratio.</summary>
    public int LoraRank { get; init; } = 32;

    /// <summary>LoRA α. Release: n/a. Ours: 32 (scale 1).</summary>
    public double LoraAlpha { get; init; } = 32;

    /// <summary>AdamW learning rate of the planner's adapters. Release: 2e-5. Ours: 2e-5.</summary>
    public double LearningRate { get; init; } = 2e-5;

    /// <summary>Sampling temperature of plans (the old log-probs are taken at logits / T too). Release: 1.0. Ours: 1.0.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Nucleus mass kept when sampling plans. Release: 0.7. Ours: 0.7.</summary>
    public double TopP { get; init; } = 0.7;

    /// <summary>Most answer tokens a plan may take. Release: n/a (an LLM's limit). Ours: 200 (a 6-step plan takes ~110).</summary>
    public int MaxAnswerTokens { get; init; } = 200;

    /// <summary>Step count asked for. Release: a fixed count (5). Ours: the instruction's event count.</summary>
    public PlanStepCount Steps { get; init; } = PlanStepCount.EventCount;

    /// <summary>GSPO clip ε of the sequence ratio. Release: 5e-4. Ours: 5e-4.</summary>
    public double ClipEpsilon { get; init; } = 5e-4;

    /// <summary>β of the per-token k3 KL to the adapters-off planner. Release: 5e-4. Ours: 5e-4.</summary>
    public double KlBeta { get; init; } = 5e-4;
}
