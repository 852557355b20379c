using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TempAct.World.Media;

namespace TempAct.World.Tests.Media;

public sealed class BoundedImageReaderTests
{
    public static TheoryData<string> Formats => new() { "PNG", "JPEG", "GIF" };

    private static byte[] Craft(string format, int width, int height, bool bomb = false) => format switch
    {
        "PNG" => CraftedImages.Png(width, height, bomb ? 1 : null),
        "JPEG" => CraftedImages.Jpeg(width, height, bomb ? 1 : null),
        _ => CraftedImages.Gif(width, height),
    };

    private static Image<Rgb24> Load(byte[] bytes, ImageBudget budget, FrameSelection selection = FrameSelection.First) =>
        BoundedImageReader.Load<Rgb24>(new MemoryStream(bytes), "test image", budget, selection);

    [Theory, MemberData(nameof(Formats))]
    public void ACraftedImage_OfAnAllowedSize_Decodes(string format)
    {
        // The bombs below are these same files with a larger declared canvas: they are refused for their size alone.
        using var image = Load(Craft(format, 64, 48), new ImageBudget(ImageLimits.Server));
        Assert.Equal((64, 48), (image.Width, image.Height));
    }

    [Theory, MemberData(nameof(Formats))]
    public void ABomb_IsRefusedFromItsHeader_WithoutAllocatingTheCanvas(string format)
    {
        byte[] bomb = Craft(format, 20000, 20000, bomb: true);
        Assert.True(bomb.Length < 1024, $"{bomb.Length} bytes");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<ImageLimitException>(() => Load(bomb, new ImageBudget(ImageLimits.Files)));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("20,000×20,000", ex.Message);
        Assert.Contains("test image", ex.Message);
        // Decoding would take 400 M pixels (1.2 GB as RGB); reading the header takes a few kB.
        Assert.True(allocated < 4 << 20, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void TheTotalBudget_RefusesTheImageThatWouldExceedIt()
    {
        var budget = new ImageBudget(new ImageLimits(MaxImagePixels: 64 * 64, MaxTotalPixels: 3 * 64 * 64, MaxFrames: 100));
        for (int i = 0; i < 3; i++) Load(CraftedImages.Png(64, 64), budget).Dispose();
        var ex = Assert.Throws<ImageLimitException>(() => Load(CraftedImages.Png(64, 64), budget));
        Assert.Contains("12,288 pixels in all", ex.Message); // 3 × 64 × 64
        Assert.Equal(3 * 64 * 64, budget.Pixels);
    }

    [Fact]
    public void AGifWithMoreFramesThanAllowed_IsRefusedBeforeDecoding_UnlessOnlyTheFirstIsAsked()
    {
        byte[] gif = CraftedImages.Gif(128, 128, frames: 11);
        var limits = new ImageLimits(1 << 20, 1 << 24, MaxFrames: 10);
        var ex = Assert.Throws<ImageLimitException>(() => Load(gif, new ImageBudget(limits), FrameSelection.All));
        Assert.Contains("more than 10 frames", ex.Message);
        using var first = Load(gif, new ImageBudget(limits), FrameSelection.First);
        Assert.Single(first.Frames);
        using var all = Load(CraftedImages.Gif(128, 128, frames: 10), new ImageBudget(limits), FrameSelection.All);
        Assert.Equal(10, all.Frames.Count);
    }

    [Fact]
    public void GifFrames_AreChargedAWholeCanvasEach()
    {
        // 100 one-pixel frames on a 128×128 canvas cost 100 canvases: the decoder composes each onto a full copy.
        var budget = new ImageBudget(new ImageLimits(1 << 20, 99 * 128 * 128, 1000));
        Assert.Throws<ImageLimitException>(() => Load(CraftedImages.Gif(128, 128, frames: 100), budget, FrameSelection.All));
    }

    [Fact]
    public void AGifFrameOutsideTheCanvas_IsMalformed()
    {
        var ex = Assert.Throws<InvalidDataException>(() => Load(CraftedImages.Gif(32, 32, frameLeft: 40), new ImageBudget(ImageLimits.Server)));
        Assert.Contains("outside the 32×32 canvas", ex.Message);
    }

    [Theory]
    [InlineData("PNG")]
    [InlineData("JPEG")]
    [InlineData("GIF")]
    [InlineData("BMP")]
    public void CorruptOrTruncatedData_OnlyEverThrowsInvalidData(string format)
    {
        // Every truncation and 300 seeded byte corruptions: each either decodes or is refused as unreadable — never
        // another exception type, which the CLI would report as an internal error with a stack trace.
        byte[] good = format == "BMP" ? [.. "BM"u8, .. new byte[60]] : Craft(format, 40, 24);
        var variants = Enumerable.Range(0, good.Length).Select(n => good[..n]).ToList();
        var random = new Random(20261201);
        for (int i = 0; i < 300; i++)
        {
            var bad = (byte[])good.Clone();
            for (int k = 0; k < 1 + i % 4; k++) bad[random.Next(bad.Length)] = (byte)random.Next(256);
            variants.Add(bad);
        }
        foreach (var bytes in variants)
        {
            try { Load(bytes, new ImageBudget(ImageLimits.Server), FrameSelection.All).Dispose(); }
            catch (Exception e) when (e is InvalidDataException or ImageLimitException) { Assert.Contains("test image", e.Message); }
        }
    }
}
