using TempAct.World.Scenes;

namespace TempAct.World.Tracking;

/// <summary>Finds the blobs of one frame: palette fit per pixel, 8-connected components, moments, shape and size.</summary>
internal sealed class FrameDetector
{
    private const int Colors = 7;
    private const float PixelVariance = 1f / 6f; // x and y pixel quantisation, 1/12 each
    private const float TypicalContrast = 0.9f;  // |colour − background| of a palette colour, roughly

    // Palette colour directions (colour − background) and their squared lengths, as Palette.Fit computes them.
    private static readonly float[] DirR = Enum.GetValues<ColorName>().Select(c => Palette.Rgb(c).R - Palette.Background.R).ToArray();
    private static readonly float[] DirG = Enum.GetValues<ColorName>().Select(c => Palette.Rgb(c).G - Palette.Background.G).ToArray();
    private static readonly float[] DirB = Enum.GetValues<ColorName>().Select(c => Palette.Rgb(c).B - Palette.Background.B).ToArray();
    private static readonly float[] DirNorm =
        Enumerable.Range(0, Colors).Select(c => DirR[c] * DirR[c] + DirG[c] * DirG[c] + DirB[c] * DirB[c]).ToArray();

    // Second moment (μ20 + μ02) of each shape at radius 1, indexed by ShapeKind.

    private const int MinCorePixels = 4;      // least pixels of an opaque core that may seed a split
    private const int HistogramBins = 512;
    private const float HistogramWidth = 0.25f / HistogramBins;

    private readonly TrackerOptions options;
    private readonly int height, width;
    private readonly float lazyBound;         // |deviation|² below which no colour can reach MinPixelAlpha
    private readonly float[] alpha, dev;      // per pixel: fitted alpha (−1: not fitted, too faint); RGB − background
    private readonly byte[] color;            // per pixel: fitted palette colour
    private readonly int[] label, queue, core, part;
    private readonly bool[] near;
    private readonly int[] histogram = new int[HistogramBins];
    private int parts, extent;               // parts of the last split; width or height of the last flooded component
    private float threshold;                  // this frame's foreground alpha: MinPixelAlpha, raised on very noisy frames
    private float frameSigma, floor;          // this frame's robust pixel noise; alpha subtracted from measured pixels
    private double noiseN, noiseSum, noiseSq, lag1N, lag1Sum, lag2N, lag2Sum;

    /// <summary>Creates a detector with buffers for frames of the given size.</summary>
    public FrameDetector(int height, int width, TrackerOptions options)
    {
        this.options = options; this.height = height; this.width = width;
        float shortest = MathF.Sqrt(DirNorm.Min()) * options.MinPixelAlpha;
        lazyBound = shortest * shortest * 0.99f;
        int n = height * width;
        alpha = new float[n]; dev = new float[3 * n]; color = new byte[n];
        label = new int[n]; queue = new int[n]; near = new bool[n]; core = new int[n]; part = new int[n];
    }

    /// <summary>The accepted blobs of frame <paramref name="t"/> of the video, stored as frame <paramref name="index"/> of
    /// <paramref name="data"/> ([T, 3, H, W]), largest mass first; also accumulates the noise level.</summary>
    public List<Detection> Detect(float[] data, int index, int t)
    {
        int plane = height * width;
        FitPixels(data, index);
        threshold = Math.Max(options.MinPixelAlpha, options.PixelNoiseSigmas * RoughSigma() / TypicalContrast);
        frameSigma = AccumulateNoise();
        floor = options.NoiseFloorSigmas * frameSigma / TypicalContrast;
        Array.Clear(label);
        var result = new List<Detection>();
        int id = 0;
        for (int start = 0; start < plane; start++)
        {
            if (label[start] != 0 || alpha[start] < threshold) continue;
            int count = Flood(start, ++id);
            if (count > 3 * options.MaxPixels) continue; // a flood of noise or a blank white frame: nothing to split
            // Only a component wider or taller than any single object can look may hold two objects joined by blur or
            // noise; a single object is never split (a turn's wipe line would cut it).
            if (extent >= options.SplitExtent && Split(count))
            {
                for (int k = 1; k <= parts; k++)
                {
                    int n = 0;
                    for (int j = 0; j < count; j++) if (core[queue[j]] == k) part[n++] = queue[j];
                    if (Describe(t, part, n, id) is { } piece) result.Add(piece);
                }
                for (int j = 0; j < count; j++) core[queue[j]] = 0;
            }
            else if (Describe(t, queue, count, id) is { } d) result.Add(d);
        }
        result.Sort((p, q) => q.Mass.CompareTo(p.Mass));
        return result;
    }

    /// <summary>
    /// <see cref="Palette.Fit"/> on a pixel's deviation from the background, with the colour directions precomputed (the
    /// same arithmetic, so the same result, at a fraction of the cost).
    /// </summary>
    internal static (int Color, float Alpha) Fit(float dr, float dg, float db)
    {
        int best = 0;
        float bestResidual = float.MaxValue, bestAlpha = 0;
        for (int c = 0; c < Colors; c++)
        {
            float cr = DirR[c], cg = DirG[c], cb = DirB[c];
            float a = Math.Clamp((dr * cr + dg * cg + db * cb) / DirNorm[c], 0f, 1f);
            float xr = dr - a * cr, xg = dg - a * cg, xb = db - a * cb;
            float residual = xr * xr + xg * xg + xb * xb;
            if (residual < bestResidual) { bestResidual = residual; best = c; bestAlpha = a; }
        }
        return (best, bestAlpha);
    }

    /// <summary>Fits every pixel of frame <paramref name="index"/> of the data: alpha, colour and deviation from the background.</summary>
    private void FitPixels(float[] data, int index)
    {
        int plane = height * width;
        var bg = Palette.Background;
        int baseR = index * 3 * plane, baseG = baseR + plane, baseB = baseG + plane;
        for (int i = 0; i < plane; i++)
        {
            float r = (data[baseR + i] + 1) * 0.5f, g = (data[baseG + i] + 1) * 0.5f, b = (data[baseB + i] + 1) * 0.5f;
            float sum = r + g + b;
            if (sum - sum != 0) { r = bg.R; g = bg.G; b = bg.B; } // NaN or infinity somewhere: treat as background
            float dr = r - bg.R, dg = g - bg.G, db = b - bg.B;
            dev[i] = dr; dev[plane + i] = dg; dev[2 * plane + i] = db;
            float e2 = dr * dr + dg * dg + db * db;
            // Background up to rounding ([−1, 1] → [0, 1] is not exact): alpha about 1e-3 at most, call it 0.
            if (e2 < 1e-6f) { alpha[i] = 0; color[i] = 0; continue; }
            // Too faint to be foreground for any colour (alpha ≤ |e| / shortest colour direction): fitted only if a
            // blob's ring needs it (see Resolve); −1 marks "below the threshold, not yet fitted".
            if (e2 < lazyBound) { alpha[i] = -1; color[i] = 0; continue; }
            var (best, bestAlpha) = Fit(dr, dg, db);
            alpha[i] = bestAlpha; color[i] = (byte)best;
        }
    }

    /// <summary>Fits a pixel that <see cref="FitPixels"/> left unfitted as too faint for foreground.</summary>
    private void Resolve(int p)
    {
        if (alpha[p] >= 0) return;
        int plane = height * width;
        var (c, a) = Fit(dev[p], dev[plane + p], dev[2 * plane + p]);
        alpha[p] = a; color[p] = (byte)c;
    }

    /// <summary>The noise level measured so far (conservative when too few background pixels were seen).</summary>
    public NoiseLevel Noise()
    {
        if (noiseN < 50) return new NoiseLevel(0.1f, 9f);
        double mean = noiseSum / noiseN, variance = Math.Max(noiseSq / noiseN - mean * mean, 0);
        if (variance < 1e-12) return new NoiseLevel(0f, 1f);
        double rho1 = lag1N > 0 ? Math.Clamp((lag1Sum / lag1N - mean * mean) / variance, 0, 1) : 0;
        double rho2 = lag2N > 0 ? Math.Clamp((lag2Sum / lag2N - mean * mean) / variance, 0, 1) : 0;
        double factor = Math.Clamp((1 + 2 * rho1 + 2 * rho2) * (1 + 2 * rho1 + 2 * rho2), 1, 25);
        return new NoiseLevel((float)(Math.Sqrt(variance) / TypicalContrast), (float)factor);
    }

    /// <summary>Collects the 8-connected foreground component of <paramref name="start"/> into queue[0..count).</summary>
    private int Flood(int start, int id)
    {
        int head = 0, tail = 0;
        queue[tail++] = start; label[start] = id;
        extent = 0;
        int minX = int.MaxValue, maxX = int.MinValue, minY = int.MaxValue, maxY = int.MinValue;
        while (head < tail)
        {
            int p = queue[head++], py = p / width, px = p - py * width;
            minX = Math.Min(minX, px); maxX = Math.Max(maxX, px); minY = Math.Min(minY, py); maxY = Math.Max(maxY, py);
            extent = Math.Max(maxX - minX, maxY - minY) + 1;
            for (int y = Math.Max(py - 1, 0); y <= Math.Min(py + 1, height - 1); y++)
                for (int x = Math.Max(px - 1, 0); x <= Math.Min(px + 1, width - 1); x++)
                {
                    int q = y * width + x;
                    if (label[q] != 0 || alpha[q] < threshold) continue;
                    label[q] = id; queue[tail++] = q;
                }
        }
        return tail;
    }

    /// <summary>
    /// Measures the blob in pixels[0..count) (a buffer with room for its ring) and returns it when it passes the filters.
    /// Colours come from the foreground pixels; mass, moments and the colour sum from the support (foreground plus its
    /// 1-pixel ring, so faint anti-aliased or blurred edges count and a square's corners are not clipped by the threshold).
    /// </summary>
    private Detection? Describe(int t, int[] pixels, int count, int id)
    {
        if (count > options.MaxPixels) return null;
        int minX = int.MaxValue, maxX = int.MinValue, minY = int.MaxValue, maxY = int.MinValue;
        float top1 = 0, top2 = 0, top3 = 0;
        var colorMass = new float[Colors];
        for (int k = 0; k < count; k++)
        {
            int p = pixels[k], y = p / width, x = p - y * width;
            float a = alpha[p];
            colorMass[color[p]] += a;
            minX = Math.Min(minX, x); maxX = Math.Max(maxX, x); minY = Math.Min(minY, y); maxY = Math.Max(maxY, y);
            if (a > top1) { top3 = top2; top2 = top1; top1 = a; }
            else if (a > top2) { top3 = top2; top2 = a; }
            else if (a > top3) top3 = a;
        }
        if (maxX - minX + 1 > options.MaxExtent || maxY - minY + 1 > options.MaxExtent) return null;
        float peak = count >= 3 ? (top1 + top2 + top3) / 3 : top1 * count / 3f;
        // Ring: unlabelled 8-neighbours of the blob, appended after it in the buffer (labelled −id meanwhile).
        int support = count;
        for (int k = 0; k < count; k++)
        {
            int p = pixels[k], py = p / width, px = p - py * width;
            for (int y = Math.Max(py - 1, 0); y <= Math.Min(py + 1, height - 1); y++)
                for (int x = Math.Max(px - 1, 0); x <= Math.Min(px + 1, width - 1); x++)
                {
                    int q = y * width + x;
                    if (label[q] != 0) continue;
                    label[q] = -id; pixels[support++] = q;
                }
        }
        double m = 0, sx = 0, sy = 0, er = 0, eg = 0, eb = 0;
        int plane = height * width;
        for (int k = count; k < support; k++) Resolve(pixels[k]);
        for (int k = 0; k < support; k++)
        {
            int p = pixels[k], y = p / width, x = p - y * width;
            double a = Math.Max(alpha[p] - floor, 0);
            m += a; sx += a * (x + 0.5); sy += a * (y + 0.5);
            er += dev[p]; eg += dev[plane + p]; eb += dev[2 * plane + p];
        }
        for (int k = count; k < support; k++) label[pixels[k]] = 0; // ring pixels stay free for a neighbour's ring
        if (m < options.MinMass || peak < options.MinPeakAlpha) return null;
        double cx = sx / m, cy = sy / m;
        double m20 = 0, m02 = 0, m03 = 0, m22 = 0;
        for (int k = 0; k < support; k++)
        {
            int p = pixels[k], y = p / width, x = p - y * width;
            double a = Math.Max(alpha[p] - floor, 0), dx = x + 0.5 - cx, dy = y + 0.5 - cy, dx2 = dx * dx, dy2 = dy * dy;
            m20 += a * dx2; m02 += a * dy2; m03 += a * dy2 * dy; m22 += a * dx2 * dy2;
        }
        m20 /= m; m02 /= m; m03 /= m; m22 /= m;
        float skew = m02 > 1e-6 ? (float)(m03 / Math.Pow(m02, 1.5)) : 0f;
        float cross = m20 * m02 > 1e-9 ? (float)(m22 / (m20 * m02)) : 1f;
        var shape = ClassifyShape(skew, cross);
        float spread = (float)Math.Max(m20 + m02 - PixelVariance, 0.05);
        float radius = MathF.Sqrt(spread / WorldGeometry.SpreadCoefficient(shape));
        var size = radius < (WorldGeometry.SmallRadius + WorldGeometry.LargeRadius) / 2 ? SizeClass.Small : SizeClass.Large;
        int best = 0;
        for (int c = 1; c < Colors; c++) if (colorMass[c] > colorMass[best]) best = c;
        return new Detection(t, (ColorName)best, shape, size, (float)cx, (float)cy, radius, (float)m, Math.Min(peak, 1f), count,
            support, colorMass, ((float)er, (float)eg, (float)eb), skew, cross);
    }

    /// <summary>
    /// Splits a component that holds several opaque cores at least 3 px apart (two objects joined by blur or noise): each core of
    /// at least <see cref="MinCorePixels"/> pixels with alpha ≥ <see cref="TrackerOptions.SplitAlpha"/> grows back over the
    /// component breadth-first, and <c>core</c> holds the part (1..parts) of every pixel. False when there is one core.
    /// </summary>
    private bool Split(int count)
    {
        parts = 0;
        int found = 0;
        for (int j = 0; j < count; j++)
        {
            int p = queue[j];
            if (core[p] != 0 || alpha[p] < options.SplitAlpha) continue;
            int label0 = ++found, head = 0, tail = 0;
            part[tail++] = p; core[p] = label0;
            while (head < tail)
            {
                // Core pixels up to 2 px apart belong together: a turn's wipe line (one row of mixed, fainter pixels)
                // does not cut an object in two, while two objects stay at least 3 px apart.
                int q = part[head++], qy = q / width, qx = q - qy * width;
                for (int y = Math.Max(qy - 2, 0); y <= Math.Min(qy + 2, height - 1); y++)
                    for (int x = Math.Max(qx - 2, 0); x <= Math.Min(qx + 2, width - 1); x++)
                    {
                        int r = y * width + x;
                        if (core[r] != 0 || label[r] != label[p] || alpha[r] < options.SplitAlpha) continue;
                        core[r] = label0; part[tail++] = r;
                    }
            }
            if (tail >= MinCorePixels) { parts++; for (int k = 0; k < tail; k++) core[part[k]] = -parts; }
            else for (int k = 0; k < tail; k++) core[part[k]] = int.MinValue; // too small to be an object: not a seed
        }
        if (parts < 2)
        {
            for (int j = 0; j < count; j++) core[queue[j]] = 0;
            return false;
        }
        // Seeds carry −part; grow them over the rest of the component in breadth-first order.
        int h = 0, n = 0;
        for (int j = 0; j < count; j++)
        {
            int p = queue[j];
            if (core[p] == int.MinValue) core[p] = 0;
            else if (core[p] < 0) { core[p] = -core[p]; part[n++] = p; }
        }
        while (h < n)
        {
            int q = part[h++], qy = q / width, qx = q - qy * width;
            for (int y = Math.Max(qy - 1, 0); y <= Math.Min(qy + 1, height - 1); y++)
                for (int x = Math.Max(qx - 1, 0); x <= Math.Min(qx + 1, width - 1); x++)
                {
                    int r = y * width + x;
                    if (core[r] != 0 || label[r] != label[q]) continue;
                    core[r] = core[q]; part[n++] = r;
                }
        }
        return true;
    }

    /// <summary>
    /// A first, rough pixel noise of this frame from all pixels: the 25th percentile of the channels' absolute deviations
    /// from the background over 0.3186 (its value for a normal distribution). Objects cover well under half the canvas,
    /// so they inflate it only mildly; it only raises the foreground threshold on very noisy frames.
    /// </summary>
    private float RoughSigma()
    {
        int plane = height * width, n = 0;
        Array.Clear(histogram);
        const float inverseWidth = 1f / HistogramWidth;
        for (int y = 0; y < height; y += 2)
            for (int c = y * width; c < 3 * plane; c += plane)
                for (int p = c, end = c + width; p < end; p++)
                {
                    float v = dev[p];
                    int bin = (int)((v < 0 ? -v : v) * inverseWidth);
                    histogram[bin < HistogramBins ? bin : HistogramBins - 1]++;
                    n++;
                }
        int below = 0, b = 0, target = n / 4;
        while (b < HistogramBins - 1 && below + histogram[b] < target) below += histogram[b++];
        return (b + (target - below) / (float)Math.Max(histogram[b], 1)) * HistogramWidth / 0.3186f;
    }

    /// <summary>
    /// Adds this frame's background pixels (no foreground within 2 px) to the noise statistics and returns the frame's
    /// robust noise (1.4826 × the median absolute deviation of a channel from the background). Deviations beyond 4 robust
    /// standard deviations (1.4826 × the median absolute deviation) are left out, so the faint tail of a fading object
    /// does not pass for noise.
    /// </summary>
    private float AccumulateNoise()
    {
        int plane = height * width;
        Array.Clear(near);
        for (int p = 0; p < plane; p++)
        {
            if (alpha[p] < threshold) continue;
            int py = p / width, px = p - py * width;
            int y0 = py < 2 ? 0 : py - 2, y1 = py + 2 >= height ? height - 1 : py + 2;
            int x0 = px < 2 ? 0 : px - 2, x1 = px + 2 >= width ? width - 1 : px + 2;
            for (int y = y0; y <= y1; y++)
                for (int x = x0; x <= x1; x++) near[y * width + x] = true;
        }
        // Every other row is plenty (hundreds of pixels a frame) and halves the cost.
        Array.Clear(histogram);
        int n = 0;
        const float inverseWidth = 1f / HistogramWidth;
        for (int y = 0; y < height; y += 2)
            for (int p = y * width, end = p + width; p < end; p++)
            {
                if (near[p]) continue;
                for (int c = p; c < 3 * plane; c += plane)
                {
                    float v = dev[c];
                    int bin = (int)((v < 0 ? -v : v) * inverseWidth);
                    histogram[bin < HistogramBins ? bin : HistogramBins - 1]++;
                    n++;
                }
            }
        if (n < 30) return 0.1f;
        int below = 0, b = 0;
        while (b < HistogramBins - 1 && below + histogram[b] < n / 2) below += histogram[b++];
        float median = (b + (n / 2f - below) / Math.Max(histogram[b], 1)) * HistogramWidth;
        float clip = 4 * 1.4826f * median;
        for (int y = 0; y < height; y += 2)
            for (int x = 0, p = y * width; x < width; x++, p++)
            {
                if (near[p]) continue;
                bool right1 = x + 1 < width && !near[p + 1], right2 = x + 2 < width && !near[p + 2];
                for (int c = p; c < 3 * plane; c += plane)
                {
                    float e = dev[c];
                    if (e > clip || e < -clip) continue;
                    noiseN++; noiseSum += e; noiseSq += e * e;
                    if (right1) { float f = dev[c + 1]; if (f <= clip && f >= -clip) { lag1N++; lag1Sum += e * f; } }
                    if (right2) { float f = dev[c + 2]; if (f <= clip && f >= -clip) { lag2N++; lag2Sum += e * f; } }
                }
            }
        return 1.4826f * median;
    }

    /// <summary>Triangles are skewed towards their base; circles have strongly anti-correlated x² and y², squares not.</summary>
    internal static ShapeKind ClassifyShape(float skew, float cross) =>
        skew < -0.15f ? ShapeKind.Triangle : cross < 0.9f ? ShapeKind.Circle : ShapeKind.Square;
}
