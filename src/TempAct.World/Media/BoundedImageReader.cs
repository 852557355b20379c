using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;

namespace TempAct.World.Media;

/// <summary>
/// Decodes PNG, JPEG and GIF images from untrusted or unknown sources within an <see cref="ImageBudget"/>: the header
/// is read first (format, canvas, GIF frame count; nothing decoded), charged to the budget, and only then is the image
/// decoded — with metadata skipped, GIF frames capped and an allocator that refuses any single buffer over 64 MiB as a
/// last line. A limit refuses with <see cref="ImageLimitException"/>, anything unreadable with
/// <see cref="InvalidDataException"/>; both name the source.
/// </summary>
public static class BoundedImageReader
{
    /// <summary>The largest single buffer the decoders may allocate (a 2048×2048 RGBA canvas is 16 MiB).</summary>
    public const int AllocationLimitMegabytes = 64;

    /// <summary>Only these three formats, metadata (text, EXIF, ICC) never read, a small pool and the allocation cap.</summary>
    private static readonly Configuration Decoding = CreateConfiguration();

    /// <summary>The header of the image at the stream's position (left where it was): <see cref="InvalidDataException"/>
    /// when it is not a readable PNG, JPEG or GIF; <see cref="ImageLimitException"/> when a GIF has more than
    /// <paramref name="maxFrames"/> frames and all are asked for.</summary>
    public static ImageHeader Identify(Stream stream, string source, FrameSelection selection, int maxFrames)
    {
        long start = stream.Position;
        try
        {
            var format = Untrusted(() => Image.DetectFormat(Decoding, stream), source, "image")
                ?? throw new InvalidDataException($"{source}: not a PNG, JPEG or GIF image");
            stream.Position = start;
            if (format is GifFormat) return GifLayout.Read(stream, source, selection, maxFrames);
            var info = Untrusted(() => Image.Identify(Decoding, stream), source, format.Name)
                ?? throw new InvalidDataException($"{source}: not a readable {format.Name} image");
            if (info.Width <= 0 || info.Height <= 0) throw new InvalidDataException($"{source}: the {format.Name} declares a {info.Width}×{info.Height} canvas");
            return new ImageHeader(format.Name, info.Width, info.Height, 1);
        }
        finally { stream.Position = start; }
    }

    /// <summary>Reads the header, charges it to <paramref name="budget"/>, then decodes the frames asked for.</summary>
    public static Image<TPixel> Load<TPixel>(Stream stream, string source, ImageBudget budget, FrameSelection selection)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        // 1. The header alone: format, canvas, frames. Nothing is decoded or allocated for pixels yet.
        var header = Identify(stream, source, selection, budget.FramesLeft);
        // 2. Refuse before decoding when it is over a limit.
        budget.Charge(header, source);
        // 3. Decode exactly what was charged.
        var image = Untrusted(() => Image.Load<TPixel>(Decoding, stream, Decoder(header, selection)), source, header.Format);
        // 4. The decoder must have seen what the header said.
        if (image.Width != header.Width || image.Height != header.Height || image.Frames.Count > header.Frames)
        {
            var (w, h, n) = (image.Width, image.Height, image.Frames.Count);
            image.Dispose();
            throw new InvalidDataException($"{source}: decoded {n} frame(s) of {w}×{h}, but the header declares {header.Frames} of {header.Width}×{header.Height}");
        }
        return image;
    }

    /// <summary>
    /// Runs one decoder call on untrusted bytes. Any exception from inside it means the data is unreadable: ImageSharp
    /// 2.1 throws its format exceptions, the allocation cap's exception and end-of-stream, but also
    /// NullReferenceException and IndexOutOfRangeException on some corrupt files (found by this project's corruption
    /// test), and none of those is a bug of the caller. Out-of-memory and cancellation pass through.
    /// </summary>
    private static T Untrusted<T>(Func<T> call, string source, string format)
    {
        try { return call(); }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        { throw new InvalidDataException($"{source}: not a readable {format} ({e.GetType().Name}: {e.Message})", e); }
    }

    private static IImageDecoder Decoder(ImageHeader header, FrameSelection selection) => header.Format switch
    {
        "GIF" => new GifDecoder
        {
            IgnoreMetadata = true,
            DecodingMode = selection == FrameSelection.First ? SixLabors.ImageSharp.Metadata.FrameDecodingMode.First : SixLabors.ImageSharp.Metadata.FrameDecodingMode.All,
            MaxFrames = (uint)header.Frames,
        },
        "PNG" => new PngDecoder { IgnoreMetadata = true },
        _ => new JpegDecoder { IgnoreMetadata = true },
    };

    private static Configuration CreateConfiguration()
    {
        var configuration = new Configuration(new PngConfigurationModule(), new JpegConfigurationModule(), new GifConfigurationModule())
        {
            MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { MaximumPoolSizeMegabytes = 16, AllocationLimitMegabytes = AllocationLimitMegabytes }),
        };
        configuration.ImageFormatsManager.SetDecoder(PngFormat.Instance, new PngDecoder { IgnoreMetadata = true });
        configuration.ImageFormatsManager.SetDecoder(JpegFormat.Instance, new JpegDecoder { IgnoreMetadata = true });
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { IgnoreMetadata = true, DecodingMode = SixLabors.ImageSharp.Metadata.FrameDecodingMode.First });
        return configuration;
    }
}
