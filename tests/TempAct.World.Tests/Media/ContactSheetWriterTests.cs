using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TempAct.World.Events;
using TempAct.World.Media;
using TempAct.World.Rendering;
using TempAct.World.Simulation;

namespace TempAct.World.Tests.Media;

/// <summary>The streaming contact sheet gives the very pixels of <see cref="VideoImages.WriteContactSheet"/>.</summary>
public sealed class ContactSheetWriterTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 2)]
    [InlineData(12, 3)]
    [InlineData(13, 3)]
    [InlineData(31, 4)]
    public void Sheet_EqualsTheInMemorySheet_PixelForPixel(int frames, int chunk)
    {
        var (scene, events) = ScenarioSampler.Sample(new Random(frames), 2);
        var video = Renderer.Render(scene, EventTiming.Assign(events, Math.Max(frames, 12)), Math.Max(frames, 12)).Slice(0, frames);
        string dir = Directory.CreateTempSubdirectory("tempact-sheet").FullName;
        try
        {
            string expected = Path.Combine(dir, "a.png");
            VideoImages.WriteContactSheet(video, expected);
            var bytes = new MemoryStream();
            var writer = new ContactSheetWriter(bytes, frames, 32, 32);
            for (int t = 0; t < frames; t += chunk) writer.Write(video.Data, t, Math.Min(chunk, frames - t));
            writer.Finish();

            using var want = Image.Load<Rgba32>(expected);
            using var got = Image.Load<Rgba32>(bytes.ToArray());
            Assert.Equal((want.Width, want.Height), (got.Width, got.Height));
            for (int y = 0; y < want.Height; y++)
                for (int x = 0; x < want.Width; x++)
                    if (want[x, y] != got[x, y]) Assert.Fail($"pixel ({x}, {y}): {got[x, y]}, expected {want[x, y]}");
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void FrameCount_IsHeldToWhatWasDeclared()
    {
        var writer = new ContactSheetWriter(Stream.Null, 2, 4, 4);
        writer.Write(new float[3 * 16], 0, 1);
        Assert.Throws<InvalidOperationException>(writer.Finish);
        writer.Write(new float[3 * 16], 0, 1);
        Assert.Throws<InvalidOperationException>(() => writer.Write(new float[3 * 16], 0, 1));
        writer.Finish();
    }
}
