using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using TempAct.World.Media;
using TempAct.World.Rendering;
using TempAct.World.Scenes;

namespace TempAct.Judges.Http;

/// <summary>
/// Frames as the HTTP judges send them: each frame enlarged <c>scale</c>× (nearest) and coded as JPEG (4:4:4 chroma,
/// so colours do not bleed across the tiny objects), as base64 <c>data:image/jpeg</c> URLs in <c>image_url</c> parts.
/// Decoding averages each scale×scale block back to one world pixel, which also averages JPEG's ringing away.
/// </summary>
public static class JpegFrames
{
    private const string DataPrefix = "data:";

    /// <summary>JPEG bytes of frame <paramref name="t"/> of <paramref name="video"/>.</summary>
    public static byte[] Encode(Video video, int t, int scale, int quality)
    {
        int w = video.Width * scale, h = video.Height * scale, plane = video.Height * video.Width, frame = t * 3 * plane;
        var pixels = new Rgb24[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int i = frame + (y / scale) * video.Width + x / scale;
                pixels[y * w + x] = new Rgb24(Byte(video.Data[i]), Byte(video.Data[i + plane]), Byte(video.Data[i + 2 * plane]));
            }
        using var image = Image.LoadPixelData<Rgb24>(pixels, w, h);
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream, new JpegEncoder { Quality = quality, ColorType = JpegColorType.YCbCrRatio444 });
        return stream.ToArray();
    }

    /// <summary>"data:image/jpeg;base64,…" of JPEG bytes.</summary>
    public static string DataUrl(byte[] jpeg) => "data:image/jpeg;base64," + Convert.ToBase64String(jpeg);

    /// <summary>The bytes of a base64 data URL; <see cref="InvalidDataException"/> for anything else (remote URLs are
    /// not fetched).</summary>
    public static byte[] FromDataUrl(string url)
    {
        if (!url.StartsWith(DataPrefix, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"image_url must be a base64 data URL (data:image/jpeg;base64,…); got '{Truncate(url)}'");
        int comma = url.IndexOf(',');
        if (comma < 0 || !url.AsSpan(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"image_url data URL is not base64-coded: '{Truncate(url)}'");
        try { return Convert.FromBase64String(url[(comma + 1)..]); }
        catch (FormatException e) { throw new InvalidDataException($"image_url holds invalid base64 ({e.Message})", e); }
    }

    /// <summary>
    /// Decodes images (JPEG, PNG or the first frame of a GIF) into one video of <paramref name="size"/>×<paramref name="size"/>
    /// frames; every image must be square and a whole multiple of the size. Each image's header is checked against
    /// <paramref name="limits"/> (default <see cref="ImageLimits.Server"/>) before it is decoded, so a decompression bomb
    /// costs nothing. <see cref="InvalidDataException"/> or <see cref="ImageLimitException"/> names the image.
    /// </summary>
    public static Video Decode(IReadOnlyList<byte[]> images, int size = WorldGeometry.Canvas, ImageLimits? limits = null)
    {
        if (images.Count == 0) throw new InvalidDataException("no frames: the request holds no images");
        var budget = new ImageBudget(limits ?? ImageLimits.Server);
        budget.CheckFrames(images.Count, "the request");
        int plane = size * size;
        var data = new float[images.Count * 3 * plane];
        for (int t = 0; t < images.Count; t++)
        {
            Rgb24[] pixels;
            int width;
            using (var image = BoundedImageReader.Load<Rgb24>(new MemoryStream(images[t], writable: false), $"image {t}", budget, FrameSelection.First))
            {
                if (image.Width != image.Height || image.Width % size != 0)
                    throw new InvalidDataException($"image {t} is {image.Width}×{image.Height}; frames must be square multiples of {size}×{size}");
                width = image.Width;
                pixels = new Rgb24[image.Width * image.Height];
                image.CopyPixelDataTo(pixels);
            }
            int scale = width / size;
            float norm = 1f / (scale * scale * 127.5f);
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                {
                    float r = 0, g = 0, b = 0;
                    for (int dy = 0; dy < scale; dy++)
                        for (int dx = 0; dx < scale; dx++)
                        {
                            var p = pixels[(y * scale + dy) * width + x * scale + dx];
                            r += p.R; g += p.G; b += p.B;
                        }
                    int i = t * 3 * plane + y * size + x;
                    data[i] = r * norm - 1; data[i + plane] = g * norm - 1; data[i + 2 * plane] = b * norm - 1;
                }
        }
        return new Video(images.Count, size, size, data);
    }

    private static byte Byte(float value) => (byte)Math.Clamp((int)MathF.Round((value + 1) * 127.5f), 0, 255);

    private static string Truncate(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
