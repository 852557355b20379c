using System.Buffers.Binary;
using System.IO.Compression;

namespace TempAct.World.Tests.Media;

/// <summary>Hand-built PNG, JPEG and GIF files of any declared size: valid and decodable when small, and — with a huge
/// declared canvas but only a few bytes of data — the decompression bombs a decoder would allocate the canvas for.</summary>
public static class CraftedImages
{
    /// <summary>An 8-bit RGB PNG of <paramref name="width"/>×<paramref name="height"/>; with <paramref name="rows"/> set,
    /// only that many rows of (black) pixel data follow, as in a bomb.</summary>
    public static byte[] Png(int width, int height, int? rows = null)
    {
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[1 + 3 * width]; // filter byte 0, then black RGB pixels
            for (int y = 0; y < (rows ?? height); y++) z.Write(row);
        }
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; header[9] = 2; // bit depth 8, colour type RGB
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A baseline greyscale JPEG of <paramref name="width"/>×<paramref name="height"/> whose every 8×8 block is
    /// flat grey (one-symbol Huffman tables: DC category 0 and end-of-block, two bits a block); with
    /// <paramref name="blocks"/> set, only that many blocks of scan data follow.</summary>
    public static byte[] Jpeg(int width, int height, int? blocks = null)
    {
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);                                                        // SOI
        jpeg.Write([0xFF, 0xDB, 0, 67, 0x00]); jpeg.Write(Enumerable.Repeat((byte)1, 64).ToArray()); // DQT: table 0, all ones
        jpeg.Write([0xFF, 0xC0, 0, 11, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]); // SOF0
        foreach (byte table in new byte[] { 0x00, 0x10 })                               // DHT: DC 0 and AC 0, one 1-bit code for symbol 0
        {
            jpeg.Write([0xFF, 0xC4, 0, 20, table, 1]); jpeg.Write(new byte[15]); jpeg.WriteByte(0);
        }
        jpeg.Write([0xFF, 0xDA, 0, 8, 1, 1, 0x00, 0, 63, 0]);                           // SOS
        long count = blocks ?? (long)((width + 7) / 8) * ((height + 7) / 8);
        jpeg.Write(new byte[(count * 2 + 7) / 8]);                                       // "0" (DC diff 0) + "0" (EOB) per block
        jpeg.Write([0xFF, 0xD9]);                                                        // EOI
        return jpeg.ToArray();
    }

    /// <summary>A GIF with a <paramref name="width"/>×<paramref name="height"/> canvas and <paramref name="frames"/> frames,
    /// each a 1×1 rectangle at <paramref name="frameLeft"/> (black, from a 2-colour local table).</summary>
    public static byte[] Gif(int width, int height, int frames = 1, int frameLeft = 0)
    {
        using var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        gif.Write([(byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0, 0, 0]); // no global colour table
        for (int f = 0; f < frames; f++)
        {
            gif.Write([0x2C, (byte)frameLeft, (byte)(frameLeft >> 8), 0, 0, 1, 0, 1, 0, 0x80]); // 1×1 frame, 2-colour local table
            gif.Write([0, 0, 0, 255, 255, 255]);
            gif.Write([2, 2, 0x44, 0x01, 0]); // LZW min code 2: clear, index 0, end
        }
        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length); png.Write(word);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed)); png.Write(word);
    }

    /// <summary>PNG's CRC-32 (ISO 3309, reflected polynomial 0xEDB88320).</summary>
    private static uint Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
