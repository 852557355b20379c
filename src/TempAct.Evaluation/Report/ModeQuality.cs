using TempAct.Evaluation.Metrics;

namespace TempAct.Evaluation.Report;

/// <summary>One baseline mode on the benchmark instructions: the per-video scores (in set order) and their summary.</summary>
public sealed record ModeQuality(BaselineMode Mode, TemporalSummary Summary, IReadOnlyList<TemporalScores> Videos)
{
    /// <summary>The mode's name in files and tables: global, step-none, step-recache.</summary>
    public string Name => NameOf(Mode);

    /// <summary>The name of <paramref name="mode"/>.</summary>
    public static string NameOf(BaselineMode mode) => mode switch
    {
        BaselineMode.Global => "global",
        BaselineMode.StepNone => "step-none",
        BaselineMode.StepRecache => "step-recache",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
