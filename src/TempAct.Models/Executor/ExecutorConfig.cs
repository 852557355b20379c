using TempAct.Models.Training;
using TempAct.Models.Checkpoints;

namespace TempAct.Models.Executor;

/// <summary>
/// Shape of the executor (a small causal DiT over frame patches; Peebles &amp; Xie 2023, Self-Forcing/LongLive layout).
/// Saved as config.json beside the weights.
/// </summary>
public sealed record ExecutorConfig
{
    /// <summary>Vocabulary size of the text encoder (set from the tokenizer).</summary>
    public int VocabSize { get; init; }
    /// <summary>Frame side in pixels (ShapeWorld: 32).</summary>
    public int FrameSize { get; init; } = 32;
    /// <summary>Patch side in pixels: 8 gives 16 tokens a frame (the CPU prototype showed 64 is too many).</summary>
    public int PatchSize { get; init; } = 8;
    /// <summary>Frames a chunk (TempAct's latent chunk: 3).</summary>
    public int ChunkFrames { get; init; } = 3;
    /// <summary>Model width.</summary>
    public int Dim { get; init; } = 192;
    /// <summary>Video transformer blocks.</summary>
    public int Layers { get; init; } = 6;
    /// <summary>Attention heads (Dim must divide; head size even for RoPE).</summary>
    public int Heads { get; init; } = 6;
    /// <summary>Text encoder blocks.</summary>
    public int TextLayers { get; init; } = 2;
    /// <summary>Longest prompt in tokens; longer prompts are an error, not a silent cut.</summary>
    public int MaxTextTokens { get; init; } = 64;
    /// <summary>Attention sink: the first frames every later chunk may always see (multiple of ChunkFrames).</summary>
    public int SinkFrames { get; init; } = 3;
    /// <summary>Recent-window: the latest generated frames a chunk sees besides the sink (multiple of ChunkFrames).</summary>
    public int WindowFrames { get; init; } = 15;
    /// <summary>Shift of the flow-matching schedule σ = s·t / (1 + (s − 1)·t).</summary>
    public double Shift { get; init; } = 5;
    /// <summary>RoPE base over the frame index.</summary>
    public double RopeTheta { get; init; } = 10000;
    /// <summary>LoRA rank on every linear layer of the video blocks; 0 = none (the pretrained model).</summary>
    public int LoraRank { get; init; }
    /// <summary>LoRA α (scale α/r).</summary>
    public double LoraAlpha { get; init; } = 16;

    /// <summary>How model.safetensors stores the parameters (fp32 as trained; fp16/bf16 after <c>weights convert</c>,
    /// loaded back to fp32). Not part of the shape.</summary>
    public WeightDtype StoredDtype { get; init; } = WeightDtype.Fp32;

    /// <summary>Patches a frame.</summary>
    public int TokensPerFrame => FrameSize / PatchSize * (FrameSize / PatchSize);
    /// <summary>Values a patch (RGB).</summary>
    public int PatchDim => 3 * PatchSize * PatchSize;
    /// <summary>Tokens a chunk.</summary>
    public int TokensPerChunk => TokensPerFrame * ChunkFrames;
    /// <summary>Frames the cache holds (sink + window).</summary>
    public int CacheFrames => SinkFrames + WindowFrames;

    /// <summary>Throws a <see cref="ConfigException"/> naming the first field out of range or inconsistent.</summary>
    public void Validate()
    {
        ConfigField.AtLeast(nameof(VocabSize), VocabSize, 5);
        ConfigField.AtLeast(nameof(FrameSize), FrameSize, 1);
        ConfigField.AtLeast(nameof(PatchSize), PatchSize, 1);
        if (FrameSize % PatchSize != 0) throw new ConfigException($"{nameof(FrameSize)} {FrameSize} must be a multiple of {nameof(PatchSize)} {PatchSize}");
        ConfigField.AtLeast(nameof(Dim), Dim, 8);
        ConfigField.AtLeast(nameof(Heads), Heads, 1);
        if (Dim % Heads != 0 || Dim / Heads % 2 != 0) throw new ConfigException($"{nameof(Dim)} {Dim} must be {nameof(Heads)} {Heads} × an even head size");
        ConfigField.AtLeast(nameof(Layers), Layers, 1);
        ConfigField.AtLeast(nameof(TextLayers), TextLayers, 0);
        ConfigField.AtLeast(nameof(MaxTextTokens), MaxTextTokens, 4);
        ConfigField.AtLeast(nameof(ChunkFrames), ChunkFrames, 1);
        ConfigField.AtLeast(nameof(SinkFrames), SinkFrames, 0);
        ConfigField.AtLeast(nameof(WindowFrames), WindowFrames, ChunkFrames);
        if (SinkFrames % ChunkFrames != 0 || WindowFrames % ChunkFrames != 0)
            throw new ConfigException($"{nameof(SinkFrames)} {SinkFrames} and {nameof(WindowFrames)} {WindowFrames} must be multiples of {nameof(ChunkFrames)} {ChunkFrames}");
        ConfigField.Positive(nameof(Shift), Shift);
        ConfigField.Positive(nameof(RopeTheta), RopeTheta);
        ConfigField.AtLeast(nameof(LoraRank), LoraRank, 0);
        ConfigField.Positive(nameof(LoraAlpha), LoraAlpha);
        if (!Enum.IsDefined(StoredDtype)) throw new ConfigException($"{nameof(StoredDtype)} {(int)StoredDtype} must be fp32, bf16 or fp16");
    }
}
