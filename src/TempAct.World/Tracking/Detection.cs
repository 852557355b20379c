using TempAct.World.Scenes;

namespace TempAct.World.Tracking;

/// <summary>
/// One blob of foreground pixels in one frame: its colour (the palette colour holding most of its alpha mass), shape,
/// alpha-weighted centroid, size and opacity. Positions are in canvas pixels, pixel (x, y) covering [x, x+1) × [y, y+1).
/// </summary>
/// <param name="Frame">Frame index.</param>
/// <param name="Color">Palette colour with the largest share of the blob's alpha mass.</param>
/// <param name="Shape">Shape class from the blob's moments (vertical skew for triangles, x²y² correlation for circles).</param>
/// <param name="Size">Size class of <see cref="Radius"/>.</param>
/// <param name="X">Alpha-weighted centroid, horizontal.</param>
/// <param name="Y">Alpha-weighted centroid, vertical (grows downwards).</param>
/// <param name="Radius">Equivalent radius of <see cref="Shape"/> with the blob's second moment (independent of opacity).</param>
/// <param name="Mass">Summed alpha over the blob's support, less the frame's noise floor per pixel (area × opacity;
/// anti-aliased and blurred edges included).</param>
/// <param name="Alpha">Estimated opacity in [0, 1]: the mean alpha of the blob's three strongest pixels.</param>
/// <param name="PixelCount">Foreground pixels in the blob (alpha ≥ <see cref="TrackerOptions.MinPixelAlpha"/>).</param>
/// <param name="Support">Pixels measured: the foreground pixels and their 8-neighbours, where faint edges live.</param>
/// <param name="ColorMass">Alpha mass of the foreground pixels per palette colour, indexed by <see cref="ColorName"/>.</param>
/// <param name="ColorSum">Summed RGB deviation from the background over the support: blur and anti-aliasing only move
/// colour around, so its direction measures the colour mix of the blob (a turn's wipe) without per-pixel guessing.</param>
/// <param name="Skew">Vertical skewness of the alpha distribution (about −0.5 for an upright triangle, 0 otherwise).</param>
/// <param name="Cross">μ22 / (μ20·μ02): about 1 for a square, 2/3 for a sharp circle.</param>
public sealed record Detection(
    int Frame, ColorName Color, ShapeKind Shape, SizeClass Size, float X, float Y, float Radius, float Mass, float Alpha,
    int PixelCount, int Support, IReadOnlyList<float> ColorMass, (float R, float G, float B) ColorSum, float Skew, float Cross)
{
    /// <summary>Summed alpha of the foreground pixels over all colours (the denominator of colour shares).</summary>
    internal float ColorTotal { get; } = Math.Max(ColorMass.Sum(), 1e-6f);

    /// <summary>True when the blob is at least half opaque (a fading object below that is still tracked, but faint).</summary>
    public bool Visible => Alpha >= 0.5f;

    /// <summary>Share of the blob's mass held by its dominant colour (1 for a single-coloured object).</summary>
    public float ColorShare => ColorMass[(int)Color] / ColorTotal;

    /// <summary>The canonical name of what this blob looks like: colour + shape, "red circle".</summary>
    public string Name => $"{Color.Word()} {Shape.Word()}";
}
