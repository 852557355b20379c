namespace TempAct.World.Media;

/// <summary>
/// GIF's variable-length LZW (GIF89a specification, appendix F): codes of 3 to 12 bits packed least significant bit
/// first, in data sub-blocks of at most 255 bytes. One encoder serves a whole file; its tables are reused frame after frame.
/// </summary>
internal sealed class GifLzw
{
    private const int MaxCodes = 4096;               // 12-bit codes
    private readonly short[] next = new short[MaxCodes * 256]; // (prefix code, pixel) → code, 0 = none (codes ≥ 4 are never 0)
    private readonly List<int> keys = new(MaxCodes);            // the entries set since the last clear, to reset them
    private readonly byte[] block = new byte[256];
    private Stream output = Stream.Null;
    private int blockLength, bitBuffer, bitCount, codeSize, clear, nextCode;

    /// <summary>Writes the minimum code size byte, the LZW data of <paramref name="pixels"/> (indices below 2^<paramref name="minCodeSize"/>)
    /// and the block terminator.</summary>
    public void Encode(Stream to, int minCodeSize, ReadOnlySpan<byte> pixels)
    {
        output = to;
        output.WriteByte((byte)minCodeSize);
        clear = 1 << minCodeSize;
        Reset(minCodeSize);
        Emit(clear);
        int prefix = -1;
        foreach (byte k in pixels)
        {
            if (prefix < 0) { prefix = k; continue; }
            int key = prefix << 8 | k;
            if (next[key] != 0) { prefix = next[key]; continue; }
            Emit(prefix);
            if (nextCode < MaxCodes)
            {
                next[key] = (short)nextCode;
                keys.Add(key);
                // The decoder widens its codes once its table reaches 2^codeSize entries; it lags one code behind us.
                if (nextCode == 1 << codeSize && codeSize < 12) codeSize++;
                nextCode++;
            }
            else
            {
                Emit(clear); // table full: start over
                Reset(minCodeSize);
            }
            prefix = k;
        }
        if (prefix >= 0) Emit(prefix);
        Emit(clear + 1); // end of information
        if (bitCount > 0) Put((byte)bitBuffer);
        bitBuffer = 0; bitCount = 0;
        Flush();
        output.WriteByte(0); // block terminator
        output = Stream.Null;
    }

    private void Reset(int minCodeSize)
    {
        foreach (int key in keys) next[key] = 0;
        keys.Clear();
        codeSize = minCodeSize + 1;
        nextCode = clear + 2;
    }

    private void Emit(int code)
    {
        bitBuffer |= code << bitCount;
        bitCount += codeSize;
        while (bitCount >= 8)
        {
            Put((byte)bitBuffer);
            bitBuffer >>= 8;
            bitCount -= 8;
        }
    }

    private void Put(byte b)
    {
        block[1 + blockLength++] = b;
        if (blockLength == 255) Flush();
    }

    private void Flush()
    {
        if (blockLength == 0) return;
        block[0] = (byte)blockLength;
        output.Write(block, 0, blockLength + 1);
        blockLength = 0;
    }
}
