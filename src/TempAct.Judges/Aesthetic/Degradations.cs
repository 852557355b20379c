using TempAct.World.Scenes;

namespace TempAct.Judges.Aesthetic;

/// <summary>
/// Spoils one frame (planar RGB [3, H, W] in [−1, 1], as in <see cref="World.Rendering.Video.Data"/>) in one of the
/// <see cref="DegradationKind"/> ways, with a severity drawn from the given <see cref="Random"/>. Pure C#, deterministic.
/// The shape degradations find objects as pixels whose palette fit (<see cref="Palette.Fit"/>) is at least half opaque;
/// on a frame with no object they blur instead (documented fallback, never silent: <see cref="Apply"/> reports it).
/// </summary>
public static class Degradations
{
    /// <summary>All kinds, in enum order.</summary>
    public static IReadOnlyList<DegradationKind> All { get; } = Enum.GetValues<DegradationKind>();

    /// <summary>A spoiled copy of <paramref name="frame"/>; <paramref name="applied"/> is the kind actually used.</summary>
    public static float[] Apply(ReadOnlySpan<float> frame, int height, int width, DegradationKind kind, Random rng, out DegradationKind applied)
    {
        if (frame.Length != 3 * height * width) throw new ArgumentException($"a frame of {height}×{width} has {3 * height * width} values, got {frame.Length}");
        var src = frame.ToArray();
        applied = kind;
        switch (kind)
        {
            case DegradationKind.Blur: return Blur(src, height, width, 0.7 + 0.8 * rng.NextDouble());
            case DegradationKind.Noise: return Noise(src, 0.08 + 0.17 * rng.NextDouble(), rng);
            case DegradationKind.ColorBleed: return Bleed(src, height, width, rng);
            case DegradationKind.Smear: return Smear(src, height, width, rng);
        }
        var mask = ObjectMask(src, height, width, 0.5f);
        if (mask.Count(m => m) < 4)
        {
            applied = DegradationKind.Blur;
            return Blur(src, height, width, 0.7 + 0.8 * rng.NextDouble());
        }
        return kind == DegradationKind.BrokenShape ? Break(src, height, width, mask, rng) : Double(src, height, width, rng);
    }

    /// <summary>A spoiled copy, ignoring which kind was applied.</summary>
    public static float[] Apply(ReadOnlySpan<float> frame, int height, int width, DegradationKind kind, Random rng) =>
        Apply(frame, height, width, kind, rng, out _);

    private static float[] Blur(float[] src, int h, int w, double sigma)
    {
        var k = new float[5];
        for (int i = 0; i < 5; i++) k[i] = (float)Math.Exp(-(i - 2) * (i - 2) / (2 * sigma * sigma));
        float sum = k.Sum();
        for (int i = 0; i < 5; i++) k[i] /= sum;
        var tmp = new float[src.Length];
        var dst = new float[src.Length];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    float a = 0;
                    for (int i = -2; i <= 2; i++) a += k[i + 2] * src[(c * h + y) * w + Math.Clamp(x + i, 0, w - 1)];
                    tmp[(c * h + y) * w + x] = a;
                }
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    float a = 0;
                    for (int i = -2; i <= 2; i++) a += k[i + 2] * tmp[(c * h + Math.Clamp(y + i, 0, h - 1)) * w + x];
                    dst[(c * h + y) * w + x] = a;
                }
        return dst;
    }

    private static float[] Noise(float[] src, double sigma, Random rng)
    {
        var dst = new float[src.Length];
        for (int i = 0; i < src.Length; i++)
        {
            // Box–Muller from the explicit generator.
            double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
            double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            dst[i] = Math.Clamp(src[i] + (float)(sigma * z), -1f, 1f);
        }
        return dst;
    }

    private static float[] Bleed(float[] src, int h, int w, Random rng)
    {
        var (dx, dy) = Direction(rng);
        int d = rng.Next(1, 3);
        var dst = (float[])src.Clone();
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                dst[(0 * h + y) * w + x] = src[(0 * h + Math.Clamp(y + d * dy, 0, h - 1)) * w + Math.Clamp(x + d * dx, 0, w - 1)];
                dst[(2 * h + y) * w + x] = src[(2 * h + Math.Clamp(y - d * dy, 0, h - 1)) * w + Math.Clamp(x - d * dx, 0, w - 1)];
            }
        return dst;
    }

    private static float[] Smear(float[] src, int h, int w, Random rng)
    {
        var (dx, dy) = Direction(rng);
        int taps = rng.Next(3, 6);
        var dst = new float[src.Length];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    float a = 0;
                    for (int k = 0; k < taps; k++) a += src[(c * h + Math.Clamp(y - k * dy, 0, h - 1)) * w + Math.Clamp(x - k * dx, 0, w - 1)];
                    dst[(c * h + y) * w + x] = a / taps;
                }
        return dst;
    }

    /// <summary>Cuts a band across one object, through its centre (±1 px): every pixel within the band's half width of
    /// the line, on or next to the object, becomes background — the shape falls apart in two.</summary>
    private static float[] Break(float[] src, int h, int w, bool[] mask, Random rng)
    {
        // The object: the 8-connected component of a random solid pixel; its centroid anchors the cut.
        var objectPixels = Enumerable.Range(0, h * w).Where(i => mask[i]).ToArray();
        var component = Component(mask, h, w, objectPixels[rng.Next(objectPixels.Length)]);
        double cx = component.Average(i => i % w + 0.5) + 2 * rng.NextDouble() - 1;
        double cy = component.Average(i => i / w + 0.5) + 2 * rng.NextDouble() - 1;
        double angle = rng.NextDouble() * Math.PI, half = (1.2 + rng.NextDouble()) / 2;
        double nx = -Math.Sin(angle), ny = Math.Cos(angle); // the band's normal
        var near = ObjectMask(src, h, w, 0.1f);
        var dst = (float[])src.Clone();
        var bg = Palette.Background;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int i = y * w + x;
                if (!near[i] || Math.Abs((x + 0.5 - cx) * nx + (y + 0.5 - cy) * ny) > half) continue;
                dst[i] = 2 * bg.R - 1; dst[h * w + i] = 2 * bg.G - 1; dst[2 * h * w + i] = 2 * bg.B - 1;
            }
        return dst;
    }

    /// <summary>The 8-connected pixels of <paramref name="mask"/> reachable from <paramref name="seed"/>.</summary>
    private static List<int> Component(bool[] mask, int h, int w, int seed)
    {
        var seen = new bool[h * w];
        var result = new List<int> { seed };
        seen[seed] = true;
        for (int k = 0; k < result.Count; k++)
        {
            int p = result[k], py = p / w, px = p % w;
            for (int y = Math.Max(py - 1, 0); y <= Math.Min(py + 1, h - 1); y++)
                for (int x = Math.Max(px - 1, 0); x <= Math.Min(px + 1, w - 1); x++)
                {
                    int q = y * w + x;
                    if (!mask[q] || seen[q]) continue;
                    seen[q] = true; result.Add(q);
                }
        }
        return result;
    }

    /// <summary>Blends a shifted copy of the frame's foreground over it: out = lerp(out, shifted, opacity·alpha).</summary>
    private static float[] Double(float[] src, int h, int w, Random rng)
    {
        var near = ObjectMask(src, h, w, 0.05f);
        double angle = rng.NextDouble() * 2 * Math.PI, distance = 4 + 5 * rng.NextDouble();
        int ox = (int)Math.Round(distance * Math.Cos(angle)), oy = (int)Math.Round(distance * Math.Sin(angle));
        float opacity = (float)(0.6 + 0.4 * rng.NextDouble());
        var dst = (float[])src.Clone();
        int plane = h * w;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int sx = x - ox, sy = y - oy;
                if (sx < 0 || sy < 0 || sx >= w || sy >= h || !near[sy * w + sx]) continue;
                int s = sy * w + sx, i = y * w + x;
                var (_, alpha) = Palette.Fit((src[s] + 1) / 2, (src[plane + s] + 1) / 2, (src[2 * plane + s] + 1) / 2);
                float a = opacity * alpha;
                for (int c = 0; c < 3; c++) dst[c * plane + i] = dst[c * plane + i] * (1 - a) + src[c * plane + s] * a;
            }
        return dst;
    }

    /// <summary>Pixels whose palette-fit alpha reaches <paramref name="threshold"/>.</summary>
    private static bool[] ObjectMask(float[] src, int h, int w, float threshold)
    {
        int plane = h * w;
        var mask = new bool[plane];
        for (int i = 0; i < plane; i++)
            mask[i] = Palette.Fit((src[i] + 1) / 2, (src[plane + i] + 1) / 2, (src[2 * plane + i] + 1) / 2).Alpha >= threshold;
        return mask;
    }

    private static (int Dx, int Dy) Direction(Random rng)
    {
        int k = rng.Next(8);
        return k switch { 0 => (1, 0), 1 => (-1, 0), 2 => (0, 1), 3 => (0, -1), 4 => (1, 1), 5 => (-1, -1), 6 => (1, -1), _ => (-1, 1) };
    }
}
