using System.Text.Json;
using TempAct.Models.Training;

namespace TempAct.Judges.Aesthetic;

/// <summary>
/// Hyper-parameters of <c>./tempact train aesthetic</c> (a JSON file of these fields may override any of them with
/// <c>--config</c>). The defaults train the shipped scorer in a few minutes on 2 CPU threads.
/// </summary>
public sealed record AestheticTrainingConfig
{
    /// <summary>Seed of the frame pools, the initial weights and every batch (batch k uses a generator seeded from (Seed, k),
    /// so a resumed run draws the same batches).</summary>
    public int Seed { get; init; }

    /// <summary>Optimiser steps.</summary>
    public int Steps { get; init; } = 450;

    /// <summary>Clean frames per step, each paired with one degraded copy (kinds in rotation, so every batch holds all six).</summary>
    public int BatchSize { get; init; } = 48;

    /// <summary>Peak AdamW learning rate, decayed by a cosine to a tenth of it at the last step.</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>AdamW weight decay.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Clean frames in the training pool.</summary>
    public int TrainFrames { get; init; } = 3000;

    /// <summary>Clean frames in the held-out pool (other scenarios, and no frame identical to a training frame).</summary>
    public int HeldOutFrames { get; init; } = 500;

    /// <summary>Steps between atomic checkpoints of the resumable state.</summary>
    public int CheckpointEvery { get; init; } = 100;

    /// <summary>
    /// Weight of a small logistic anchor (clean → 1, degraded → 0) added to the pairwise ranking loss, so σ(logit) is a
    /// usable score in [0, 1] and not only a ranking (the ranking loss alone fixes differences, not levels).
    /// </summary>
    public double AnchorWeight { get; init; } = 0.5;

    /// <summary>torch intra-op threads (2 on the CPU machine).</summary>
    public int Threads { get; init; } = 2;

    /// <summary>The network's shape.</summary>
    public AestheticConfig Model { get; init; } = AestheticConfig.Default;

    /// <summary>Throws a <see cref="ConfigException"/> naming the first bad field ("Model.Widths" for the shape).</summary>
    public AestheticTrainingConfig Validate()
    {
        ConfigField.AtLeast(nameof(Steps), Steps, 1);
        ConfigField.AtLeast(nameof(BatchSize), BatchSize, 1);
        if (BatchSize > 4096) throw new ConfigException($"{nameof(BatchSize)} must be ≤ 4096 (got {BatchSize})");
        ConfigField.Positive(nameof(LearningRate), LearningRate);
        ConfigField.NonNegative(nameof(WeightDecay), WeightDecay);
        if (TrainFrames < BatchSize) throw new ConfigException($"{nameof(TrainFrames)} ({TrainFrames}) must be at least {nameof(BatchSize)} ({BatchSize})");
        ConfigField.AtLeast(nameof(HeldOutFrames), HeldOutFrames, 1);
        ConfigField.AtLeast(nameof(CheckpointEvery), CheckpointEvery, 1);
        ConfigField.NonNegative(nameof(AnchorWeight), AnchorWeight);
        ConfigField.AtLeast(nameof(Threads), Threads, 0);
        if (Model is null) throw new ConfigException($"{nameof(Model)} must not be null");
        try { Model.Validate(); }
        catch (ConfigException e) { throw e.Within(nameof(Model)); }
        return this;
    }

    /// <summary>Reads a config file (any subset of the fields; the rest keep their defaults).</summary>
    public static AestheticTrainingConfig Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: config file not found", path);
        try
        {
            return JsonSerializer.Deserialize<AestheticTrainingConfig>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path}: empty config");
        }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not a valid aesthetic training config ({e.Message})", e); }
    }

    /// <summary>JSON options of config files: camel-case or Pascal-case names, unknown fields rejected.</summary>
    internal static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };
}
