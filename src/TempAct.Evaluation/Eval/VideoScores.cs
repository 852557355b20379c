using TempAct.Evaluation.Metrics;

namespace TempAct.Evaluation.Eval;

/// <summary>Every metric of one `eval` video.</summary>
/// <param name="Temporal">The temporal-following metrics, S_video and frame quality (<see cref="TemporalMetrics"/>).</param>
/// <param name="Aesthetic">The learned aesthetic score in [0, 1].</param>
/// <param name="Identity">Identity consistency in [0, 1] (<see cref="IdentityConsistency"/>); null when nothing was visible.</param>
public sealed record VideoScores(TemporalScores Temporal, double Aesthetic, double? Identity)
{
    /// <summary>The instruction's index in the set (the pairing key across modes, with <see cref="Seed"/>).</summary>
    public int Item { get; init; }

    /// <summary>Which of the instruction's seeds (0 … seeds − 1) made this video.</summary>
    public int Seed { get; init; }

    /// <summary>The value of one metric by its results.json key (<see cref="EvalReport.Metrics"/>); null where the
    /// metric is undefined for this video (no order without two events, no delay without a detected onset, …).</summary>
    public double? Value(string key) => key switch
    {
        "tfs" => Temporal.SVideo,
        "completion" => Temporal.Completion,
        "order_accuracy" => Temporal.Order,
        "transition_delay" => Temporal.Delay,
        "blending" => Temporal.Blending,
        "frame_quality" => Temporal.FrameQuality,
        "aesthetic" => Aesthetic,
        "identity" => Identity,
        _ => throw new ArgumentException($"no metric named '{key}'", nameof(key)),
    };
}
