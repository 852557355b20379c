using TempAct.World.Rendering;
using TempAct.World.Scenes;

namespace TempAct.Judges.Aesthetic;

/// <summary>
/// An analytic frame-quality metric for evaluation — deliberately not the learned aesthetic reward, so a policy trained
/// on S_aes is measured by a different function. Three parts, averaged (docs/rewards.md, "Frame quality"):
/// palette purity, edge sharpness and shape regularity.
/// </summary>
public static class FrameQuality
{
    private const float Foreground = 0.15f;      // palette-fit alpha of a pixel that belongs to a blob
    private const float PurityScale = 0.08f;     // RGB residual (in [0, 1] units) that costs a pixel all its purity

    /// <summary>Mean quality over the frames of a video.</summary>
    public static FrameQualityScore Score(Video video)
    {
        int per = 3 * video.Height * video.Width;
        var scores = Enumerable.Range(0, video.Frames)
            .Select(t => Score(video.Data.AsSpan(t * per, per).ToArray(), video.Height, video.Width)).ToList();
        return new FrameQualityScore(scores.Average(s => s.Total), scores.Average(s => s.PalettePurity),
            scores.Average(s => s.EdgeSharpness), scores.Average(s => s.ShapeRegularity));
    }

    /// <summary>Quality of one planar frame [3, H, W] in [−1, 1].</summary>
    public static FrameQualityScore Score(float[] frame, int height, int width)
    {
        int plane = height * width;
        var alpha = new float[plane];
        double purity = 0;
        var bg = Palette.Background;
        for (int i = 0; i < plane; i++)
        {
            float r = (frame[i] + 1) / 2, g = (frame[plane + i] + 1) / 2, b = (frame[2 * plane + i] + 1) / 2;
            var (c, a) = Palette.Fit(r, g, b);
            alpha[i] = a;
            var p = Palette.Rgb(c);
            float er = r - bg.R - a * (p.R - bg.R), eg = g - bg.G - a * (p.G - bg.G), eb = b - bg.B - a * (p.B - bg.B);
            purity += Math.Max(0, 1 - MathF.Sqrt(er * er + eg * eg + eb * eb) / PurityScale);
        }
        var (sharpness, regularity) = Blobs(alpha, height, width);
        purity /= plane;
        return new FrameQualityScore((purity + sharpness + regularity) / 3, purity, sharpness, regularity);
    }

    /// <summary>
    /// Edge sharpness and shape regularity over the 8-connected blobs of foreground pixels. Alphas are divided by the
    /// blob's peak, so a half-faded object is judged like an opaque one. Sharpness: share of partly covered pixels
    /// (0.1–0.9 of the peak) with a 4-neighbour in the core (≥ 0.9) and one outside (≤ 0.1), as a 1-px anti-aliased edge
    /// has. Regularity: 1 − 2·|mass / predicted area − 1| (clipped), best over the three shapes, where the area follows
    /// from the blob's second moment. Both are weighted by blob mass; 1 on an empty frame.
    /// </summary>
    private static (double Sharpness, double Regularity) Blobs(float[] alpha, int h, int w)
    {
        var label = new int[h * w];
        var queue = new int[h * w];
        double sharpSum = 0, regularSum = 0, weight = 0;
        int id = 0;
        for (int start = 0; start < h * w; start++)
        {
            if (label[start] != 0 || alpha[start] < Foreground) continue;
            int head = 0, tail = 0;
            queue[tail++] = start; label[start] = ++id;
            float peak = 0;
            while (head < tail)
            {
                int p = queue[head++], py = p / w, px = p % w;
                peak = Math.Max(peak, alpha[p]);
                for (int y = Math.Max(py - 1, 0); y <= Math.Min(py + 1, h - 1); y++)
                    for (int x = Math.Max(px - 1, 0); x <= Math.Min(px + 1, w - 1); x++)
                    {
                        int q = y * w + x;
                        if (label[q] != 0 || alpha[q] < Foreground) continue;
                        label[q] = id; queue[tail++] = q;
                    }
            }
            double mass = 0, sx = 0, sy = 0;
            int mid = 0, crisp = 0;
            for (int k = 0; k < tail; k++)
            {
                int p = queue[k], py = p / w, px = p % w;
                float a = alpha[p] / peak;
                mass += a; sx += a * (px + 0.5); sy += a * (py + 0.5);
                if (a <= 0.1f || a >= 0.9f) continue;
                mid++;
                bool core = false, outside = false;
                foreach (var (dx, dy) in new[] { (1, 0), (-1, 0), (0, 1), (0, -1) })
                {
                    int x = px + dx, y = py + dy;
                    float n = x < 0 || y < 0 || x >= w || y >= h ? 0 : alpha[y * w + x] / peak;
                    core |= n >= 0.9f; outside |= n <= 0.1f;
                }
                if (core && outside) crisp++;
            }
            double cx = sx / mass, cy = sy / mass, spread = 0;
            for (int k = 0; k < tail; k++)
            {
                int p = queue[k];
                double dx = p % w + 0.5 - cx, dy = p / w + 0.5 - cy;
                spread += alpha[p] / peak * (dx * dx + dy * dy);
            }
            spread = Math.Max(spread / mass - 1.0 / 6, 0.05); // minus the pixel grid's own variance (1/12 per axis)
            double regular = 0;
            foreach (var shape in Enum.GetValues<ShapeKind>())
            {
                double r = Math.Sqrt(spread / WorldGeometry.SpreadCoefficient(shape));
                regular = Math.Max(regular, Math.Max(0, 1 - 2 * Math.Abs(mass / Area(shape, r) - 1)));
            }
            sharpSum += mass * (mid == 0 ? 1 : (double)crisp / mid);
            regularSum += mass * regular;
            weight += mass;
        }
        return weight == 0 ? (1, 1) : (sharpSum / weight, regularSum / weight);
    }

    private static double Area(ShapeKind shape, double r)
    {
        var (hx, hy) = WorldGeometry.HalfExtents(shape, (float)r);
        return shape switch { ShapeKind.Circle => Math.PI * r * r, ShapeKind.Square => 4.0 * hx * hy, _ => 2.0 * hx * hy };
    }
}
