using System.Text.Json;
using System.Text.Json.Serialization;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Serialization;
using TempAct.World.Simulation;

namespace TempAct.World.Benchmarks;

/// <summary>
/// The JSONL evaluation sets: one object per line with at least "instruction"; the committed sets also carry "frames",
/// "objects" and "events" (with spans). A line with only an instruction is parsed, and its frames default to
/// 12 per event. Errors name the file and line.
/// </summary>
public static class BenchmarkSet
{
    /// <summary>Frames per event when a line does not say.</summary>
    public const int DefaultFramesPerEvent = 12;

    /// <summary>Generates <paramref name="count"/> items of <paramref name="events"/> events and <paramref name="frames"/> frames.</summary>
    public static List<BenchmarkItem> Generate(int seed, int count, int events, int frames)
    {
        var rng = new Random(seed);
        var items = new List<BenchmarkItem>();
        while (items.Count < count)
        {
            var instruction = InstructionGenerator.Generate(rng, events, wording: Wording.Core);
            items.Add(new BenchmarkItem(instruction, frames, EventTiming.Assign(instruction.Events, frames)));
        }
        return items;
    }

    /// <summary>Writes the items as JSONL.</summary>
    public static void Save(IEnumerable<BenchmarkItem> items, string path)
    {
        AtomicFile.WriteAllLines(path, items.Select(item => JsonSerializer.Serialize(ToLine(item), WorldJson.Options)));
    }

    /// <summary>The JSON line of an item.</summary>
    public static BenchmarkLine ToLine(BenchmarkItem item) => new(
        item.Instruction.Text, item.Frames,
        item.Instruction.Scene.Objects.Select(WorldJson.ToJson).ToList(),
        item.Timed.Select(t => WorldJson.ToJson(t.Event, t.Span)).ToList());

    /// <summary>Reads a JSONL file; every line is checked against the parser, so the file and the language agree.</summary>
    public static List<BenchmarkItem> Load(string path) => Load(path, skip: null);

    /// <summary>
    /// Reads a JSONL file line by line. A line that is not JSON or has no instruction is always an
    /// <see cref="InvalidDataException"/> naming the line; an instruction the parser refuses, a bad 'frames' or stored
    /// events that disagree go to <paramref name="skip"/> (its text and the message, "FILE line N: …") when one is given,
    /// else they are an <see cref="InvalidDataException"/> too.
    /// </summary>
    public static List<BenchmarkItem> Load(string path, Action<string, string>? skip)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file");
        var items = new List<BenchmarkItem>();
        int lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(raw)) continue;
            string where = $"{path} line {lineNo}";
            BenchmarkLine? line;
            try { line = JsonSerializer.Deserialize<BenchmarkLine>(raw, WorldJson.Options); }
            catch (JsonException e) { throw new InvalidDataException($"{where}: not valid JSON ({e.Message})", e); }
            if (line?.Instruction is not { Length: > 0 } text) throw new InvalidDataException($"{where}: field 'instruction' is missing or empty");
            string? problem = null;
            Instruction? instruction = null;
            try { instruction = InstructionParser.Parse(text); }
            catch (InstructionParseException e) { problem = $"{where}: {e.Message}"; }
            if (instruction is not null && line.Events is { } stored
                && !stored.Select(e => WorldJson.FromJson(e, where)).SequenceEqual(instruction.Events))
                problem = $"{where}: field 'events' disagrees with the parsed instruction";
            int frames = line.Frames ?? DefaultFramesPerEvent * (instruction?.Events.Count ?? 0);
            IReadOnlyList<TimedEvent>? timed = null;
            if (problem is null)
                try { timed = EventTiming.Assign(instruction!.Events, frames); }
                catch (ArgumentException e) { problem = $"{where}: field 'frames': {e.Message}"; }
            if (problem is null) items.Add(new BenchmarkItem(instruction!, frames, timed!));
            else if (skip is not null) skip(text, problem);
            else throw new InvalidDataException(problem);
        }
        return items;
    }
}

/// <summary>One JSONL line of a benchmark set.</summary>
public sealed record BenchmarkLine(
    [property: JsonPropertyName("instruction")] string? Instruction,
    [property: JsonPropertyName("frames")] int? Frames,
    [property: JsonPropertyName("objects")] List<ObjectJson>? Objects,
    [property: JsonPropertyName("events")] List<EventJson>? Events);
