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

    /// <summary>Throws when the shape is inconsistent.</summary>
    public void Validate()
    {
        if (VocabSize < 5) throw new ArgumentException($"VocabSize {VocabSize} is too small");
        if (Dim < 8 || Heads < 1 || Dim % Heads != 0) throw new ArgumentException($"Dim {Dim} must be a multiple of Heads {Heads}");
        if (Layers < 1 || MaxTokens < 16 || LoraRank < 0) throw new ArgumentException("Layers ≥ 1, MaxTokens ≥ 16, LoraRank ≥ 0");
        if (!Enum.IsDefined(StoredDtype)) throw new ArgumentException($"StoredDtype {(int)StoredDtype} must be fp32, bf16 or fp16");
    }
}
