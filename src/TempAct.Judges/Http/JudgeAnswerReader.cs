using System.Text.Json;

namespace TempAct.Judges.Http;

/// <summary>Reads a judge's JSON answer strictly: every named field present, every value a number in [0, 1]; an array
/// field (the video judge's "frame_scores") non-empty and read as its mean. Extra fields are ignored.</summary>
internal static class JudgeAnswerReader
{
    /// <summary>The sub-scores, or null and the problem.</summary>
    public static (Dictionary<string, double>? Scores, string? Problem) Read(JsonElement root, IReadOnlyList<string> names, string? arrayName = null)
    {
        if (root.ValueKind != JsonValueKind.Object) return (null, "the answer is not a JSON object");
        var scores = new Dictionary<string, double>();
        foreach (var name in names)
        {
            if (!root.TryGetProperty(name, out var value)) return (null, $"missing \"{name}\"");
            if (name == arrayName)
            {
                if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0) return (null, $"\"{name}\" must be a non-empty array of numbers");
                double sum = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (Number(item) is not { } v) return (null, $"\"{name}\" holds {item.GetRawText()}, not a number in [0, 1]");
                    sum += v;
                }
                scores[name] = sum / value.GetArrayLength();
            }
            else if (Number(value) is { } v) scores[name] = v;
            else return (null, $"\"{name}\" is {value.GetRawText()}, not a number in [0, 1]");
        }
        return (scores, null);
    }

    private static double? Number(JsonElement e) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var v) && v is >= 0 and <= 1 ? v : null;
}
