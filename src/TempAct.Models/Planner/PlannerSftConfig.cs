namespace TempAct.Models.Planner;

/// <summary>Cold-start SFT of the planner on the rule teacher's plans (SPEC §3.2). Every field has a default; a config
/// file (JSON) overrides any of them.</summary>
public sealed record PlannerSftConfig
{
    /// <summary>Seed of initialisation, data and sampling.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Optimiser steps.</summary>
    public int Steps { get; init; } = 3000;
    /// <summary>Sequences per step.</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Peak AdamW learning rate (a 1 M-parameter model tolerates 1e-3; nanoGPT's small configs use the same).</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Linear warm-up steps before the cosine decay to 10% of the peak.</summary>
    public int WarmupSteps { get; init; } = 100;
    /// <summary>AdamW weight decay.</summary>
    public double WeightDecay { get; init; } = 0.01;
    /// <summary>Global gradient-norm clip.</summary>
    public double GradClip { get; init; } = 1.0;
    /// <summary>Evaluate on held-out instructions every this many steps.</summary>
    public int EvalEvery { get; init; } = 500;
    /// <summary>Held-out instructions per periodic evaluation.</summary>
    public int EvalInstructions { get; init; } = 64;
    /// <summary>Write an atomic checkpoint every this many steps.</summary>
    public int CheckpointEvery { get; init; } = 500;
    /// <summary>Fraction of examples that ask for an explicit step count ("steps : M") instead of "auto".</summary>
    public double ExplicitStepsFraction { get; init; } = 0.15;
    /// <summary>Intra-op threads (0: libtorch's default).</summary>
    public int Threads { get; init; } = 2;
    /// <summary>Model shape (VocabSize is filled from the tokenizer).</summary>
    public PlannerConfig Model { get; init; } = new();

    /// <summary>Throws on values outside their range.</summary>
    public void Validate()
    {
        if (Steps < 1 || BatchSize < 1 || LearningRate <= 0 || WarmupSteps < 0 || EvalEvery < 1 || CheckpointEvery < 1 || EvalInstructions < 1)
            throw new ArgumentException("Steps, BatchSize, EvalEvery, CheckpointEvery, EvalInstructions must be ≥ 1; LearningRate > 0; WarmupSteps ≥ 0");
        if (ExplicitStepsFraction is < 0 or > 1) throw new ArgumentException("ExplicitStepsFraction must be in [0, 1]");
    }
}
