using System.Text.Json.Serialization;
using TempAct.Judges.Rewards;

namespace TempAct.Training.Config;

/// <summary>
/// Every hyper-parameter of TempAct's hierarchical planner–executor RL (configs/tempact.json): each field documents
/// TempAct's released value beside ours ("release" = TempAct's released training code). <see cref="Validate"/> is the
/// one place that checks them, naming the field.
/// </summary>
public sealed record RlConfig
{
    /// <summary>Seed of every random draw: instructions, the switch index, plans, noise, the placebo's shuffle. Each is
    /// a function of (seed, epoch, role, index), so the epoch is the whole RNG state.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The executor's adapters, optimizer group, loss and switch mode.</summary>
    public ExecutorRlConfig Executor { get; init; } = new();

    /// <summary>The planner's adapters, optimizer group, sampling and loss.</summary>
    public PlannerRlConfig Planner { get; init; } = new();

    /// <summary>P × G × K and the branch point.</summary>
    public ExplorationConfig Exploration { get; init; } = new();

    /// <summary>Training instructions' events and chunks.</summary>
    public InstructionConfig Instructions { get; init; } = new();

    /// <summary>Reward weights and the aesthetic scorer.</summary>
    public RewardConfig Rewards { get; init; } = new();

    /// <summary>AdamW, clipping, mini-batches, KL schedule.</summary>
    public OptimizerConfig Optimizer { get; init; } = new();

    /// <summary>Epochs, evaluation, checkpoints.</summary>
    public ScheduleConfig Schedule { get; init; } = new();

    /// <summary>Ablation arms (none: the full method).</summary>
    public Ablation Ablations { get; init; } = Ablation.None;

    /// <summary>Continuations per plan actually branched: K, or 1 under <see cref="Ablation.Flat"/>.</summary>
    [JsonIgnore]
    public int ContinuationsPerPlan => Ablations.HasFlag(Ablation.Flat) ? 1 : Exploration.Continuations;

    /// <summary>The reward weights in force (<see cref="Ablation.NoAesthetic"/> renormalises R_exec to S_local alone).</summary>
    [JsonIgnore]
    public RewardWeights EffectiveWeights =>
        Ablations.HasFlag(Ablation.NoAesthetic) ? Rewards.Weights with { ExecLocal = 1, ExecAesthetic = 0 } : Rewards.Weights;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field (e.g. "Exploration.Plans").</summary>
    public RlConfig Validate()
    {
        Positive("Exploration.Instructions", Exploration.Instructions);
        Check("Exploration.Plans", Exploration.Plans >= 2, Exploration.Plans, "≥ 2: a group of one plan has no spread");
        Check("Exploration.Continuations", Exploration.Continuations >= 1 && (Ablations.HasFlag(Ablation.Flat) || Exploration.Continuations >= 2),
            Exploration.Continuations, "≥ 2 (≥ 1 under Flat): a group of one continuation has no spread");
        Check("Exploration.SwitchIndices", Exploration.SwitchIndices is { Length: > 0 } && Exploration.SwitchIndices.All(k => k >= 1),
            "[" + string.Join(", ", Exploration.SwitchIndices ?? []) + "]", "a non-empty list of switch numbers ≥ 1");
        Positive("Exploration.WindowChunks", Exploration.WindowChunks);
        Check("Instructions.MinEvents", Instructions.MinEvents is >= 2 and <= World.Language.Lexicon.MaxEvents, Instructions.MinEvents,
            $"2 to {World.Language.Lexicon.MaxEvents}: an instruction of one event has no switch");
        Check("Instructions.MaxEvents", Instructions.MaxEvents >= Instructions.MinEvents && Instructions.MaxEvents <= World.Language.Lexicon.MaxEvents,
            Instructions.MaxEvents, $"MinEvents to {World.Language.Lexicon.MaxEvents}");
        Positive("Instructions.ChunksPerEvent", Instructions.ChunksPerEvent);
        CheckLora("Executor", Executor.LoraRank, Executor.LoraAlpha, Executor.LearningRate, Executor.ClipEpsilon, Executor.KlBeta);
        Check("Executor.EmaDecayMax", Executor.EmaDecayMax is >= 0 and < 1, Executor.EmaDecayMax, "in [0, 1)");
        NonEmpty("Executor.Base", Executor.Base);
        Check("Executor.AdapterChunks", Enum.IsDefined(Executor.AdapterChunks), (int)Executor.AdapterChunks, "All or Switch");
        Check("Executor.SwitchMode", Enum.IsDefined(Executor.SwitchMode), (int)Executor.SwitchMode, "None or Recache");
        CheckLora("Planner", Planner.LoraRank, Planner.LoraAlpha, Planner.LearningRate, Planner.ClipEpsilon, Planner.KlBeta);
        Check("Planner.Temperature", Planner.Temperature > 0 && double.IsFinite(Planner.Temperature), Planner.Temperature, "> 0");
        Check("Planner.TopP", Planner.TopP is > 0 and <= 1, Planner.TopP, "in (0, 1]");
        Positive("Planner.MaxAnswerTokens", Planner.MaxAnswerTokens);
        NonEmpty("Planner.Base", Planner.Base);
        NonEmpty("Rewards.Aesthetic", Rewards.Aesthetic);
        Check("Rewards.BlendPenalty", Rewards.BlendPenalty is >= 0 and <= 10, Rewards.BlendPenalty, "in [0, 10]");
        try { Rewards.Weights.Validate(); }
        catch (ArgumentException e) { throw new ArgumentException($"Rewards.Weights: {e.Message}", e); }
        Check("Optimizer.Beta1", Optimizer.Beta1 is >= 0 and < 1, Optimizer.Beta1, "in [0, 1)");
        Check("Optimizer.Beta2", Optimizer.Beta2 is >= 0 and < 1, Optimizer.Beta2, "in [0, 1)");
        Check("Optimizer.WeightDecay", Optimizer.WeightDecay >= 0, Optimizer.WeightDecay, "≥ 0");
        Check("Optimizer.GradClip", Optimizer.GradClip > 0, Optimizer.GradClip, "> 0");
        Check("Optimizer.MiniBatches", Optimizer.MiniBatches >= 1 && Optimizer.MiniBatches <= Exploration.Instructions * Exploration.Plans,
            Optimizer.MiniBatches, "1 to Instructions × Plans");
        Positive("Schedule.Epochs", Schedule.Epochs);
        Positive("Schedule.EvalEvery", Schedule.EvalEvery);
        Check("Schedule.EvalInstructions", Schedule.EvalInstructions >= 0, Schedule.EvalInstructions, "≥ 0");
        Positive("Schedule.CheckpointEvery", Schedule.CheckpointEvery);
        Positive("Schedule.KeepCheckpoints", Schedule.KeepCheckpoints);
        if (Ablations.HasFlag(Ablation.PlannerFrozen) && Ablations.HasFlag(Ablation.ExecutorFrozen))
            throw new ArgumentException("Ablations: PlannerFrozen and ExecutorFrozen together train nothing");
        return this;
    }

    private static void CheckLora(string side, int rank, double alpha, double lr, double clip, double beta)
    {
        Positive($"{side}.LoraRank", rank);
        Check($"{side}.LoraAlpha", alpha > 0 && double.IsFinite(alpha), alpha, "> 0");
        Check($"{side}.LearningRate", lr > 0 && double.IsFinite(lr), lr, "> 0");
        Check($"{side}.ClipEpsilon", clip > 0 && clip < 1, clip, "in (0, 1)");
        Check($"{side}.KlBeta", beta >= 0 && double.IsFinite(beta), beta, "≥ 0");
    }

    private static void Positive(string field, int value) => Check(field, value >= 1, value, "≥ 1");

    private static void NonEmpty(string field, string? value) => Check(field, !string.IsNullOrWhiteSpace(value), $"\"{value}\"", "a folder");

    private static void Check(string field, bool ok, object? value, string rule)
    {
        if (!ok) throw new ArgumentException($"{field} must be {rule}, got {value}");
    }
}
