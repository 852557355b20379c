using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;
using TempAct.World.Rendering;

namespace TempAct.World.Media;

/// <summary>Writes videos as an animated GIF or a PNG contact sheet and reads frames back from GIF/PNG files.</summary>
public static class VideoImages
{
    /// <summary>Writes an animated GIF, each pixel scaled up <paramref name="scale"/>× (nearest), at <paramref name="fps"/>.</summary>
    public static void WriteGif(Video video, string path, int scale = 4, int fps = 8)
    {
        using var gif = FrameImage(video, 0, scale);
        int delay = Math.Max(2, (int)Math.Round(100.0 / fps)); // GIF delays are in 1/100 s
        gif.Metadata.GetGifMetadata().RepeatCount = 0;        // loop forever
        gif.Frames.RootFrame.Metadata.GetGifMetadata().FrameDelay = delay;
        for (int t = 1; t < video.Frames; t++)
        {
            using var frame = FrameImage(video, t, scale);
            var added = gif.Frames.AddFrame(frame.Frames.RootFrame);
            added.Metadata.GetGifMetadata().FrameDelay = delay;
        }
        gif.SaveAsGif(path);
    }

    /// <summary>Writes all frames side by side in rows of <paramref name="perRow"/>, separated by 1 grey pixel line.</summary>
    public static void WriteContactSheet(Video video, string path, int scale = 3, int perRow = 12)
    {
        int cols = Math.Min(perRow, video.Frames), rows = (video.Frames + perRow - 1) / perRow;
        int cw = video.Width * scale + 1, ch = video.Height * scale + 1;
        using var sheet = new Image<Rgba32>(cols * cw + 1, rows * ch + 1, new Rgba32(90, 90, 90));
        for (int t = 0; t < video.Frames; t++)
        {
            int ox = 1 + (t % perRow) * cw, oy = 1 + (t / perRow) * ch;
            for (int y = 0; y < video.Height * scale; y++)
                for (int x = 0; x < video.Width * scale; x++)
                    sheet[ox + x, oy + y] = Pixel(video, t, y / scale, x / scale);
        }
        sheet.SaveAsPng(path);
    }

    /// <summary>Reads an animated GIF or a single PNG/GIF image back to frames in [−1, 1], undoing an integer upscale
    /// (the image's size divided by <paramref name="size"/>; pixels are sampled at block centres).</summary>
    public static Video ReadFrames(string path, int size = 32)
    {
        using var image = Image.Load<Rgba32>(path);
        return FromImages(image.Frames.Cast<ImageFrame<Rgba32>>().ToList(), size, path);
    }

    /// <summary>Reads a folder of frame images (sorted by file name) as one video.</summary>
    public static Video ReadFolder(string folder, int size = 32)
    {
        var files = Directory.GetFiles(folder).Where(f => f.EndsWith(".png", StringComparison.OrdinalIgnoreCase)
            || f.EndsWith(".gif", StringComparison.OrdinalIgnoreCase)).OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new InvalidDataException($"{folder}: no .png or .gif frames in this folder");
        var images = files.Select(f => Image.Load<Rgba32>(f)).ToList();
        try { return FromImages(images.Select(i => i.Frames.RootFrame).ToList(), size, folder); }
        finally { foreach (var i in images) i.Dispose(); }
    }

    private static Video FromImages(IReadOnlyList<ImageFrame<Rgba32>> frames, int size, string source)
    {
        int w = frames[0].Width, h = frames[0].Height;
        if (w % size != 0 || h % size != 0 || w != h)
            throw new InvalidDataException($"{source}: frames are {w}×{h}; expected a square multiple of {size}×{size}");
        int scale = w / size;
        var data = new float[frames.Count * 3 * size * size];
        for (int t = 0; t < frames.Count; t++)
        {
            if (frames[t].Width != w || frames[t].Height != h)
                throw new InvalidDataException($"{source}: frame {t} is {frames[t].Width}×{frames[t].Height}, frame 0 is {w}×{h}");
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                {
                    var p = frames[t][x * scale + scale / 2, y * scale + scale / 2];
                    int i = t * 3 * size * size + y * size + x;
                    data[i] = p.R / 127.5f - 1; data[i + size * size] = p.G / 127.5f - 1; data[i + 2 * size * size] = p.B / 127.5f - 1;
                }
        }
        return new Video(frames.Count, size, size, data);
    }

    private static Image<Rgba32> FrameImage(Video video, int t, int scale)
    {
        var image = new Image<Rgba32>(video.Width * scale, video.Height * scale);
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                image[x, y] = Pixel(video, t, y / scale, x / scale);
        return image;
    }

    private static Rgba32 Pixel(Video v, int t, int y, int x)
    {
        static byte B(float value) => (byte)Math.Clamp((int)MathF.Round((value + 1) * 127.5f), 0, 255);
        return new Rgba32(B(v[t, 0, y, x]), B(v[t, 1, y, x]), B(v[t, 2, y, x]), 255);
    }
}
