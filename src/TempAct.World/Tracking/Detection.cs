using TempAct.World.Rendering;
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
/// <param name="Mass">Summed alpha of the blob's pixels (area × opacity).</param>
/// <param name="Alpha">Estimated opacity in [0, 1]: the mean alpha of the blob's three strongest pixels.</param>
/// <param name="PixelCount">Foreground pixels in the blob.</param>
/// <param name="ColorMass">Alpha mass per palette colour, indexed by <see cref="ColorName"/>.</param>
/// <param name="Skew">Vertical skewness of the alpha distribution (about −0.5 for an upright triangle, 0 otherwise).</param>
/// <param name="Cross">μ22 / (μ20·μ02): about 1 for a square, 2/3 for a sharp circle.</param>
public sealed record Detection(
    int Frame, ColorName Color, ShapeKind Shape, SizeClass Size, float X, float Y, float Radius, float Mass, float Alpha,
    int PixelCount, IReadOnlyList<float> ColorMass, float Skew, float Cross)
{
    /// <summary>True when the blob is at least half opaque (a fading object below that is still tracked, but faint).</summary>
    public bool Visible => Alpha >= 0.5f;

    /// <summary>Share of the blob's mass held by its dominant colour (1 for a single-coloured object).</summary>
    public float ColorShare => Mass > 0 ? ColorMass[(int)Color] / Mass : 0f;

    /// <summary>The canonical name of what this blob looks like: colour + shape, "red circle".</summary>
    public string Name => $"{Color.Word()} {Shape.Word()}";
}

/// <summary>Finds the blobs of one frame: palette fit per pixel, 8-connected components, moments, shape and size.</summary>
internal sealed class FrameDetector
{
    private const int Colors = 7;
    private const float PixelVariance = 1f / 6f; // x and y pixel quantisation, 1/12 each

    // Second moment (μ20 + μ02) of each shape at radius 1, indexed by ShapeKind.
    private static readonly float[] SpreadCoefficient = ComputeSpreadCoefficients();

    private readonly TrackerOptions options;
    private readonly int height, width;
    private readonly float[] alpha;
    private readonly byte[] color;
    private readonly bool[] seen;
    private readonly int[] queue;

    /// <summary>Creates a detector with buffers for frames of the given size.</summary>
    public FrameDetector(int height, int width, TrackerOptions options)
    {
        this.options = options; this.height = height; this.width = width;
        alpha = new float[height * width]; color = new byte[height * width];
        seen = new bool[height * width]; queue = new int[height * width];
    }

    /// <summary>The accepted blobs of frame <paramref name="t"/>, largest mass first.</summary>
    public List<Detection> Detect(Video video, int t)
    {
        int plane = height * width;
        var data = video.Data;
        int baseR = t * 3 * plane, baseG = baseR + plane, baseB = baseG + plane;
        for (int i = 0; i < plane; i++)
        {
            float r = (data[baseR + i] + 1) * 0.5f, g = (data[baseG + i] + 1) * 0.5f, b = (data[baseB + i] + 1) * 0.5f;
            if (!float.IsFinite(r) || !float.IsFinite(g) || !float.IsFinite(b)) { alpha[i] = 0; color[i] = 0; continue; }
            var (c, a) = Palette.Fit(r, g, b);
            alpha[i] = a; color[i] = (byte)c;
        }
        Array.Clear(seen);
        var result = new List<Detection>();
        for (int start = 0; start < plane; start++)
        {
            if (seen[start] || alpha[start] < options.MinPixelAlpha) continue;
            int count = Flood(start);
            if (Describe(t, count) is { } d) result.Add(d);
        }
        result.Sort((p, q) => q.Mass.CompareTo(p.Mass));
        return result;
    }

    /// <summary>Collects the 8-connected foreground component of <paramref name="start"/> into the queue.</summary>
    private int Flood(int start)
    {
        int head = 0, tail = 0;
        queue[tail++] = start; seen[start] = true;
        while (head < tail)
        {
            int p = queue[head++], py = p / width, px = p - py * width;
            for (int dy = -1; dy <= 1; dy++)
            {
                int y = py + dy;
                if (y < 0 || y >= height) continue;
                for (int dx = -1; dx <= 1; dx++)
                {
                    int x = px + dx;
                    if (x < 0 || x >= width) continue;
                    int q = y * width + x;
                    if (seen[q] || alpha[q] < options.MinPixelAlpha) continue;
                    seen[q] = true; queue[tail++] = q;
                }
            }
        }
        return tail;
    }

    /// <summary>Measures the component in queue[0..count) and returns it when it passes the blob filters.</summary>
    private Detection? Describe(int t, int count)
    {
        if (count > options.MaxPixels) return null;
        double m = 0, sx = 0, sy = 0;
        int minX = int.MaxValue, maxX = int.MinValue, minY = int.MaxValue, maxY = int.MinValue;
        float top1 = 0, top2 = 0, top3 = 0;
        var colorMass = new float[Colors];
        for (int k = 0; k < count; k++)
        {
            int p = queue[k], y = p / width, x = p - y * width;
            float a = alpha[p];
            m += a; sx += a * (x + 0.5); sy += a * (y + 0.5);
            colorMass[color[p]] += a;
            minX = Math.Min(minX, x); maxX = Math.Max(maxX, x); minY = Math.Min(minY, y); maxY = Math.Max(maxY, y);
            if (a > top1) { top3 = top2; top2 = top1; top1 = a; }
            else if (a > top2) { top3 = top2; top2 = a; }
            else if (a > top3) top3 = a;
        }
        float peak = count >= 3 ? (top1 + top2 + top3) / 3 : top1 * count / 3f;
        if (m < options.MinMass || peak < options.MinPeakAlpha) return null;
        if (maxX - minX + 1 > options.MaxExtent || maxY - minY + 1 > options.MaxExtent) return null;
        double cx = sx / m, cy = sy / m;
        double m20 = 0, m02 = 0, m03 = 0, m22 = 0;
        for (int k = 0; k < count; k++)
        {
            int p = queue[k], y = p / width, x = p - y * width;
            double a = alpha[p], dx = x + 0.5 - cx, dy = y + 0.5 - cy, dx2 = dx * dx, dy2 = dy * dy;
            m20 += a * dx2; m02 += a * dy2; m03 += a * dy2 * dy; m22 += a * dx2 * dy2;
        }
        m20 /= m; m02 /= m; m03 /= m; m22 /= m;
        float skew = m02 > 1e-6 ? (float)(m03 / Math.Pow(m02, 1.5)) : 0f;
        float cross = m20 * m02 > 1e-9 ? (float)(m22 / (m20 * m02)) : 1f;
        var shape = ClassifyShape(skew, cross);
        float spread = (float)Math.Max(m20 + m02 - PixelVariance, 0.05);
        float radius = MathF.Sqrt(spread / SpreadCoefficient[(int)shape]);
        var size = radius < (WorldGeometry.SmallRadius + WorldGeometry.LargeRadius) / 2 ? SizeClass.Small : SizeClass.Large;
        int best = 0;
        for (int c = 1; c < Colors; c++) if (colorMass[c] > colorMass[best]) best = c;
        return new Detection(t, (ColorName)best, shape, size, (float)cx, (float)cy, radius, (float)m, Math.Min(peak, 1f), count,
            colorMass, skew, cross);
    }

    /// <summary>Triangles are skewed towards their base; circles have strongly anti-correlated x² and y², squares not.</summary>
    internal static ShapeKind ClassifyShape(float skew, float cross) =>
        skew < -0.2f ? ShapeKind.Triangle : cross < 0.87f ? ShapeKind.Circle : ShapeKind.Square;

    /// <summary>μ20 + μ02 of each shape at radius 1, by fine sampling of <see cref="WorldGeometry.Contains"/>.</summary>
    private static float[] ComputeSpreadCoefficients()
    {
        var result = new float[3];
        const int steps = 400;
        foreach (var shape in Enum.GetValues<ShapeKind>())
        {
            double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
            for (int i = 0; i < steps; i++)
                for (int j = 0; j < steps; j++)
                {
                    float x = -1.2f + 2.4f * (j + 0.5f) / steps, y = -1.2f + 2.4f * (i + 0.5f) / steps;
                    if (!WorldGeometry.Contains(shape, 0, 0, 1, x, y)) continue;
                    n++; sx += x; sy += y; sxx += x * x; syy += y * y;
                }
            double mx = sx / n, my = sy / n;
            result[(int)shape] = (float)(sxx / n - mx * mx + syy / n - my * my);
        }
        return result;
    }
}
