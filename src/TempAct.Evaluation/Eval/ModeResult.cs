using TempAct.Evaluation.Metrics;
using TempAct.Models.Executor;

namespace TempAct.Evaluation.Eval;

/// <summary>The results of one mode: every metric's mean with its 95% interval over instructions × seeds (over the
/// videos where the metric is defined), and the per-video scores.</summary>
/// <param name="Mode">The mode.</param>
/// <param name="Temporal">S_video, completion, order, delay, blending and frame quality.</param>
/// <param name="Aesthetic">The learned aesthetic score.</param>
/// <param name="Identity">Identity consistency.</param>
/// <param name="Videos">Per-video scores, instruction-major (instruction i, seed s at i × seeds + s).</param>
/// <param name="PlanFallbacks">Videos whose plan was unusable and that fell back to the instruction on every chunk.</param>
public sealed record ModeResult(EvalMode Mode, TemporalSummary Temporal, ConfidenceInterval Aesthetic, ConfidenceInterval Identity,
    IReadOnlyList<VideoScores> Videos, int PlanFallbacks)
{
    /// <summary>The switch mode its videos were generated with (none for single; a fixed one for "-recache"/"-none"
    /// modes; else the run's).</summary>
    public SwitchMode Switch { get; init; }

    /// <summary>Whether its chunk prompts looked ahead ("s_m ; s_{m+1}").</summary>
    public bool LookAhead { get; init; }

    /// <summary>Summarises per-video scores.</summary>
    public static ModeResult Of(EvalMode mode, IReadOnlyList<VideoScores> videos, int planFallbacks) => new(
        mode,
        TemporalSummary.Of(videos.Select(v => v.Temporal).ToList()),
        ConfidenceInterval.Of(videos.Select(v => v.Aesthetic)),
        ConfidenceInterval.Of(videos.Where(v => v.Identity.HasValue).Select(v => v.Identity!.Value)),
        videos, planFallbacks);
}
