using System.Security.Cryptography;

namespace TempAct.World.Rendering;

/// <summary>
/// Frames in layout [T, 3, H, W], values in [−1, 1]: the one currency between the world, the models and the judges.
/// </summary>
public sealed class Video
{
    /// <summary>Creates a video over existing data (not copied).</summary>
    public Video(int frames, int height, int width, float[] data)
    {
        if (frames < 1 || height < 1 || width < 1) throw new ArgumentException($"bad video shape [{frames}, 3, {height}, {width}]");
        if (data.Length != frames * 3 * height * width)
            throw new ArgumentException($"video data has {data.Length} values, [{frames}, 3, {height}, {width}] needs {frames * 3 * height * width}");
        Frames = frames; Height = height; Width = width; Data = data;
    }

    /// <summary>Number of frames T.</summary>
    public int Frames { get; }

    /// <summary>Frame height H.</summary>
    public int Height { get; }

    /// <summary>Frame width W.</summary>
    public int Width { get; }

    /// <summary>Values, [T, 3, H, W] row-major.</summary>
    public float[] Data { get; }

    /// <summary>Value of channel c at (y, x) in frame t.</summary>
    public float this[int t, int c, int y, int x] => Data[((t * 3 + c) * Height + y) * Width + x];

    /// <summary>RGB in [0, 1] of one pixel.</summary>
    public (float R, float G, float B) Rgb(int t, int y, int x) =>
        ((this[t, 0, y, x] + 1) / 2, (this[t, 1, y, x] + 1) / 2, (this[t, 2, y, x] + 1) / 2);

    /// <summary>A copy of frames [start, end).</summary>
    public Video Slice(int start, int end)
    {
        if (start < 0 || end > Frames || end <= start) throw new ArgumentOutOfRangeException(nameof(start), $"slice [{start}, {end}) of {Frames} frames");
        int per = 3 * Height * Width;
        return new Video(end - start, Height, Width, Data.AsSpan(start * per, (end - start) * per).ToArray());
    }

    /// <summary>SHA-256 of the raw values, for determinism checks.</summary>
    public string Hash()
    {
        var bytes = new byte[Data.Length * sizeof(float)];
        Buffer.BlockCopy(Data, 0, bytes, 0, bytes.Length);
        return Convert.ToHexString(SHA256.HashData(bytes));
    }
}
