using TempAct.World.Serialization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;
using TempAct.World.Rendering;

namespace TempAct.World.Media;

/// <summary>Writes videos as an animated GIF or a PNG contact sheet and reads frames back from GIF/PNG/JPEG files,
/// within <see cref="ImageLimits"/> checked from the headers before decoding.</summary>
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
        AtomicFile.Write(path, s => gif.SaveAsGif(s));
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
        AtomicFile.Write(path, s => sheet.SaveAsPng(s));
    }

    /// <summary>Reads an animated GIF or a single PNG/JPEG image back to frames in [−1, 1], undoing an integer upscale
    /// (the image's size divided by <paramref name="size"/>; pixels are sampled at block centres). The header is checked
    /// against <paramref name="limits"/> (default <see cref="ImageLimits.Files"/>) before decoding; a corrupt or
    /// over-limit file throws <see cref="InvalidDataException"/> or <see cref="ImageLimitException"/> naming it.</summary>
    public static Video ReadFrames(string path, int size = 32, ImageLimits? limits = null)
    {
        var budget = new ImageBudget(limits ?? ImageLimits.Files);
        using var stream = File.OpenRead(path);
        using var image = BoundedImageReader.Load<Rgba32>(stream, path, budget, FrameSelection.All);
        CheckSize(image.Width, image.Height, size, path);
        var data = new float[image.Frames.Count * 3 * size * size];
        for (int t = 0; t < image.Frames.Count; t++) Sample(image.Frames[t], t, size, data);
        return new Video(image.Frames.Count, size, size, data);
    }

    /// <summary>Reads a folder of frame images (.png, .gif, .jpg; sorted by file name; the first frame of each) as one
    /// video, one file at a time, within <paramref name="limits"/> (default <see cref="ImageLimits.Files"/>).</summary>
    public static Video ReadFolder(string folder, int size = 32, ImageLimits? limits = null)
    {
        var files = Directory.GetFiles(folder).Where(IsFrameFile).OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new InvalidDataException($"{folder}: no .png, .gif or .jpg frames in this folder");
        var budget = new ImageBudget(limits ?? ImageLimits.Files);
        budget.CheckFrames(files.Count, folder); // before opening any file
        float[]? data = null;
        int width = 0, height = 0;
        for (int t = 0; t < files.Count; t++)
        {
            using var stream = File.OpenRead(files[t]);
            using var image = BoundedImageReader.Load<Rgba32>(stream, files[t], budget, FrameSelection.First);
            if (t == 0) { CheckSize(image.Width, image.Height, size, files[t]); (width, height) = (image.Width, image.Height); data = new float[files.Count * 3 * size * size]; }
            else if (image.Width != width || image.Height != height)
                throw new InvalidDataException($"{files[t]}: frame {t} is {image.Width}×{image.Height}, frame 0 is {width}×{height}");
            Sample(image.Frames.RootFrame, t, size, data!);
        }
        return new Video(files.Count, size, size, data!);
    }

    private static bool IsFrameFile(string f) =>
        new[] { ".png", ".gif", ".jpg", ".jpeg" }.Any(ext => f.EndsWith(ext, StringComparison.OrdinalIgnoreCase));

    private static void CheckSize(int w, int h, int size, string source)
    {
        if (w % size != 0 || h % size != 0 || w != h)
            throw new InvalidDataException($"{source}: frames are {w}×{h}; expected a square multiple of {size}×{size}");
    }

    /// <summary>Writes frame <paramref name="t"/> into <paramref name="data"/>, sampling each block's centre pixel.</summary>
    private static void Sample(ImageFrame<Rgba32> frame, int t, int size, float[] data)
    {
        int scale = frame.Width / size, plane = size * size;
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                var p = frame[x * scale + scale / 2, y * scale + scale / 2];
                int i = t * 3 * plane + y * size + x;
                data[i] = p.R / 127.5f - 1; data[i + plane] = p.G / 127.5f - 1; data[i + 2 * plane] = p.B / 127.5f - 1;
            }
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
