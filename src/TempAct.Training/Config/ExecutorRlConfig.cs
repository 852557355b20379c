using System.Text.Json.Serialization;
using TempAct.Models.Executor;

namespace TempAct.Training.Config;

/// <summary>
/// The executor's side of RL: which base it adapts, the LoRA shape, its optimizer group and its RatioNorm loss
/// (<see href="https://arxiv.org/abs/2510.22319">GRPO-Guard</see>). "Release" is TempAct's released training code.
/// </summary>
public sealed record ExecutorRlConfig
{
    /// <summary>The base executor's checkpoint folder (frozen; adapters go on top). Release: a Self-Forcing or LongLive
    /// Wan 1.3B checkpoint. Ours: models/executor-ll.</summary>
    public string Base { get; init; } = "models/executor-ll";

    /// <summary>LoRA rank on every linear layer of the video blocks. Release: 256 at width 1536. Ours: 32 at width 192 —
    /// the same rank-to-width ratio (1/6), so the adapter can express as large a share of each layer's directions
    /// (1.1 M adapter parameters beside 6.1 M base ones); a much smaller rank would make the 6 M model's RL update a
    /// narrower thing than the paper's.</summary>
    public int LoraRank { get; init; } = 32;

    /// <summary>LoRA α (the update is scaled by α/r). Release: 256 (α = r, scale 1). Ours: 32 (α = r, scale 1).</summary>
    public double LoraAlpha { get; init; } = 32;

    /// <summary>AdamW learning rate of the executor's adapters. Release: 1e-4. Ours: 1e-4.</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>PPO clip ε of the RatioNorm ratio. Release: 1e-5. Ours: 1e-5.</summary>
    public double ClipEpsilon { get; init; } = 1e-5;

    /// <summary>β of the velocity KL mean((v − v_ref)²) to the adapters-off executor. Release: 5e-4. Ours: 5e-4.</summary>
    public double KlBeta { get; init; } = 5e-4;

    /// <summary>Largest EMA decay of the executor's adapters; the decay at optimizer step s is min((1 + s)/(10 + s), this).
    /// The EMA is used for evaluation and checkpoints only, never for rollouts. Release: 0.9. Ours: 0.9.</summary>
    public double EmaDecayMax { get; init; } = 0.9;

    /// <summary>Which forwards the adapters act on: All (every chunk, text encoding and cache write) or Switch (only the
    /// denoising of a video's first chunk under a new prompt — the one chunk RL trains and regularises; the rest of the
    /// video is the base's). Release: All. Ours: All (Switch is the setting that keeps frame quality where only the
    /// switch chunk is trained).</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<AdapterChunks>))]
    public AdapterChunks AdapterChunks { get; init; } = AdapterChunks.All;

    /// <summary>What a prompt switch does: none (keep the cache, Self-Forcing) or recache (re-encode it, LongLive).
    /// Release: none on Self-Forcing, recache on LongLive. Ours: none (match it to the base).</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<SwitchMode>))]
    public SwitchMode SwitchMode { get; init; } = SwitchMode.None;
}
