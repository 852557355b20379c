using System.Text.Json.Serialization;
using static TorchSharp.torch;

namespace TempAct.Models.Checkpoints;

/// <summary>
/// The number format a checkpoint's parameters are stored in (model.safetensors), recorded in its config.json as
/// "StoredDtype". Models always load to and compute in fp32; fp16 and bf16 halve the file (shipped weights must fit the
/// device's tree limit). fp16 keeps 11 significant bits (relative rounding ≤ 2⁻¹¹) over ±65,504, bf16 8 bits (≤ 2⁻⁸)
/// over fp32's range: for weights of magnitude ≪ 65,504, fp16 is the closer copy. Buffers (e.g. RoPE frequencies) stay fp32.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<WeightDtype>))]
public enum WeightDtype
{
    /// <summary>32-bit IEEE float (what training writes).</summary>
    [JsonStringEnumMemberName("fp32")] Fp32,
    /// <summary>bfloat16: fp32's exponent, 8 significant bits.</summary>
    [JsonStringEnumMemberName("bf16")] Bf16,
    /// <summary>IEEE half: 5 exponent bits, 11 significant bits.</summary>
    [JsonStringEnumMemberName("fp16")] Fp16,
}

/// <summary>Conversions of <see cref="WeightDtype"/>.</summary>
internal static class WeightDtypes
{
    /// <summary>The torch scalar type.</summary>
    public static ScalarType ScalarType(this WeightDtype d) => d switch
    {
        WeightDtype.Fp32 => TorchSharp.torch.ScalarType.Float32,
        WeightDtype.Bf16 => TorchSharp.torch.ScalarType.BFloat16,
        WeightDtype.Fp16 => TorchSharp.torch.ScalarType.Float16,
        _ => throw new ArgumentOutOfRangeException(nameof(d), $"weight dtype {(int)d}"),
    };

    /// <summary>The safetensors header name ("F32", "BF16", "F16").</summary>
    public static string SafetensorsName(this WeightDtype d) => d switch
    {
        WeightDtype.Fp32 => "F32",
        WeightDtype.Bf16 => "BF16",
        WeightDtype.Fp16 => "F16",
        _ => throw new ArgumentOutOfRangeException(nameof(d), $"weight dtype {(int)d}"),
    };

    /// <summary>"fp32", "bf16" or "fp16".</summary>
    public static string Word(this WeightDtype d) => d.ToString().ToLowerInvariant();
}
