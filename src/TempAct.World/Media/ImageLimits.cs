namespace TempAct.World.Media;

/// <summary>
/// Bounds on decoding images, checked from each image's header before any pixel is decoded, so that a small file
/// declaring a huge canvas or thousands of frames (a decompression bomb: 34 bytes of GIF can declare 20000×20000)
/// is refused at no cost. Decoding cost is counted in canvas pixels: a GIF frame costs its whole canvas, because the
/// decoder composes every frame onto a full copy of it.
/// </summary>
/// <param name="MaxImagePixels">Largest canvas one image may declare (width × height).</param>
/// <param name="MaxTotalPixels">Largest sum of decoded canvases over one video or one request, every frame counted.</param>
/// <param name="MaxFrames">Most frames in one video or request: images in a request, files in a folder, frames of a GIF.</param>
public sealed record ImageLimits(long MaxImagePixels, long MaxTotalPixels, int MaxFrames)
{
    /// <summary>Server requests: 1024×1024 per image; 2^24 pixels in all (1,024 frames at 128×128, the judge client's
    /// 4× scale of the 32×32 world); 1,024 images.</summary>
    public static ImageLimits Server { get; } = new(1L << 20, 1L << 24, 1024);

    /// <summary>Local files (<c>world track</c>): 2048×2048 per image; 10 × 2^24 pixels in all (10,240 frames at 128×128,
    /// about 640 MiB as RGBA); 10,000 frames, the longest video <c>world sample</c> writes.</summary>
    public static ImageLimits Files { get; } = new(1L << 22, 10L << 24, 10_000);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public ImageLimits Validate()
    {
        if (MaxImagePixels < 1) throw new ArgumentException($"{nameof(MaxImagePixels)} must be positive, got {MaxImagePixels}");
        if (MaxTotalPixels < MaxImagePixels) throw new ArgumentException($"{nameof(MaxTotalPixels)} ({MaxTotalPixels}) must be at least {nameof(MaxImagePixels)} ({MaxImagePixels})");
        if (MaxFrames < 1) throw new ArgumentException($"{nameof(MaxFrames)} must be positive, got {MaxFrames}");
        return this;
    }
}
