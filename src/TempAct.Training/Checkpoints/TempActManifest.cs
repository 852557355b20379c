using System.Text.Json.Serialization;
using TempAct.Models.Executor;

namespace TempAct.Training.Checkpoints;

/// <summary>tempact.json: what a models/tempact-style folder holds — the base folders its adapters go on, their LoRA
/// shapes, and how the executor was trained to switch.</summary>
public sealed record TempActManifest
{
    /// <summary>The format's name and version.</summary>
    public string Format { get; init; } = TempActWeights.FormatName;
    /// <summary>The base executor's folder (relative paths are looked up from the working directory, then from the
    /// folder's parents: "models/executor-ll" beside "models/tempact").</summary>
    public string ExecutorBase { get; init; } = "";
    /// <summary>The base planner's folder (found as the executor's).</summary>
    public string PlannerBase { get; init; } = "";
    /// <summary>The executor's LoRA rank and α.</summary>
    public int ExecutorLoraRank { get; init; }
    /// <inheritdoc cref="ExecutorLoraRank"/>
    public double ExecutorLoraAlpha { get; init; }
    /// <summary>Which forwards the executor's adapters act on (all, or the chunks after a switch only); All for folders
    /// written before the field existed.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<AdapterChunks>))]
    public AdapterChunks ExecutorAdapterChunks { get; init; } = AdapterChunks.All;
    /// <summary>The planner's LoRA rank and α.</summary>
    public int PlannerLoraRank { get; init; }
    /// <inheritdoc cref="PlannerLoraRank"/>
    public double PlannerLoraAlpha { get; init; }
    /// <summary>The switch mode the executor was trained with (use it when generating).</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<SwitchMode>))]
    public SwitchMode SwitchMode { get; init; }
    /// <summary>Whether the executor was trained with look-ahead prompts.</summary>
    public bool LookAhead { get; init; }
    /// <summary>Epochs of RL and optimizer steps behind the adapters.</summary>
    public int Epochs { get; init; }
    /// <inheritdoc cref="Epochs"/>
    public long Steps { get; init; }
    /// <summary>The ablation arms the run was trained with, by their command-line names ("no-kl", …); empty for the full
    /// method and for folders written before the field existed.</summary>
    public IReadOnlyList<string> Ablations { get; init; } = [];
}
