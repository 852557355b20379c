using System.Text.Json;
using TempAct.World.Benchmarks;
using TempAct.World.Events;
using TempAct.World.Language;

namespace TempAct.Evaluation.Eval;

/// <summary>
/// Reads an evaluation set: a JSONL file with one {"instruction": "..."} a line; "frames" is optional (default
/// <see cref="BenchmarkSet.DefaultFramesPerEvent"/> an event) and other fields are ignored (the parser is the truth). A
/// line whose instruction does not parse, or whose frames cannot hold its events, is skipped with the message; a line
/// that is not JSON, or has no "instruction" string, makes the file bad (<see cref="InvalidDataException"/> naming the
/// file and line).
/// </summary>
public static class EvalSetReader
{
    /// <summary>Reads <paramref name="path"/>; the set is named <paramref name="name"/>.</summary>
    public static EvalSet Read(string path, string name)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file");
        var items = new List<BenchmarkItem>();
        var skipped = new List<SkippedInstruction>();
        int lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(raw)) continue;
            string where = $"{path} line {lineNo}";
            var (text, frames) = Fields(raw, where);
            try
            {
                var instruction = InstructionParser.Parse(text);
                int n = frames ?? BenchmarkSet.DefaultFramesPerEvent * instruction.Events.Count;
                items.Add(new BenchmarkItem(instruction, n, EventTiming.Assign(instruction.Events, n)));
            }
            catch (InstructionParseException e) { skipped.Add(new SkippedInstruction(text, $"{where}: {e.Message}")); }
            catch (ArgumentException e) { skipped.Add(new SkippedInstruction(text, $"{where}: field 'frames': {e.Message}")); }
        }
        return new EvalSet(name, items, skipped);
    }

    private static (string Text, int? Frames) Fields(string raw, string where)
    {
        try
        {
            using var doc = JsonDocument.Parse(raw);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("instruction", out var ins) || ins.ValueKind != JsonValueKind.String
                || ins.GetString() is not { Length: > 0 } text)
                throw new InvalidDataException($"{where}: field 'instruction' is missing, empty or not a string");
            int? frames = null;
            if (root.TryGetProperty("frames", out var f) && f.ValueKind != JsonValueKind.Null)
                frames = f.ValueKind == JsonValueKind.Number && f.TryGetInt32(out int v) && v > 0 ? v
                    : throw new InvalidDataException($"{where}: field 'frames' must be a positive whole number");
            return (text, frames);
        }
        catch (JsonException e) { throw new InvalidDataException($"{where}: not valid JSON ({e.Message})", e); }
    }
}
