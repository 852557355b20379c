using System.Globalization;

namespace TempAct.World.Media;

/// <summary>
/// Walks a GIF's block structure (GIF89a spec: header, logical screen, colour tables, extensions, image descriptors,
/// LZW sub-blocks, trailer) without decompressing anything, to learn the canvas size and the number of frames before
/// a decoder allocates for them. Stricter than decoders: a frame rectangle outside the canvas, an unknown block or a
/// truncated block is refused as malformed.
/// </summary>
internal static class GifLayout
{
    private const int Extension = 0x21, ImageDescriptor = 0x2C, Trailer = 0x3B;

    /// <summary>The header of the GIF at the stream's position. With <see cref="FrameSelection.First"/> the walk stops at
    /// the first frame; with <see cref="FrameSelection.All"/> it stops with <see cref="ImageLimitException"/> as soon as
    /// the frames exceed <paramref name="maxFrames"/>. <see cref="InvalidDataException"/> when malformed.</summary>
    public static ImageHeader Read(Stream stream, string source, FrameSelection selection, int maxFrames)
    {
        // 1. Header and logical screen descriptor (13 bytes), then the global colour table if any.
        Span<byte> head = stackalloc byte[13];
        Fill(stream, head, source);
        if (!head[..6].SequenceEqual("GIF87a"u8) && !head[..6].SequenceEqual("GIF89a"u8)) throw Malformed(source, "no GIF87a/GIF89a header");
        int width = head[6] | head[7] << 8, height = head[8] | head[9] << 8;
        if (width == 0 || height == 0) throw Malformed(source, $"the canvas is {width}×{height}");
        if ((head[10] & 0x80) != 0) Skip(stream, 3 << ((head[10] & 7) + 1), source);

        // 2. Blocks until the trailer (or the end of the data, which decoders accept too).
        int frames = 0;
        Span<byte> descriptor = stackalloc byte[9];
        while (true)
        {
            int introducer = stream.ReadByte();
            if (introducer is Trailer or < 0) break;
            if (introducer == Extension)
            {
                if (stream.ReadByte() < 0) throw Malformed(source, "truncated extension");
                SkipSubBlocks(stream, source);
                continue;
            }
            if (introducer != ImageDescriptor)
                throw Malformed(source, $"unexpected byte 0x{introducer:X2} at offset {(stream.Position - 1).ToString(CultureInfo.InvariantCulture)}");

            // 3. A frame: its rectangle must lie inside the canvas; skip its colour table and LZW data.
            Fill(stream, descriptor, source);
            int left = descriptor[0] | descriptor[1] << 8, top = descriptor[2] | descriptor[3] << 8;
            int w = descriptor[4] | descriptor[5] << 8, h = descriptor[6] | descriptor[7] << 8;
            if (w == 0 || h == 0 || left + w > width || top + h > height)
                throw Malformed(source, $"frame {frames} covers {w}×{h} at ({left}, {top}), outside the {width}×{height} canvas");
            if ((descriptor[8] & 0x80) != 0) Skip(stream, 3 << ((descriptor[8] & 7) + 1), source);
            if (stream.ReadByte() < 0) throw Malformed(source, $"frame {frames} is truncated");
            SkipSubBlocks(stream, source);
            frames++;
            if (selection == FrameSelection.First) break;
            if (frames > maxFrames)
                throw new ImageLimitException($"{source}: the GIF has more than {maxFrames.ToString("N0", CultureInfo.InvariantCulture)} frames; " +
                    $"the limit is {maxFrames.ToString("N0", CultureInfo.InvariantCulture)}");
        }
        if (frames == 0) throw Malformed(source, "the GIF holds no frame");
        return new ImageHeader("GIF", width, height, frames);
    }

    /// <summary>Skips data sub-blocks (a length byte, then that many bytes) up to the zero-length terminator.</summary>
    private static void SkipSubBlocks(Stream stream, string source)
    {
        int length;
        while ((length = stream.ReadByte()) > 0) Skip(stream, length, source);
        if (length < 0) throw Malformed(source, "truncated data sub-blocks");
    }

    private static void Skip(Stream stream, int count, string source)
    {
        if (stream.Position + count > stream.Length) throw Malformed(source, "truncated block");
        stream.Seek(count, SeekOrigin.Current);
    }

    private static void Fill(Stream stream, Span<byte> buffer, string source)
    {
        try { stream.ReadExactly(buffer); }
        catch (EndOfStreamException) { throw Malformed(source, "truncated header"); }
    }

    private static InvalidDataException Malformed(string source, string problem) => new($"{source}: not a well-formed GIF ({problem})");
}
