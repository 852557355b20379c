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
}
