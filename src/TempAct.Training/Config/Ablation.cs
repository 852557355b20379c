using System.Text.Json.Serialization;

namespace TempAct.Training.Config;

/// <summary>
/// The ablation arms of a run, combinable (JSON: "Flat, NoKl"). <see cref="None"/> is TempAct as published, with the
/// planner trained (the paper trains it; the release ships it frozen, which is <see cref="PlannerFrozen"/>).
/// </summary>
[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<Ablation>))]
public enum Ablation
{
    /// <summary>The full method.</summary>
    None = 0,
    /// <summary>Flat exploration: G plans × 1 continuation, no shared prefix; the executor's groups are then the G
    /// videos of one instruction (GRPO over whole videos) instead of the K continuations of one plan.</summary>
    Flat = 1,
    /// <summary>The planner is not updated (its adapters stay zero): TempAct's released configuration.</summary>
    PlannerFrozen = 2,
    /// <summary>The executor is not updated: only the planner learns.</summary>
    ExecutorFrozen = 4,
    /// <summary>No KL terms (β = 0 for both policies).</summary>
    NoKl = 8,
    /// <summary>No aesthetic term: R_exec = S_local (the weights renormalised to 1 and 0, so R_exec stays in [0, 1]).</summary>
    NoAesthetic = 16,
    /// <summary>The planner's spans are replaced by uniform ones before execution (its prompts kept): the spans stop
    /// mattering, isolating what the planner's span choice adds.</summary>
    UniformSpans = 32,
    /// <summary>Look-ahead conditioning: step m is prompted "s_m ; s_{m+1}" (the release's conditioning).</summary>
    LookAhead = 64,
    /// <summary>The placebo: every epoch's advantages are shuffled across its continuations (and across its plans)
    /// before the update, so the update carries no information about which sample was better. It must not improve.</summary>
    ShuffledAdvantages = 128,
}
