namespace TempAct.Judges.Aesthetic;

/// <summary>The analytic frame quality of one frame or the mean over a video's frames, each part in [0, 1].</summary>
/// <param name="Total">Mean of the three parts.</param>
/// <param name="PalettePurity">Pixels are background + alpha·(a palette colour − background): no off-palette colours, no noise.</param>
/// <param name="EdgeSharpness">Partly covered pixels sit on a one-pixel edge between an object's core and the background.</param>
/// <param name="ShapeRegularity">Each blob fills the area its spread predicts for the best-fitting world shape.</param>
public sealed record FrameQualityScore(double Total, double PalettePurity, double EdgeSharpness, double ShapeRegularity);
