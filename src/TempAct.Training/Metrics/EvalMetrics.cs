namespace TempAct.Training.Metrics;

/// <summary>One evaluation on the held-out instructions (planner with its adapters, executor with its EMA adapters, one
/// plan and one video per instruction, fixed seeds so evaluations compare across epochs).</summary>
/// <param name="Epoch">Epochs done when it ran.</param>
/// <param name="Instructions">Held-out instructions.</param>
/// <param name="SVideo">Mean S_video.</param>
/// <param name="Completion">Share of the instructions' events the tracker shows.</param>
/// <param name="SLocal">Mean S_local over every switch (window of two chunks, the step's prompt).</param>
/// <param name="Action">Mean action sub-score over every switch.</param>
/// <param name="SJudge">Mean S_judge of the plans.</param>
/// <param name="Format">Mean format score of the plans.</param>
/// <param name="FrameQuality">Mean analytic frame quality of the videos.</param>
public sealed record EvalMetrics(int Epoch, int Instructions, double SVideo, double Completion, double SLocal, double Action, double SJudge,
    double Format, double FrameQuality)
{
    /// <summary>Every value as (name, number).</summary>
    public IReadOnlyList<(string Name, double Value)> Scalars() =>
    [
        ("epoch", Epoch), ("instructions", Instructions), ("s_video", SVideo), ("completion", Completion), ("s_local", SLocal),
        ("action", Action), ("s_judge", SJudge), ("format", Format), ("frame_quality", FrameQuality),
    ];
}
