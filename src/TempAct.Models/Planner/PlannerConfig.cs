using TempAct.Models.Training;
using TempAct.Models.Checkpoints;

namespace TempAct.Models.Planner;

/// <summary>Shape of the planner LM (a GPT-2-style decoder; Radford et al. 2019). Saved as config.json beside the weights.</summary>
public sealed record PlannerConfig
{
    /// <summary>Vocabulary size (set from the tokenizer).</summary>
    public int VocabSize { get; init; }
    /// <summary>Model width.</summary>
    public int Dim { get; init; } = 128;
    /// <summary>Transformer blocks.</summary>
    public int Layers { get; init; } = 4;
    /// <summary>Attention heads (Dim must divide).</summary>
    public int Heads { get; init; } = 4;
    /// <summary>Longest prompt + answer, in tokens (learned positions).</summary>
    public int MaxTokens { get; init; } = 320;
    /// <summary>LoRA rank on every linear layer of the blocks; 0 = no adapters (the SFT model).</summary>
    public int LoraRank { get; init; }
    /// <summary>LoRA α (scale α/r).</summary>
    public double LoraAlpha { get; init; } = 16;

    /// <summary>How model.safetensors stores the parameters (fp32 as trained; fp16/bf16 after <c>weights convert</c>,
    /// loaded back to fp32). Not part of the shape.</summary>
    public WeightDtype StoredDtype { get; init; } = WeightDtype.Fp32;

    /// <summary>Throws a <see cref="ConfigException"/> naming the first field out of range or inconsistent.</summary>
    public void Validate()
    {
        ConfigField.AtLeast(nameof(VocabSize), VocabSize, 5);
        ConfigField.AtLeast(nameof(Dim), Dim, 8);
        ConfigField.AtLeast(nameof(Heads), Heads, 1);
        if (Dim % Heads != 0) throw new ConfigException($"{nameof(Dim)} {Dim} must be a multiple of {nameof(Heads)} {Heads}");
        ConfigField.AtLeast(nameof(Layers), Layers, 1);
        ConfigField.AtLeast(nameof(MaxTokens), MaxTokens, 16);
        ConfigField.AtLeast(nameof(LoraRank), LoraRank, 0);
        ConfigField.Positive(nameof(LoraAlpha), LoraAlpha);
        if (!Enum.IsDefined(StoredDtype)) throw new ConfigException($"{nameof(StoredDtype)} {(int)StoredDtype} must be fp32, bf16 or fp16");
    }
}
