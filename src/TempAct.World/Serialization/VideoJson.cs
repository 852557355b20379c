using System.Text.Json;
using System.Text.Json.Serialization;
using TempAct.World.Rendering;

namespace TempAct.World.Serialization;

/// <summary>
/// A video as JSON: {"frames": T, "height": H, "width": W, "encoding": "float32-le-base64", "data": "..."} with values
/// [T, 3, H, W] in [−1, 1]. Loss-free, so `world track` sees exactly what was rendered or generated.
/// </summary>
public sealed record VideoJson(
    [property: JsonPropertyName("frames")] int Frames,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("encoding")] string? Encoding,
    [property: JsonPropertyName("data")] string? Data)
{
    /// <summary>The encoding this project writes.</summary>
    public const string Float32Base64 = "float32-le-base64";

    /// <summary>Encodes a video.</summary>
    public static VideoJson From(Video v)
    {
        var bytes = new byte[v.Data.Length * 4];
        Buffer.BlockCopy(v.Data, 0, bytes, 0, bytes.Length);
        return new VideoJson(v.Frames, v.Height, v.Width, Float32Base64, Convert.ToBase64String(bytes));
    }

    /// <summary>Writes a video to a JSON file.</summary>
    public static void Save(Video v, string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(From(v), WorldJson.Options));

    /// <summary>Reads a video JSON file; a missing field, a wrong encoding or a size mismatch is a clear error.</summary>
    public static Video Load(string path)
    {
        VideoJson? j;
        try { j = JsonSerializer.Deserialize<VideoJson>(File.ReadAllText(path), WorldJson.Options); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not a video JSON file ({e.Message})", e); }
        if (j is null) throw new InvalidDataException($"{path}: empty JSON");
        if (j.Encoding != Float32Base64) throw new InvalidDataException($"{path}: field 'encoding' must be '{Float32Base64}', found '{j.Encoding}'");
        if (j.Data is null) throw new InvalidDataException($"{path}: field 'data' is missing");
        byte[] bytes;
        try { bytes = Convert.FromBase64String(j.Data); }
        catch (FormatException e) { throw new InvalidDataException($"{path}: field 'data' is not base64", e); }
        long expected = 4L * j.Frames * 3 * j.Height * j.Width;
        if (j.Frames < 1 || j.Height < 1 || j.Width < 1 || bytes.Length != expected)
            throw new InvalidDataException($"{path}: field 'data' has {bytes.Length} bytes; frames={j.Frames}, height={j.Height}, width={j.Width} need {expected}");
        var data = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, data, 0, bytes.Length);
        if (data.Any(x => !float.IsFinite(x))) throw new InvalidDataException($"{path}: field 'data' holds NaN or infinite values");
        return new Video(j.Frames, j.Height, j.Width, data);
    }
}
