using TempAct.World.Rendering;

namespace TempAct.Evaluation.Report;

/// <summary>An example kept for the report's GIFs: named panels (generated videos, then the ground truth) of one prompt.</summary>
/// <param name="Name">File stem, e.g. "single_000".</param>
/// <param name="Text">The prompt or instruction.</param>
/// <param name="Panels">Panel captions and videos, left to right; all of one shape.</param>
public sealed record QualitySample(string Name, string Text, IReadOnlyList<(string Caption, Video Video)> Panels);
