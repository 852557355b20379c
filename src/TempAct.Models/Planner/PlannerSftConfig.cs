using TempAct.Models.Training;

namespace TempAct.Models.Planner;

/// <summary>Cold-start SFT of the planner on the rule teacher's plans Every field has a default; a config
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

    /// <summary>Start from this saved planner's weights (same shape and vocabulary) instead of a random initialisation;
    /// the optimizer and the schedule start fresh. Ignored on resume (the run's own checkpoint wins).</summary>
    public string? InitFrom { get; init; }

    /// <summary>Throws a <see cref="ConfigException"/> naming the first field out of range ("Model.Dim" for the
    /// shape). Whether <see cref="PlannerConfig.MaxTokens"/> holds the data is checked by the trainer, which has it.</summary>
    public void Validate()
    {
        ConfigField.AtLeast(nameof(Steps), Steps, 1);
        ConfigField.AtLeast(nameof(BatchSize), BatchSize, 1);
        ConfigField.Positive(nameof(LearningRate), LearningRate);
        ConfigField.AtLeast(nameof(WarmupSteps), WarmupSteps, 0);
        ConfigField.NonNegative(nameof(WeightDecay), WeightDecay);
        ConfigField.Positive(nameof(GradClip), GradClip);
        ConfigField.AtLeast(nameof(EvalEvery), EvalEvery, 1);
        ConfigField.AtLeast(nameof(EvalInstructions), EvalInstructions, 1);
        if (EvalInstructions > PlannerSftTrainer.HeldOutCount)
            throw new ConfigException($"{nameof(EvalInstructions)} must be ≤ {PlannerSftTrainer.HeldOutCount}, the held-out set's size (got {EvalInstructions})");
        ConfigField.AtLeast(nameof(CheckpointEvery), CheckpointEvery, 1);
        ConfigField.InRange(nameof(ExplicitStepsFraction), ExplicitStepsFraction, 0, 1);
        ConfigField.AtLeast(nameof(Threads), Threads, 0);
        if (InitFrom is { Length: 0 }) throw new ConfigException("InitFrom is empty: give a checkpoint folder or leave it out");
        if (Model is null) throw new ConfigException($"{nameof(Model)} must not be null");
        try { (Model with { VocabSize = Math.Max(Model.VocabSize, 5) }).Validate(); } // VocabSize is set from the tokenizer
        catch (ConfigException e) { throw e.Within(nameof(Model)); }
    }
}
