using System.Globalization;

namespace TempAct.World.Media;

/// <summary>The running cost of decoding one video or one request's images against <see cref="ImageLimits"/>: each
/// image is charged from its header before it is decoded, and the first one over a limit is refused.</summary>
public sealed class ImageBudget(ImageLimits limits)
{
    /// <summary>The limits charged against.</summary>
    public ImageLimits Limits { get; } = limits.Validate();

    /// <summary>Frames charged so far.</summary>
    public int Frames { get; private set; }

    /// <summary>Canvas pixels charged so far.</summary>
    public long Pixels { get; private set; }

    /// <summary>Frames still allowed.</summary>
    public int FramesLeft => Limits.MaxFrames - Frames;

    /// <summary>Refuses <paramref name="frames"/> more frames when they would exceed the limit, charging nothing: a check
    /// before anything is read (the files of a folder, the images of a request).</summary>
    public void CheckFrames(int frames, string source)
    {
        if (frames > FramesLeft)
            throw new ImageLimitException($"{source}: {N(Frames + frames)} frames; the limit is {N(Limits.MaxFrames)}");
    }

    /// <summary>Charges an image's declared cost; <see cref="ImageLimitException"/> naming <paramref name="source"/>
    /// when its canvas, its frames or the running total would exceed the limits.</summary>
    public void Charge(ImageHeader header, string source)
    {
        if (header.CanvasPixels > Limits.MaxImagePixels)
            throw new ImageLimitException($"{source}: the {header.Format} declares a {N(header.Width)}×{N(header.Height)} canvas " +
                $"({N(header.CanvasPixels)} pixels); the limit is {N(Limits.MaxImagePixels)} pixels per image");
        CheckFrames(header.Frames, source);
        if (Pixels + header.DecodePixels > Limits.MaxTotalPixels)
            throw new ImageLimitException($"{source}: decoding it would bring the total to {N(Pixels + header.DecodePixels)} pixels; " +
                $"the limit is {N(Limits.MaxTotalPixels)} pixels in all");
        Frames += header.Frames;
        Pixels += header.DecodePixels;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
