namespace TempAct.Evaluation.Metrics;

/// <summary>The temporal metrics of a set of videos: each a mean with its 95% interval over the videos where the metric
/// is defined (order, delay and blending may be undefined for a video; see <see cref="TemporalScores"/>).</summary>
/// <param name="Videos">Videos measured.</param>
/// <param name="SVideo">S_video (Temporal-Following score).</param>
/// <param name="Completion">Event completion rate.</param>
/// <param name="Order">Order accuracy.</param>
/// <param name="Delay">Transition delay in frames.</param>
/// <param name="Blending">Blending rate.</param>
/// <param name="FrameQuality">Analytic frame quality.</param>
public sealed record TemporalSummary(int Videos, ConfidenceInterval SVideo, ConfidenceInterval Completion, ConfidenceInterval Order,
    ConfidenceInterval Delay, ConfidenceInterval Blending, ConfidenceInterval FrameQuality)
{
    /// <summary>Summarises per-video scores.</summary>
    public static TemporalSummary Of(IReadOnlyList<TemporalScores> videos) => new(
        videos.Count,
        ConfidenceInterval.Of(videos.Select(v => v.SVideo)),
        ConfidenceInterval.Of(videos.Select(v => v.Completion)),
        ConfidenceInterval.Of(videos.Where(v => v.Order.HasValue).Select(v => v.Order!.Value)),
        ConfidenceInterval.Of(videos.Where(v => v.Delay.HasValue).Select(v => v.Delay!.Value)),
        ConfidenceInterval.Of(videos.Where(v => v.Blending.HasValue).Select(v => v.Blending!.Value)),
        ConfidenceInterval.Of(videos.Select(v => v.FrameQuality)));
}
