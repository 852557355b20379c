using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;
using TempAct.World.Events;
using TempAct.World.Media;
using TempAct.World.Rendering;
using TempAct.World.Simulation;
using TempAct.World.Tracking;

namespace TempAct.World.Tests.Media;

/// <summary>The streaming GIF writer: a standard GIF (decoded by ImageSharp), exact for frames of up to 256 colours,
/// close for more, LZW right through table resets, and no memory kept per frame.</summary>
public sealed class GifStreamWriterTests
{
    private static byte Byte(float v) => (byte)Math.Clamp((int)MathF.Round((v + 1) * 127.5f), 0, 255);

    /// <summary>Writes the video in chunks of <paramref name="chunk"/> frames and decodes it with ImageSharp.</summary>
    private static Image<Rgba32> RoundTrip(Video video, int chunk = 3, int scale = 4)
    {
        var bytes = new MemoryStream();
        var writer = new GifStreamWriter(bytes, video.Width, video.Height, scale);
        for (int t = 0; t < video.Frames; t += chunk) writer.Write(video.Data, t, Math.Min(chunk, video.Frames - t));
        writer.Finish();
        Assert.Equal(video.Frames, writer.Frames);
        return Image.Load<Rgba32>(bytes.ToArray());
    }

    /// <summary>Largest |decoded − source| over every pixel of every frame, in 0..255 steps, sampling each scaled block everywhere.</summary>
    private static int MaxError(Video video, Image<Rgba32> gif, int scale = 4)
    {
        Assert.Equal(video.Frames, gif.Frames.Count);
        Assert.Equal((video.Width * scale, video.Height * scale), (gif.Width, gif.Height));
        int worst = 0;
        for (int t = 0; t < video.Frames; t++)
            for (int y = 0; y < gif.Height; y++)
                for (int x = 0; x < gif.Width; x++)
                {
                    var p = gif.Frames[t][x, y];
                    int sy = y / scale, sx = x / scale;
                    worst = Math.Max(worst, Math.Abs(p.R - Byte(video[t, 0, sy, sx])));
                    worst = Math.Max(worst, Math.Abs(p.G - Byte(video[t, 1, sy, sx])));
                    worst = Math.Max(worst, Math.Abs(p.B - Byte(video[t, 2, sy, sx])));
                }
        return worst;
    }

    /// <summary>A video whose every frame uses exactly <paramref name="colours"/> distinct colours in random places.</summary>
    private static Video RandomColours(int frames, int size, int colours, int seed)
    {
        var rng = new Random(seed);
        var data = new float[frames * 3 * size * size];
        int plane = size * size;
        for (int t = 0; t < frames; t++)
        {
            var palette = Enumerable.Range(0, colours).Select(i => (R: i & 255, G: (i * 37 + rng.Next(2)) & 255, B: rng.Next(256))).ToArray();
            for (int p = 0; p < plane; p++)
            {
                var c = palette[p < colours ? p : rng.Next(colours)]; // every colour at least once
                data[t * 3 * plane + p] = c.R / 127.5f - 1;
                data[t * 3 * plane + plane + p] = c.G / 127.5f - 1;
                data[t * 3 * plane + 2 * plane + p] = c.B / 127.5f - 1;
            }
        }
        return new Video(frames, size, size, data);
    }

    [Fact]
    public void CleanRender_IsExact_AndLoopsAtTheDelayOfVideoImages()
    {
        var (scene, events) = ScenarioSampler.Sample(new Random(5), 3);
        var video = Renderer.Render(scene, EventTiming.Assign(events, 18), 18);
        using var gif = RoundTrip(video);
        Assert.Equal(0, MaxError(video, gif)); // a clean 32×32 render has fewer than 256 colours a frame
        Assert.Equal(0, gif.Metadata.GetGifMetadata().RepeatCount);
        Assert.All(gif.Frames.Cast<ImageFrame<Rgba32>>(), f => Assert.Equal(12, f.Metadata.GetGifMetadata().FrameDelay)); // 100 / 8 fps, rounded to even
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(129)]
    [InlineData(256)]
    public void UpTo256Colours_RoundTripExactly_WhateverTheTableSize(int colours)
    {
        // 64×64 at scale 4 is 65,536 random indices a frame: the 4,096-code table fills and clears many times.
        var video = RandomColours(3, 64, colours, seed: colours);
        using var gif = RoundTrip(video, chunk: 2);
        Assert.Equal(0, MaxError(video, gif));
    }

    [Fact]
    public void ManyColours_AreMedianCut_Close()
    {
        var rng = new Random(7);
        var data = Enumerable.Range(0, 4 * 3 * 32 * 32).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var noise = new Video(4, 32, 32, data);
        using var gif = RoundTrip(noise);
        double mean = 0;
        for (int t = 0; t < 4; t++)
            for (int y = 0; y < 32; y++)
                for (int x = 0; x < 32; x++)
                {
                    var p = gif.Frames[t][4 * x, 4 * y];
                    mean += Math.Abs(p.R - Byte(noise[t, 0, y, x])) + Math.Abs(p.G - Byte(noise[t, 1, y, x])) + Math.Abs(p.B - Byte(noise[t, 2, y, x]));
                }
        mean /= 4 * 32 * 32 * 3;
        // 1,024 distinct random colours in 256 boxes: a box spans about 256 / 256^(1/3) ≈ 40 levels a channel, so the
        // mean error from its centre is about a quarter of that; far above it means the cut is broken.
        Assert.InRange(mean, 1, 16);
    }

    [Fact]
    public void TrackerReadsTheStreamedGif_AsItReadsTheFrames()
    {
        var (scene, events) = ScenarioSampler.Sample(new Random(8), 3);
        var video = Renderer.Render(scene, EventTiming.Assign(events, 36), 36);
        string path = Path.Combine(Path.GetTempPath(), $"tempact-gif-{Guid.NewGuid():N}.gif");
        try
        {
            using (var file = File.Create(path))
            {
                var writer = new GifStreamWriter(file, 32, 32);
                writer.Write(video.Data, 0, video.Frames);
                writer.Finish();
            }
            var direct = Tracker.Track(video).Events.Select(e => e.ToString());
            var fromGif = Tracker.Track(VideoImages.ReadFrames(path)).Events.Select(e => e.ToString());
            Assert.NotEmpty(direct);
            Assert.Equal(direct, fromGif);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void WritingFrames_KeepsNoMemoryPerFrame()
    {
        var (scene, events) = ScenarioSampler.Sample(new Random(9), 2);
        var video = Renderer.Render(scene, EventTiming.Assign(events, 24), 24);
        var writer = new GifStreamWriter(Stream.Null, 32, 32);
        writer.Write(video.Data, 0, 3); // warm up: the colour dictionary and tables reach their size
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int pass = 0; pass < 20; pass++) writer.Write(video.Data, 0, video.Frames);
        long perFrame = (GC.GetAllocatedBytesForCurrentThread() - before) / (20 * video.Frames);
        Assert.True(perFrame < 256, $"{perFrame} bytes allocated a frame"); // a frame's pixels alone are 12 KB
    }

    [Fact]
    public void BadCalls_AreRefused()
    {
        var writer = new GifStreamWriter(Stream.Null, 8, 8);
        Assert.Throws<InvalidOperationException>(writer.Finish); // no frames
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write(new float[3 * 64], 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GifStreamWriter(Stream.Null, 20_000, 8, scale: 4));
    }
}
