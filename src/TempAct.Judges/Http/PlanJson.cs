using System.Text.Json;
using System.Text.Json.Nodes;
using TempAct.World.Plans;

namespace TempAct.Judges.Http;

/// <summary>
/// A valid <see cref="StepPlan"/> in TempAct's plan format, <c>[{"step_index": 0, "prompt": "…", "chunks": [0, 4]}, …]</c>,
/// and back — strictly, for the plan judge's wire format. (Untrusted planner output goes through the planner's own parser
/// with its repairs and format score; this is not that.)
/// </summary>
public static class PlanJson
{
    /// <summary>One-line JSON of a plan.</summary>
    public static string Write(StepPlan plan) => new JsonArray(plan.Steps.Select(s => (JsonNode)new JsonObject
    {
        ["step_index"] = s.StepIndex,
        ["prompt"] = s.Prompt,
        ["chunks"] = new JsonArray(s.Chunks.First, s.Chunks.End),
    }).ToArray()).ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Reads a plan over <paramref name="totalChunks"/> chunks; <see cref="FormatException"/> says what is wrong.</summary>
    public static StepPlan Read(string json, int totalChunks)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new FormatException("a plan is a JSON array of steps");
            var steps = doc.RootElement.EnumerateArray().Select(e =>
            {
                var chunks = e.GetProperty("chunks");
                if (chunks.GetArrayLength() != 2) throw new FormatException("\"chunks\" must be [first, end)");
                return new PlanStep(e.GetProperty("step_index").GetInt32(), e.GetProperty("prompt").GetString() ?? "",
                    new ChunkSpan(chunks[0].GetInt32(), chunks[1].GetInt32()));
            }).ToList();
            return new StepPlan(steps, totalChunks);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"not a valid plan: {e.Message}", e);
        }
    }
}
