using System.Buffers.Binary;
using System.IO.Compression;

namespace TempAct.World.Media;

/// <summary>
/// Writes the PNG contact sheet of <see cref="VideoImages.WriteContactSheet"/> (same layout and pixels: frames in rows
/// of <c>perRow</c>, each scaled <c>scale</c>× and framed by 1-pixel grey lines) while the frames arrive, holding one
/// row of frames at a time: memory stays flat however long the video. The frame count is needed up front (it fixes the
/// image height); the PNG is 8-bit RGB, its scanlines deflated into IDAT chunks of at most 64 KiB.
/// </summary>
/// <remarks>The writer does not own the stream; pair it with <see cref="Serialization.AtomicFile"/>.</remarks>
public sealed class ContactSheetWriter
{
    private static readonly byte[] Grey = [90, 90, 90];
    private readonly Stream output;
    private readonly int frames, width, height, scale, perRow, sheetWidth;
    private readonly byte[] band;        // one row of frames: [perRow, H, W, 3] bytes
    private readonly byte[] scanline;    // filter byte + RGB
    private readonly ChunkStream idat;
    private readonly ZLibStream zlib;
    private int inBand;

    /// <summary>Starts a sheet of <paramref name="frames"/> frames of <paramref name="width"/> × <paramref name="height"/>.</summary>
    public ContactSheetWriter(Stream output, int frames, int width, int height, int scale = 3, int perRow = 12)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (frames < 1 || width < 1 || height < 1 || scale < 1 || perRow < 1)
            throw new ArgumentOutOfRangeException(nameof(frames), $"a sheet of {frames} frames of {width}×{height}, scale {scale}, {perRow} a row");
        int cols = Math.Min(perRow, frames);
        long rows = (frames + perRow - 1) / perRow, w = (long)cols * (width * scale + 1) + 1, h = rows * (height * scale + 1) + 1;
        if (w > int.MaxValue / 3 || h > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(frames), $"a sheet of {w}×{h} pixels is beyond PNG's limits");
        this.output = output; this.frames = frames; this.width = width; this.height = height; this.scale = scale; this.perRow = perRow;
        sheetWidth = (int)w;
        band = new byte[perRow * height * width * 3];
        scanline = new byte[1 + 3 * sheetWidth];
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, sheetWidth);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], (int)h);
        ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0; // 8-bit RGB, deflate, no filter method, no interlace
        PngChunk.Write(output, "IHDR"u8, ihdr);
        idat = new ChunkStream(output);
        zlib = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true);
        WriteGreyLine(); // the top border
    }

    /// <summary>Frames written so far.</summary>
    public int Frames { get; private set; }

    /// <summary>Appends <paramref name="count"/> frames from <paramref name="data"/> ([T, 3, H, W] in [−1, 1]) starting at
    /// frame <paramref name="first"/> of the data.</summary>
    public void Write(ReadOnlySpan<float> data, int first, int count)
    {
        int frameSize = 3 * width * height, plane = width * height;
        if (first < 0 || count < 0 || (long)(first + count) * frameSize > data.Length)
            throw new ArgumentOutOfRangeException(nameof(count), $"frames [{first}, {first + count}) are not all in data of {data.Length / frameSize} frames");
        if (Frames + count > frames) throw new InvalidOperationException($"the sheet was sized for {frames} frames; {Frames + count} written");
        for (int t = first; t < first + count; t++)
        {
            var frame = data.Slice(t * frameSize, frameSize);
            var to = band.AsSpan(inBand * plane * 3, plane * 3);
            for (int i = 0; i < plane; i++)
            {
                to[3 * i] = Byte(frame[i]); to[3 * i + 1] = Byte(frame[plane + i]); to[3 * i + 2] = Byte(frame[2 * plane + i]);
            }
            Frames++;
            if (++inBand == perRow || Frames == frames) WriteBand();
        }
    }

    /// <summary>Ends the image (all frames must have been written) and flushes.</summary>
    public void Finish()
    {
        if (Frames != frames) throw new InvalidOperationException($"the sheet was sized for {frames} frames; {Frames} were written");
        zlib.Dispose();
        idat.Dispose();
        PngChunk.Write(output, "IEND"u8, []);
        output.Flush();
    }

    /// <summary>The scanlines of one row of frames: each frame line scaled, between grey separators, then a grey line.</summary>
    private void WriteBand()
    {
        int plane = width * height;
        for (int y = 0; y < height * scale; y++)
        {
            FillGrey();
            for (int k = 0; k < inBand; k++)
            {
                var row = band.AsSpan(k * plane * 3 + (y / scale) * width * 3, width * 3);
                int ox = 1 + 3 * (1 + k * (width * scale + 1));
                for (int x = 0; x < width * scale; x++) row.Slice((x / scale) * 3, 3).CopyTo(scanline.AsSpan(ox + 3 * x, 3));
            }
            zlib.Write(scanline);
        }
        WriteGreyLine();
        inBand = 0;
    }

    private void WriteGreyLine()
    {
        FillGrey();
        zlib.Write(scanline);
    }

    private void FillGrey()
    {
        scanline[0] = 0; // filter: none
        for (int i = 1; i < scanline.Length; i += 3) Grey.CopyTo(scanline, i);
    }

    /// <summary>[−1, 1] → 0..255, rounding as <see cref="VideoImages"/> does; NaN reads as 0.</summary>
    private static byte Byte(float value) => float.IsNaN(value) ? (byte)0 : (byte)Math.Clamp((int)MathF.Round((value + 1) * 127.5f), 0, 255);

    /// <summary>Cuts what is written into IDAT chunks of at most 64 KiB.</summary>
    private sealed class ChunkStream(Stream output) : Stream
    {
        private readonly byte[] buffer = new byte[1 << 16];
        private int length;

        public override void Write(byte[] data, int offset, int count) => Write(data.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> data)
        {
            while (data.Length > 0)
            {
                int n = Math.Min(data.Length, buffer.Length - length);
                data[..n].CopyTo(buffer.AsSpan(length));
                length += n; data = data[n..];
                if (length == buffer.Length) Flush();
            }
        }

        public override void Flush()
        {
            if (length == 0) return;
            PngChunk.Write(output, "IDAT"u8, buffer.AsSpan(0, length));
            length = 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) Flush();
            base.Dispose(disposing);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
