namespace TempAct.World.Tracking;

/// <summary>
/// Tunables of the <see cref="Tracker"/>; the defaults are calibrated on ground-truth renders with and without Gaussian
/// noise and blur (see the tracking tests) and are what every judge and metric uses.
/// </summary>
/// <param name="MinPixelAlpha">A pixel is foreground when its <see cref="Scenes.Palette.Fit"/> alpha reaches this.</param>
/// <param name="PixelNoiseSigmas">On very noisy frames the foreground threshold rises to this many standard deviations of
/// the frame's pixel noise (in alpha units), so noise alone does not form blobs.</param>
/// <param name="NoiseFloorSigmas">Alpha subtracted from every measured pixel, in units of the frame's pixel noise, so the
/// clipped-positive noise of the faint ring around a blob does not bias its mass and moments (0 on clean frames).</param>
/// <param name="SplitAlpha">A blob with two or more separate cores of pixels at least this opaque is split between them.</param>
/// <param name="SplitExtent">Only blobs at least this wide or tall (pixels) are considered for splitting.</param>
/// <param name="MinMass">Least summed alpha of a blob to be reported at all (specks below it are ignored).</param>
/// <param name="MinPeakAlpha">Least opacity (mean of the three strongest pixels) of a blob to be reported.</param>
/// <param name="MaxPixels">Most foreground pixels of one blob; larger blobs (floods of noise, blank white) are rejected.</param>
/// <param name="MaxExtent">Widest or tallest a blob may be in pixels.</param>
/// <param name="ConfidentMass">Least mass of a blob that may start a new track (weaker blobs only continue tracks).</param>
/// <param name="ConfidentAlpha">Least opacity of a blob that may start a new track.</param>
/// <param name="MaxLinkDistance">Farthest a tracked object may move between consecutive frames (pixels).</param>
/// <param name="ReappearDistance">Farthest from its last place an object may reappear and keep its track (pixels).</param>
/// <param name="MinTrackFrames">Tracks seen in fewer frames than this are dropped as flicker.</param>
/// <param name="PositionChange">Centroid shift between frames (pixels) that counts as a change.</param>
/// <param name="MassChange">Relative mass change between frames that counts as a change (on noise-free frames).</param>
/// <param name="ColorChange">Change of the colour shares (half the L1 distance) or of the direction of the summed colour
/// that counts as a change (on noise-free frames).</param>
/// <param name="WeakChange">Hysteresis: frames scoring at least this fraction of a change extend a run of changes.</param>
/// <param name="OpeningWeakChange">The hysteresis fraction for frame 1, where a change that began in frame 0 (so its
/// first step is invisible) may show only faintly.</param>
/// <param name="NoiseSigmas">How many standard deviations of the measured pixel noise a change must add on top.</param>
/// <param name="ColorNoise">Standard deviation of a colour share per unit of per-pixel alpha noise (calibrated).</param>
/// <param name="RefineSigmas">How far (in noise standard deviations) a frame before a gradual change must already have
/// moved towards the change's final state to count as its first frame.</param>
/// <param name="MergeGap">Most quiet frames inside one change (a grow, shrink or fade the renderer shows in steps, or a
/// slow motion dipping under the threshold) before it counts as two.</param>
/// <param name="MoveDistance">Least net displacement (pixels) of a move.</param>
/// <param name="JumpRise">Least rise (pixels) above the start and end positions that makes a jump.</param>
/// <param name="SizeRatio">Least radius ratio (after/before or before/after, read from the mass ratio as √(m₁/m₀)) of a
/// grow or shrink; ShapeWorld's is 1.5.</param>
/// <param name="FadeRatio">Least mass ratio at unchanged size that makes an appear (or vanish) of a blob that stays
/// visible throughout (one already half visible in frame 0, say).</param>
public sealed record TrackerOptions(
    float MinPixelAlpha = 0.15f,
    float PixelNoiseSigmas = 4f,
    float NoiseFloorSigmas = 1f,
    float SplitAlpha = 0.5f,
    int SplitExtent = 14,
    float MinMass = 2.0f,
    float MinPeakAlpha = 0.2f,
    int MaxPixels = 200,
    int MaxExtent = 18,
    float ConfidentMass = 5f,
    float ConfidentAlpha = 0.35f,
    float MaxLinkDistance = 8f,
    float ReappearDistance = 4f,
    int MinTrackFrames = 2,
    float PositionChange = 0.5f,
    float MassChange = 0.01f,
    float ColorChange = 0.02f,
    float WeakChange = 0.7f,
    float OpeningWeakChange = 0.3f,
    float NoiseSigmas = 3.0f,
    float ColorNoise = 0.6f,
    float RefineSigmas = 2.5f,
    int MergeGap = 2,
    float MoveDistance = 5f,
    float JumpRise = 2.5f,
    float SizeRatio = 1.2f,
    float FadeRatio = 1.5f)
{
    /// <summary>The calibrated defaults.</summary>
    public static TrackerOptions Default { get; } = new();
}
