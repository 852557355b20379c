using System.Text;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace TempAct.Models.Checkpoints;

/// <summary>
/// Writes a module's weights as safetensors with its parameters in a <see cref="WeightDtype"/> (buffers keep their
/// type), and checks that a file holds what its config declares. Reading needs nothing special: loading copies each
/// stored tensor into the module's fp32 parameter, converting it.
/// </summary>
public static class StoredWeights
{
    /// <summary>Writes <paramref name="module"/>'s state dict to <paramref name="path"/> (not atomically: callers write a
    /// temp name and rename) with floating-point parameters converted to <paramref name="dtype"/>.</summary>
    public static void Write(nn.Module module, string path, WeightDtype dtype)
    {
        var parameters = module.named_parameters().Select(p => p.name).ToHashSet(StringComparer.Ordinal);
        var tensors = new List<(string Name, string Dtype, long[] Shape, byte[] Bytes)>();
        using (var scope = NewDisposeScope())
        {
            foreach (var (name, t) in module.state_dict())
            {
                bool convert = parameters.Contains(name) && t.dtype == ScalarType.Float32 && dtype != WeightDtype.Fp32;
                var stored = (convert ? t.to_type(dtype.ScalarType()) : t).detach().cpu().contiguous();
                string type = stored.dtype switch
                {
                    ScalarType.Float32 => "F32", ScalarType.BFloat16 => "BF16", ScalarType.Float16 => "F16", ScalarType.Int64 => "I64",
                    _ => throw new NotSupportedException($"{name}: cannot store {stored.dtype}"),
                };
                tensors.Add((name, type, stored.shape, stored.bytes.ToArray()));
            }
        }
        var header = new JsonObject();
        long offset = 0;
        foreach (var (name, type, shape, bytes) in tensors)
        {
            header[name] = new JsonObject
            {
                ["dtype"] = type,
                ["shape"] = new JsonArray(shape.Select(x => (JsonNode)x).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes.Length),
            };
            offset += bytes.Length;
        }
        // The header is padded with spaces to a multiple of 8 bytes, as the safetensors format recommends.
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8;
        using var f = File.Create(path);
        f.Write(BitConverter.GetBytes((ulong)padded));
        f.Write(json);
        for (int i = json.Length; i < padded; i++) f.WriteByte((byte)' ');
        foreach (var t in tensors) f.Write(t.Bytes);
    }

    /// <summary>Throws a <see cref="CheckpointException"/> naming the file unless every tensor of
    /// <c>model.safetensors</c> in <paramref name="dir"/> is fp32 or <paramref name="declared"/>, and some tensor is
    /// <paramref name="declared"/> (the config says what the weights are). A missing file passes: loading names it.</summary>
    public static void Check(string dir, WeightDtype declared)
    {
        string path = Path.Combine(dir, WeightStore.WeightsFile);
        if (!File.Exists(path)) return; // loading names the missing file
        var types = SafetensorsHeader.DataTypes(path);
        string want = declared.SafetensorsName();
        var other = types.Values.Where(t => t != "F32" && t != want).Distinct().ToList();
        if (other.Count > 0 || !types.Values.Contains(want))
            throw new CheckpointException($"{path}: holds {string.Join("/", types.Values.Distinct().Order())} tensors, but {WeightStore.ConfigFile} says StoredDtype {declared.Word()}");
    }
}
