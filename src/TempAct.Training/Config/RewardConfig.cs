using TempAct.Judges.Rewards;

namespace TempAct.Training.Config;

/// <summary>The judges behind the rewards: the oracle judges (nothing to configure) and the learned aesthetic scorer,
/// with every reward weight.</summary>
public sealed record RewardConfig
{
    /// <summary>R_plan = mean_k[0.85·S_video + 0.15·S_judge] − 0.5·(1 − f); R_exec = 0.6·S_local + 0.4·S_aes, and the
    /// judges' own sub-score weights. Release: these. Ours: these.</summary>
    public RewardWeights Weights { get; init; } = RewardWeights.Default;

    /// <summary>The aesthetic scorer's checkpoint folder (S_aes). Release: PickScore. Ours: models/aesthetic.</summary>
    public string Aesthetic { get; init; } = "models/aesthetic";
}
