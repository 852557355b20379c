using TempAct.Evaluation.Metrics;

namespace TempAct.Evaluation.Report;

/// <summary>The executor on held-out single-event step prompts: how often the tracker sees the event, and the analytic
/// frame quality of the generated videos beside that of their ground-truth renders.</summary>
/// <param name="Count">Prompts measured.</param>
/// <param name="Frames">Frames a video.</param>
/// <param name="Success">Event success rate (<c>SingleEventCheck.Shows</c>), over prompts.</param>
/// <param name="GeneratedQuality">Frame quality of the generated videos.</param>
/// <param name="TruthQuality">Frame quality of the ground-truth renders of the same prompts (the ceiling).</param>
public sealed record SingleEventQuality(int Count, int Frames, ConfidenceInterval Success, ConfidenceInterval GeneratedQuality, ConfidenceInterval TruthQuality);
