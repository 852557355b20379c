using System.Text.Json;
using System.Text.Json.Serialization;
using TempAct.World.Serialization;

namespace TempAct.World.Benchmarks;

/// <summary>
/// A paraphrase set (data/paraphrases.jsonl): JSONL lines {"instruction": …, "events": [{"subject", "action", "pace"}],
/// "frames": optional}. Unlike the benchmark sets its lines are not checked against the parser when loaded — measuring
/// how well the parser reads them is the point (<see cref="ParseSetReport"/>). Errors name the file and line.
/// </summary>
public static class ParaphraseSet
{
    /// <summary>Reads a paraphrase set.</summary>
    public static List<ParaphraseItem> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file");
        var items = new List<ParaphraseItem>();
        int lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(raw)) continue;
            string where = $"{path} line {lineNo}";
            ParaphraseLine? line;
            try { line = JsonSerializer.Deserialize<ParaphraseLine>(raw, WorldJson.Options); }
            catch (JsonException e) { throw new InvalidDataException($"{where}: not valid JSON ({e.Message})", e); }
            if (line?.Instruction is not { Length: > 0 } text) throw new InvalidDataException($"{where}: field 'instruction' is missing or empty");
            if (line.Events is not { Count: > 0 } events) throw new InvalidDataException($"{where}: field 'events' is missing or empty");
            var parsed = events.Select(e => WorldJson.FromJson(e, where)).ToList();
            int frames = line.Frames ?? BenchmarkSet.DefaultFramesPerEvent * parsed.Count;
            if (frames < parsed.Count * 3) throw new InvalidDataException($"{where}: field 'frames' has {frames}, fewer than 3 per event");
            items.Add(new ParaphraseItem(lineNo, text, parsed, frames));
        }
        return items;
    }
}

/// <summary>One JSONL line of a paraphrase set.</summary>
public sealed record ParaphraseLine(
    [property: JsonPropertyName("instruction")] string? Instruction,
    [property: JsonPropertyName("events")] List<EventJson>? Events,
    [property: JsonPropertyName("frames")] int? Frames);
