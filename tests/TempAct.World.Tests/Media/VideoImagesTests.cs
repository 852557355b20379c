using TempAct.World.Events;
using TempAct.World.Media;
using TempAct.World.Rendering;
using TempAct.World.Simulation;

namespace TempAct.World.Tests.Media;

public sealed class VideoImagesTests
{
    [Fact]
    public void Gif_RoundTripsFramesWithinQuantisation()
    {
        var (scene, events) = ScenarioSampler.Sample(new Random(5), 3);
        var video = Renderer.Render(scene, EventTiming.Assign(events, 18), 18);
        string dir = Directory.CreateTempSubdirectory("tempact-gif").FullName;
        try
        {
            string gif = Path.Combine(dir, "v.gif"), png = Path.Combine(dir, "v.png");
            VideoImages.WriteGif(video, gif);
            VideoImages.WriteContactSheet(video, png);
            var back = VideoImages.ReadFrames(gif);
            Assert.Equal(video.Frames, back.Frames);
            double meanError = video.Data.Zip(back.Data, (a, b) => Math.Abs(a - b)).Average();
            Assert.True(meanError < 0.05, $"mean abs error {meanError}"); // GIF palettes are 8-bit
            Assert.True(new FileInfo(png).Length > 100);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void AFolderWithACorruptPng_NamesTheFile()
    {
        string dir = Directory.CreateTempSubdirectory("tempact-frames").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "000.png"), CraftedImages.Png(32, 32));
            byte[] corrupt = CraftedImages.Png(32, 32);
            corrupt[^20] ^= 0xFF; // inside the IDAT data: its CRC no longer matches
            File.WriteAllBytes(Path.Combine(dir, "001.png"), corrupt);
            var ex = Assert.Throws<InvalidDataException>(() => VideoImages.ReadFolder(dir));
            Assert.Contains("001.png", ex.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void AFolderWithMoreFilesThanFrames_IsRefusedBeforeAnyIsRead()
    {
        string dir = Directory.CreateTempSubdirectory("tempact-frames").FullName;
        try
        {
            // Not even images: the count alone refuses them, so none is opened.
            for (int i = 0; i < 5; i++) File.WriteAllBytes(Path.Combine(dir, $"{i:000}.png"), [1, 2, 3]);
            var ex = Assert.Throws<ImageLimitException>(() => VideoImages.ReadFolder(dir, limits: new ImageLimits(1 << 20, 1 << 24, MaxFrames: 4)));
            Assert.Contains("5 frames; the limit is 4", ex.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void AGifBomb_IsRefusedByItsHeader()
    {
        string dir = Directory.CreateTempSubdirectory("tempact-gif").FullName;
        try
        {
            string path = Path.Combine(dir, "bomb.gif");
            File.WriteAllBytes(path, CraftedImages.Gif(20000, 20000));
            var ex = Assert.Throws<ImageLimitException>(() => VideoImages.ReadFrames(path));
            Assert.Contains(path, ex.Message);
            string many = Path.Combine(dir, "many.gif");
            File.WriteAllBytes(many, CraftedImages.Gif(128, 128, frames: ImageLimits.Files.MaxFrames + 1));
            Assert.Contains("more than 10,000 frames", Assert.Throws<ImageLimitException>(() => VideoImages.ReadFrames(many)).Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
