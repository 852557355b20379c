namespace TempAct.World.Media;

/// <summary>
/// One frame's colour table for a GIF: exact when the frame has at most 256 distinct colours (clean renders), otherwise
/// median cut (Heckbert 1982) over the distinct colours weighted by their pixel counts, without dithering (dithering
/// would add noise the tracker then reads back from the GIF). Reusable buffers: no allocation per frame after the first.
/// </summary>
internal sealed class GifPalette
{
    /// <summary>Most entries of a GIF colour table.</summary>
    public const int MaxColors = 256;

    private readonly Dictionary<int, int> slot = [];   // colour 0xRRGGBB → index into colours/counts
    private int[] colours = new int[64], counts = new int[64], boxOf = new int[64];
    private readonly (int Start, int End)[] boxes = new (int, int)[MaxColors];
    private readonly (int Range, int Channel)[] spread = new (int, int)[MaxColors]; // widest channel of each box

    /// <summary>The table, 0xRRGGBB per entry; the first <see cref="Count"/> are used.</summary>
    public int[] Table { get; } = new int[MaxColors];

    /// <summary>Entries used.</summary>
    public int Count { get; private set; }

    /// <summary>Builds the table for <paramref name="rgb"/> (0xRRGGBB per pixel) and writes each pixel's entry to
    /// <paramref name="indices"/>.</summary>
    public void Build(ReadOnlySpan<int> rgb, Span<byte> indices)
    {
        // 1. Distinct colours and their pixel counts.
        slot.Clear();
        int n = 0;
        foreach (int c in rgb)
        {
            if (slot.TryGetValue(c, out int k)) { counts[k]++; continue; }
            if (n == colours.Length) Grow();
            slot[c] = n; colours[n] = c; counts[n] = 1; n++;
        }
        // 2. Boxes: one per colour when they fit, else median cut.
        int boxCount = n <= MaxColors ? Exact(n) : MedianCut(n);
        // 3. Each box's entry: the pixel-weighted mean of its colours (a box of one colour is that colour exactly).
        for (int b = 0; b < boxCount; b++)
        {
            var (start, end) = boxes[b];
            long r = 0, g = 0, bl = 0, w = 0;
            for (int i = start; i < end; i++)
            {
                int c = colours[i], m = counts[i];
                r += (long)(c >> 16 & 255) * m; g += (long)(c >> 8 & 255) * m; bl += (long)(c & 255) * m; w += m;
                boxOf[i] = b;
            }
            Table[b] = (int)((r + w / 2) / w) << 16 | (int)((g + w / 2) / w) << 8 | (int)((bl + w / 2) / w);
            for (int i = start; i < end; i++) slot[colours[i]] = i; // the sort moved colours: re-point each to its slot
        }
        Count = boxCount;
        for (int p = 0; p < rgb.Length; p++) indices[p] = (byte)boxOf[slot[rgb[p]]];
    }

    private int Exact(int n)
    {
        for (int i = 0; i < n; i++) boxes[i] = (i, i + 1);
        return n;
    }

    /// <summary>Splits the box with the widest channel range at its pixel-weighted median until there are 256 boxes.</summary>
    private int MedianCut(int n)
    {
        int count = 0;
        Add(0, n);
        while (count < MaxColors)
        {
            int best = -1;
            for (int b = 0; b < count; b++)
                if (spread[b].Range > 0 && (best < 0 || spread[b].Range > spread[best].Range)) best = b;
            if (best < 0) break; // every box holds one colour
            var (s, e) = boxes[best];
            int sh = 16 - 8 * spread[best].Channel;
            // Sort the box by the channel (ties by the whole colour, so the cut is deterministic) with counts alongside.
            MemoryExtensions.Sort(colours.AsSpan(s, e - s), counts.AsSpan(s, e - s), new ChannelOrder(sh));
            long total = 0, half = 0;
            for (int i = s; i < e; i++) total += counts[i];
            int cut = s + 1;
            for (int i = s; i < e - 1; i++) { half += counts[i]; cut = i + 1; if (2 * half >= total) break; }
            count--; // the split box is replaced by its two halves
            (boxes[best], spread[best]) = (boxes[count], spread[count]);
            Add(s, cut);
            Add(cut, e);
        }
        return count;

        void Add(int start, int end)
        {
            int range = 0, channel = 0;
            for (int ch = 0; ch < 3; ch++)
            {
                int lo = 255, hi = 0, shift = 16 - 8 * ch;
                for (int i = start; i < end; i++) { int v = colours[i] >> shift & 255; lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
                if (hi - lo > range) { range = hi - lo; channel = ch; }
            }
            boxes[count] = (start, end);
            spread[count++] = (range, channel);
        }
    }

    private void Grow()
    {
        Array.Resize(ref colours, colours.Length * 2);
        Array.Resize(ref counts, counts.Length * 2);
        Array.Resize(ref boxOf, boxOf.Length * 2);
    }

    /// <summary>Orders colours by one channel, then by the whole colour (a struct: sorting allocates nothing).</summary>
    private readonly struct ChannelOrder(int shift) : IComparer<int>
    {
        public int Compare(int a, int b)
        {
            int x = a >> shift & 255, y = b >> shift & 255;
            return x != y ? x - y : a - b;
        }
    }
}
