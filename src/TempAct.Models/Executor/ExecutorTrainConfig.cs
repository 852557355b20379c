using TempAct.Models.Training;

namespace TempAct.Models.Executor;

/// <summary>
/// The executor's pretraining recipe (configs/executor.json): teacher forcing over [clean | noisy] chunks, every noisy
/// chunk at its own noise level — mostly exactly the sampler's four σ so the 4-step sampler is what is trained — with
/// lightly noised context against exposure bias. See docs/executor.md.
/// </summary>
public sealed record ExecutorTrainConfig
{
    /// <summary>Model shape (VocabSize is set from the tokenizer).</summary>
    public ExecutorConfig Model { get; init; } = new();
    /// <summary>Optimiser steps.</summary>
    public int Steps { get; init; } = 6000;
    /// <summary>Clips a step.</summary>
    public int BatchSize { get; init; } = 128;
    /// <summary>Frames a clip (a whole number of chunks, at most the cache's sink + window + one chunk).</summary>
    public int ClipFrames { get; init; } = 18;
    /// <summary>Distinct clips rendered up front (stored as bytes on the training device).</summary>
    public int DatasetClips { get; init; } = 16384;
    /// <summary>Where clips come from: <see cref="ClipSource.StillStart"/> (every clip opens still, its event right after)
    /// or <see cref="ClipSource.LongVideoWindows"/> (windows of long videos, whose context is whatever came before: the
    /// way real base models' clips are cut, so an event may start after motion or mid-video). docs/executor.md.</summary>
    public ClipSource Clips { get; init; } = ClipSource.StillStart;
    /// <summary>With <see cref="ClipSource.LongVideoWindows"/>: share of clips still drawn from the still-start source —
    /// generation starts from a still initial state, so that case stays in the mix.</summary>
    public double StillStartFraction { get; init; } = 0.25;
    /// <summary>With <see cref="ClipSource.LongVideoWindows"/>: share of clips whose caption switches at a chunk boundary
    /// inside the clip (one step prompt, then the next event's from the chunk it starts in), trained through the re-cache
    /// path inference uses: the chunks after the switch see the context encoded under the new caption (LongLive's
    /// streaming long tuning, Yang et al. 2025). 0 gives the Self-Forcing-like base, never trained on a switch.</summary>
    public double SwitchFraction { get; init; }
    /// <summary>A checkpoint folder (config.json + model.safetensors + vocab.json of the same shape and vocabulary) whose
    /// weights start the run instead of a fresh initialisation: fine-tuning, e.g. the LongLive-like switch tuning from
    /// the Self-Forcing-like base. Null: train from scratch. A relative path is read from the working directory.</summary>
    public string? InitFrom { get; init; }
    /// <summary>Share of clips with 2–3 events under one global caption.</summary>
    public double MultiEventFraction { get; init; } = 0.25;
    /// <summary>Share of single-event clips captioned by their step prompt (the rest: a full instruction sentence).</summary>
    public double StepPromptFraction { get; init; } = 0.6;
    /// <summary>Share of sentence captions written in the whole instruction language (inflections, clauses of time,
    /// omitted attributes) rather than its core forms, so a global caption in any accepted wording is one the text
    /// encoder has seen (0 keeps the core-form captions of the first base).</summary>
    public double FullWordingFraction { get; init; }
    /// <summary>Share of noisy chunks drawn at one of the sampler's σ (the rest: σ of a uniform t through the shift).</summary>
    public double SamplerSigmaFraction { get; init; } = 0.8;
    /// <summary>Share of clips whose clean context is lightly noised.</summary>
    public double ContextNoiseFraction { get; init; } = 0.5;
    /// <summary>Largest context noise σ.</summary>
    public double ContextNoiseMax { get; init; } = 0.1;
    /// <summary>Peak learning rate (AdamW).</summary>
    public double LearningRate { get; init; } = 3e-4;
    /// <summary>Linear warm-up steps, then cosine to 10%.</summary>
    public int WarmupSteps { get; init; } = 300;
    /// <summary>AdamW weight decay.</summary>
    public double WeightDecay { get; init; } = 0.01;
    /// <summary>Gradient-norm clip.</summary>
    public double GradClip { get; init; } = 1.0;
    /// <summary>EMA decay of the weights that are saved as the model.</summary>
    public double EmaDecay { get; init; } = 0.999;
    /// <summary>Evaluate every this many steps (and at the end).</summary>
    public int EvalEvery { get; init; } = 1000;
    /// <summary>Held-out single-event prompts generated and tracked at each evaluation.</summary>
    public int EvalPrompts { get; init; } = 64;
    /// <summary>Frames of each evaluation video.</summary>
    public int EvalFrames { get; init; } = 12;
    /// <summary>Checkpoint every this many steps (and at the end).</summary>
    public int CheckpointEvery { get; init; } = 500;
    /// <summary>One seed for data, initialisation, noise and batches.</summary>
    public long Seed { get; init; } = 1;
    /// <summary>On CUDA, let fp32 matmuls use TF32 tensor cores (torch.backends.cuda.matmul.allow_tf32).</summary>
    public bool Tf32 { get; init; } = true;
    /// <summary>"fp32" or "bf16": bf16 runs the blocks' matmuls and attention in bfloat16 on CUDA
    /// (<see cref="ExecutorTransformer.SetComputeType"/>); fp32 master weights, norms and loss either way.</summary>
    public string Precision { get; init; } = "fp32";
    /// <summary>CPU threads (0 = libtorch's default).</summary>
    public int Threads { get; init; }

    /// <summary>Throws a <see cref="ConfigException"/> naming the first field out of range ("Model.Shift" for the shape).
    /// Whether <see cref="ExecutorConfig.MaxTextTokens"/> holds every caption is checked by the trainer, which draws them.</summary>
    public void Validate()
    {
        if (Model is null) throw new ConfigException($"{nameof(Model)} must not be null");
        try { (Model with { VocabSize = Math.Max(Model.VocabSize, 5) }).Validate(); } // VocabSize is set from the tokenizer
        catch (ConfigException e) { throw e.Within(nameof(Model)); }
        ConfigField.AtLeast(nameof(Steps), Steps, 1);
        ConfigField.AtLeast(nameof(BatchSize), BatchSize, 1);
        ConfigField.AtLeast(nameof(DatasetClips), DatasetClips, 1);
        int cf = Model.ChunkFrames;
        int shortest = World.Plans.StepPlan.ChunkFrames + World.Events.EventTiming.MinSpanFrames; // the still context chunk + one event
        if (ClipFrames % cf != 0 || ClipFrames < shortest)
            throw new ConfigException($"{nameof(ClipFrames)} {ClipFrames} must be a multiple of Model.ChunkFrames {cf} and ≥ {shortest} (the still first chunk and the shortest event)");
        if (ClipFrames > Model.CacheFrames + cf)
            throw new ConfigException($"{nameof(ClipFrames)} {ClipFrames} exceeds what a chunk can see at inference (Model.SinkFrames {Model.SinkFrames} + Model.WindowFrames {Model.WindowFrames} + one chunk)");
        foreach (var (name, v) in new[] { (nameof(MultiEventFraction), MultiEventFraction), (nameof(StepPromptFraction), StepPromptFraction),
                     (nameof(StillStartFraction), StillStartFraction), (nameof(SwitchFraction), SwitchFraction), (nameof(FullWordingFraction), FullWordingFraction),
                     (nameof(SamplerSigmaFraction), SamplerSigmaFraction), (nameof(ContextNoiseFraction), ContextNoiseFraction), (nameof(ContextNoiseMax), ContextNoiseMax) })
            ConfigField.InRange(name, v, 0, 1);
        ConfigField.Positive(nameof(LearningRate), LearningRate);
        ConfigField.AtLeast(nameof(WarmupSteps), WarmupSteps, 0);
        ConfigField.NonNegative(nameof(WeightDecay), WeightDecay);
        ConfigField.Positive(nameof(GradClip), GradClip);
        ConfigField.InRangeBelow(nameof(EmaDecay), EmaDecay, 0, 1);
        ConfigField.AtLeast(nameof(EvalEvery), EvalEvery, 1);
        ConfigField.AtLeast(nameof(EvalPrompts), EvalPrompts, 1);
        ConfigField.AtLeast(nameof(EvalFrames), EvalFrames, 1);
        ConfigField.AtLeast(nameof(CheckpointEvery), CheckpointEvery, 1);
        ConfigField.AtLeast(nameof(Threads), Threads, 0);
        if (Precision is not ("fp32" or "bf16")) throw new ConfigException($"{nameof(Precision)} '{Precision}' must be fp32 or bf16");
        if (!Enum.IsDefined(Clips)) throw new ConfigException($"Clips {(int)Clips} is not a clip source (StillStart or LongVideoWindows)");
        if (Clips == ClipSource.StillStart && SwitchFraction > 0)
            throw new ConfigException($"SwitchFraction {SwitchFraction} needs Clips LongVideoWindows (switch clips are cut from long videos)");
        if (Clips == ClipSource.LongVideoWindows && StillStartFraction + SwitchFraction > 1)
            throw new ConfigException($"StillStartFraction {StillStartFraction} + SwitchFraction {SwitchFraction} exceed 1");
        if (Clips == ClipSource.LongVideoWindows && ClipFrames < 3 * cf)
            throw new ConfigException($"ClipFrames {ClipFrames}: windows need at least 3 chunks (context, the caption's chunks, a switch chunk)");
        if (Model.StoredDtype != Checkpoints.WeightDtype.Fp32)
            throw new ConfigException("Model.StoredDtype: training keeps fp32 checkpoints (exact resume); store fp16/bf16 copies with `tempact weights convert`");
        if (InitFrom is { Length: 0 }) throw new ConfigException("InitFrom is empty: give a checkpoint folder or leave it out");
    }
}
