using System.Text.Json;

namespace TempAct.Models.Checkpoints;

/// <summary>Reads the JSON header of a safetensors file (8-byte little-endian length + JSON) to list tensor names and
/// shapes, so a corrupt or mismatched file is reported precisely before any tensor is loaded.</summary>
public static class SafetensorsHeader
{
    /// <summary>Tensor name → shape; throws <see cref="CheckpointException"/> on a truncated or corrupt header.</summary>
    public static Dictionary<string, long[]> Read(string path) => Entries(path).ToDictionary(e => e.Key, e => e.Value.Shape, StringComparer.Ordinal);

    /// <summary>Tensor name → safetensors dtype ("F32", "F16", "BF16", …); errors as <see cref="Read"/>.</summary>
    public static Dictionary<string, string> DataTypes(string path) => Entries(path).ToDictionary(e => e.Key, e => e.Value.Dtype, StringComparer.Ordinal);

    private static Dictionary<string, (long[] Shape, string Dtype)> Entries(string path)
    {
        try
        {
            using var f = File.OpenRead(path);
            var lengthBytes = new byte[8];
            if (f.Read(lengthBytes, 0, 8) != 8) throw new CheckpointException($"{path}: truncated (no safetensors header)");
            long length = BitConverter.ToInt64(lengthBytes, 0);
            if (length <= 0 || length > 100_000_000 || length > f.Length - 8)
                throw new CheckpointException($"{path}: corrupt safetensors header (header length {length}, file {f.Length} bytes)");
            var header = new byte[length];
            f.ReadExactly(header);
            using var doc = JsonDocument.Parse(header);
            var result = new Dictionary<string, (long[], string)>(StringComparer.Ordinal);
            long dataBytes = f.Length - 8 - length;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Name == "__metadata__") continue;
                result[p.Name] = (p.Value.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray(), p.Value.GetProperty("dtype").GetString() ?? "");
                var offsets = p.Value.GetProperty("data_offsets");
                if (offsets[1].GetInt64() > dataBytes) throw new CheckpointException($"{path}: truncated (tensor {p.Name} ends past the file)");
            }
            return result;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or EndOfStreamException or IOException)
        {
            throw new CheckpointException($"{path}: corrupt safetensors file ({e.Message})", e);
        }
    }
}
