using System.Buffers.Binary;

namespace TempAct.World.Media;

/// <summary>
/// Writes an animated GIF frame by frame as frames arrive, holding one frame at a time: memory stays flat however long
/// the video. Each frame gets its own colour table (<see cref="GifPalette"/>: exact for up to 256 colours, else median
/// cut, no dithering), is scaled up <c>scale</c>× (nearest) and LZW-compressed straight into the stream. The GIF loops
/// forever at <c>fps</c> frames a second, like <see cref="VideoImages.WriteGif"/>.
/// </summary>
/// <remarks>The writer does not own the stream. Pair it with <see cref="Serialization.AtomicFile"/> so a file being
/// written never replaces a good one until <see cref="Finish"/> and the commit.</remarks>
public sealed class GifStreamWriter
{
    private readonly Stream output;
    private readonly int width, height, scale, delay;
    private readonly int[] rgb;          // one frame, 0xRRGGBB per pixel
    private readonly byte[] indices;     // one frame's colour-table entries
    private readonly byte[] scaled;      // the entries scaled up, as written
    private readonly byte[] table = new byte[3 * GifPalette.MaxColors];
    private readonly GifPalette palette = new();
    private readonly GifLzw lzw = new();
    private bool finished;

    /// <summary>Starts a GIF of <paramref name="width"/> × <paramref name="height"/> frames on <paramref name="output"/>.</summary>
    public GifStreamWriter(Stream output, int width, int height, int scale = 4, int fps = 8)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (width < 1 || height < 1 || scale < 1 || (long)width * scale > ushort.MaxValue || (long)height * scale > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(width), $"a GIF frame of {width}×{height} at scale {scale} does not fit 65535×65535");
        if (fps < 1) throw new ArgumentOutOfRangeException(nameof(fps), $"fps must be positive, got {fps}");
        this.output = output; this.width = width; this.height = height; this.scale = scale;
        delay = Math.Max(2, (int)Math.Round(100.0 / fps)); // GIF delays are in 1/100 s
        rgb = new int[width * height];
        indices = new byte[width * height];
        scaled = new byte[width * scale * height * scale];
        WriteHeader();
    }

    /// <summary>Frames written so far.</summary>
    public int Frames { get; private set; }

    /// <summary>Appends <paramref name="count"/> frames from <paramref name="data"/> ([T, 3, H, W] in [−1, 1]) starting at
    /// frame <paramref name="first"/> of the data.</summary>
    public void Write(ReadOnlySpan<float> data, int first, int count)
    {
        int frameSize = 3 * width * height;
        if (first < 0 || count < 0 || (long)(first + count) * frameSize > data.Length)
            throw new ArgumentOutOfRangeException(nameof(count), $"frames [{first}, {first + count}) are not all in data of {data.Length / frameSize} frames");
        for (int t = first; t < first + count; t++) WriteFrame(data.Slice(t * frameSize, frameSize));
    }

    /// <summary>Writes the trailer and flushes; no frame may follow. A GIF needs at least one frame.</summary>
    public void Finish()
    {
        if (finished) return;
        if (Frames == 0) throw new InvalidOperationException("a GIF needs at least one frame");
        output.WriteByte(0x3B); // trailer
        output.Flush();
        finished = true;
    }

    private void WriteFrame(ReadOnlySpan<float> frame)
    {
        if (finished) throw new InvalidOperationException("the GIF is finished");
        int plane = width * height;
        for (int i = 0; i < plane; i++) rgb[i] = Byte(frame[i]) << 16 | Byte(frame[plane + i]) << 8 | Byte(frame[2 * plane + i]);
        palette.Build(rgb, indices);
        // Smallest table (2^bits entries, bits ≥ 1) that holds the colours; LZW codes start at 2 bits or more.
        int bits = 1;
        while (1 << bits < palette.Count) bits++;
        Array.Clear(table);
        for (int c = 0; c < palette.Count; c++)
        {
            int v = palette.Table[c];
            table[3 * c] = (byte)(v >> 16); table[3 * c + 1] = (byte)(v >> 8); table[3 * c + 2] = (byte)v;
        }
        int sw = width * scale;
        for (int y = 0; y < height * scale; y++)
        {
            var row = indices.AsSpan((y / scale) * width, width);
            var to = scaled.AsSpan(y * sw, sw);
            for (int x = 0; x < sw; x++) to[x] = row[x / scale];
        }
        Span<byte> head = stackalloc byte[18];
        // Graphic control extension: disposal "leave in place", the delay, no transparency.
        head[0] = 0x21; head[1] = 0xF9; head[2] = 4; head[3] = 0x04;
        BinaryPrimitives.WriteUInt16LittleEndian(head[4..], (ushort)delay);
        head[6] = 0; head[7] = 0;
        // Image descriptor: the whole canvas, a local colour table of 2^bits entries.
        head[8] = 0x2C;
        BinaryPrimitives.WriteUInt16LittleEndian(head[9..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(head[11..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(head[13..], (ushort)sw);
        BinaryPrimitives.WriteUInt16LittleEndian(head[15..], (ushort)(height * scale));
        head[17] = (byte)(0x80 | (bits - 1));
        output.Write(head);
        output.Write(table, 0, 3 << bits);
        lzw.Encode(output, Math.Max(2, bits), scaled);
        Frames++;
    }

    private void WriteHeader()
    {
        Span<byte> h = stackalloc byte[13 + 19];
        "GIF89a"u8.CopyTo(h);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], (ushort)(width * scale));
        BinaryPrimitives.WriteUInt16LittleEndian(h[8..], (ushort)(height * scale));
        h[10] = 0x70; // no global colour table (every frame has its own), 8 bits of colour resolution
        h[11] = 0; h[12] = 0;
        // NETSCAPE2.0 application extension: loop forever.
        var loop = h[13..];
        loop[0] = 0x21; loop[1] = 0xFF; loop[2] = 11;
        "NETSCAPE2.0"u8.CopyTo(loop[3..]);
        loop[14] = 3; loop[15] = 1; loop[16] = 0; loop[17] = 0; loop[18] = 0;
        output.Write(h);
    }

    /// <summary>[−1, 1] → 0..255, rounding as <see cref="VideoImages"/> does; NaN reads as 0.</summary>
    private static int Byte(float value) => float.IsNaN(value) ? 0 : Math.Clamp((int)MathF.Round((value + 1) * 127.5f), 0, 255);
}
