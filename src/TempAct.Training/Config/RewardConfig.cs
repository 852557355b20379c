using System.Text.Json.Serialization;
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

    /// <summary>When true, an executor group (a plan's K continuations) whose S_local has no spread gets zero advantages:
    /// its R_exec differences come from the aesthetic term alone, and at full normalised size they would teach the
    /// aesthetic scorer's taste instead of step following (measured: with the aesthetic term off, about half the groups
    /// have no S_local spread). Release: no such gate. Ours: false (the shipped run had none).</summary>
    public bool GateAestheticOnLocalSpread { get; init; }

    /// <summary>When true, S_local's action sub-score gives an action step whose event the tracker does not detect in the
    /// window partial credit: 0.5 × the subject's measured progress toward the action by the window's last frame
    /// (<see cref="Judges.Oracle.OracleOptions.GradedAction"/>), instead of 0; detected events score as before. A denser
    /// executor reward (the thresholded one leaves most K-groups without S_local spread). Release: no such option. Ours:
    /// false.</summary>
    public bool GradedAction { get; init; }

    /// <summary>λ in R_exec − λ·blend, where blend is the share of the window's frames during which a change the tracker
    /// saw begin before the switch is still under way (<see cref="Judges.Oracle.SwitchBlending"/>): the new step's
    /// action drawn while the previous one has not finished. S_local rewards an early start of the new action and says
    /// nothing of the previous one; the full-video score penalises the overlap (measured on the Self-Forcing-like base:
    /// pairs whose events started 3.4 frames sooner blended more and lost S_video). 0 leaves R_exec as released and
    /// skips the tracking. Release: no such term. Ours: 0.</summary>
    public double BlendPenalty { get; init; }

    /// <summary>A sanity probe of the executor's policy gradient instead of TempAct's R_exec (never for a real run):
    /// <see cref="ProbeReward.Brightness"/> rewards the mean intensity of chunk b, a reward every continuation differs in
    /// and that the trained chunk alone decides, so a correct update must raise it within tens of epochs. Ours: None.</summary>
    public ProbeReward Probe { get; init; } = ProbeReward.None;
}

/// <summary>What <see cref="RewardConfig.Probe"/> replaces R_exec with.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProbeReward>))]
public enum ProbeReward
{
    /// <summary>TempAct's R_exec (no probe).</summary>
    None,
    /// <summary>R_exec = the mean pixel intensity of the trained chunk b (0–1).</summary>
    Brightness,
}
