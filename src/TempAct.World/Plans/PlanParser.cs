using System.Text.Json;
using TempAct.World.Language;

namespace TempAct.World.Plans;

/// <summary>
/// Untrusted plan text (an LLM's answer, a PLAN.json file) → a valid <see cref="StepPlan"/>, the format score and the
/// problems, repairing what TempAct repairs:
/// f = 1: a JSON array of {"step_index", "prompt", "chunks"?} with the right step count, indices 0..M−1 in order, prompts
/// in the executor's vocabulary, and spans that are all absent (→ uniform) or all present, ordered, contiguous, non-empty
/// and covering the video;
/// f = 0.5: valid JSON but the wrong number of steps (padded with the last prompt or truncated), bad indices, unknown
/// words, or bad/partial spans (→ uniform spans);
/// f = 0: not a JSON array of prompts — every step falls back to the instruction itself.
/// A field of the wrong JSON type is a problem in words, never an exception: a step_index or a chunk bound that is a
/// string, null, float, boolean, array, object or a number beyond int counts as a bad index or a malformed span
/// (f = 0.5); a prompt that is not a non-empty string, or an element that is not an object, gives f = 0.
/// Never throws on any input string (only on a bad <c>totalChunks</c> or <c>steps</c>).
/// </summary>
public static class PlanParser
{
    /// <summary>Longest answer read; longer text scores 0 without being parsed.</summary>
    public const int MaxAnswerLength = 20_000;

    /// <summary>Parses <paramref name="answer"/> for a video of <paramref name="totalChunks"/> chunks; <paramref name="steps"/>
    /// is the requested step count (null: any count from 1 to the number of chunks).</summary>
    public static PlanParseResult Parse(string answer, int totalChunks, int? steps, string fallbackInstruction)
    {
        if (totalChunks < 1) throw new ArgumentOutOfRangeException(nameof(totalChunks), "a video has at least one chunk");
        if (steps is { } m && (m < 1 || m > totalChunks))
            throw new ArgumentOutOfRangeException(nameof(steps), $"{m} steps cannot tile {totalChunks} chunks");
        var problems = new List<string>();
        var raw = ReadArray(answer ?? "", problems);
        if (raw is null || raw.Count == 0)
        {
            if (raw is { Count: 0 }) problems.Add("the plan has no steps");
            int count = steps ?? 1;
            return new PlanParseResult(StepPlan.Uniform(Enumerable.Repeat(fallbackInstruction, count).ToList(), totalChunks), 0.0, problems);
        }

        bool repaired = false;
        // 1. Step count: pad with the last prompt or truncate.
        int wanted = steps ?? Math.Min(raw.Count, totalChunks);
        if (raw.Count != wanted)
        {
            problems.Add($"the plan has {raw.Count} steps, {wanted} were asked for");
            while (raw.Count < wanted) raw.Add(raw[^1] with { Index = raw.Count, IndexText = $"{raw.Count}", Span = null, BadSpan = false });
            raw.RemoveRange(wanted, raw.Count - wanted);
            repaired = true;
        }
        // 2. Indices and prompts.
        for (int i = 0; i < raw.Count; i++)
        {
            if (raw[i].Index != i) { problems.Add($"step {i} has step_index {raw[i].IndexText}"); repaired = true; }
            var unknown = Words(raw[i].Prompt).Where(w => !Lexicon.Vocabulary.Contains(w)).ToList();
            if (unknown.Count > 0) { problems.Add($"step {i} prompt has words outside the executor's vocabulary: {string.Join(", ", unknown.Select(w => $"'{w}'"))}"); repaired = true; }
        }
        // 3. Spans: all absent → uniform (as TempAct's release); all present and tiling → kept; else uniform.
        IReadOnlyList<ChunkSpan> spans = StepPlan.UniformSpans(raw.Count, totalChunks);
        if (raw.Any(r => r.BadSpan)) repaired = true; // the malformed element is already a problem
        else if (raw.All(r => r.Span is not null))
        {
            string? why = SpanProblem(raw.Select(r => r.Span!.Value).ToList(), totalChunks);
            if (why is null) spans = raw.Select(r => r.Span!.Value).ToList();
            else { problems.Add(why + "; uniform spans used"); repaired = true; }
        }
        else if (raw.Any(r => r.Span is not null)) { problems.Add("only some steps have chunks; uniform spans used"); repaired = true; }

        var plan = new StepPlan(raw.Select((r, i) => new PlanStep(i, r.Prompt, spans[i])).ToList(), totalChunks);
        return new PlanParseResult(plan, repaired ? 0.5 : 1.0, problems);
    }

    /// <summary>The video length a plan declares through its own spans: the end of its last step's span, when the answer
    /// is an array of steps that all carry a well-formed <c>chunks</c> pair; null otherwise (no usable array, or a step
    /// without a span — uniform spans say nothing about the length). Whether the spans tile is left to <see cref="Parse"/>.</summary>
    public static int? DeclaredChunks(string answer)
    {
        var raw = ReadArray(answer ?? "", []);
        return raw is { Count: > 0 } && raw.All(r => r.Span is not null) ? raw[^1].Span!.Value.End : null;
    }

    /// <summary>Reads a PLAN.json file; unreadable files are a clear error, bad content is scored like any answer.</summary>
    public static PlanParseResult ParseFile(string path, int totalChunks, int? steps, string fallbackInstruction)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such plan file");
        return Parse(File.ReadAllText(path), totalChunks, steps, fallbackInstruction);
    }

    /// <summary>Writes a plan as TempAct's JSON array with explicit spans.</summary>
    public static string ToJson(StepPlan plan) =>
        JsonSerializer.Serialize(plan.Steps.Select(s => new Dictionary<string, object>
        {
            ["step_index"] = s.StepIndex, ["prompt"] = s.Prompt, ["chunks"] = new[] { s.Chunks.First, s.Chunks.End },
        }), Serialization.WorldJson.Options);

    /// <summary>One element as read: <paramref name="BadSpan"/> when it has a "chunks" field that is not two integers.</summary>
    private sealed record RawStep(int? Index, string IndexText, string Prompt, ChunkSpan? Span, bool BadSpan);

    private static List<RawStep>? ReadArray(string answer, List<string> problems)
    {
        if (answer.Length > MaxAnswerLength) { problems.Add($"the answer has {answer.Length} characters (at most {MaxAnswerLength})"); return null; }
        // LLM answers wrap JSON in prose or code fences: take the outermost [...].
        int start = answer.IndexOf('['), end = answer.LastIndexOf(']');
        if (start < 0 || end <= start) { problems.Add("no JSON array in the answer"); return null; }
        JsonDocument doc;
        // Invalid JSON is a JsonException; text that is not valid UTF-16 (a lone surrogate) cannot be transcoded to
        // UTF-8 and is an ArgumentException: both are "not valid JSON" here.
        try { doc = JsonDocument.Parse(answer[start..(end + 1)], new JsonDocumentOptions { MaxDepth = 8 }); }
        catch (Exception e) when (e is JsonException or ArgumentException) { problems.Add($"not valid JSON: {e.Message}"); return null; }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array) { problems.Add("the answer is not a JSON array"); return null; }
            var steps = new List<RawStep>();
            int i = 0;
            foreach (var el in doc.RootElement.EnumerateArray())
            {
                if (ReadStep(el, i++, problems) is not { } step) return null;
                steps.Add(step);
            }
            return steps;
        }
    }

    /// <summary>One array element; null (with the problem) when it is not an object with a non-empty string prompt.
    /// Every other field is read by its JSON kind first, so a string, null, float, boolean, object or huge number
    /// where a number belongs is a problem in words, never an exception.</summary>
    private static RawStep? ReadStep(JsonElement el, int i, List<string> problems)
    {
        if (el.ValueKind != JsonValueKind.Object) { problems.Add($"element {i} is not an object"); return null; }
        string? prompt = el.TryGetProperty("prompt", out var p) ? Text(p) : null;
        if (string.IsNullOrWhiteSpace(prompt)) { problems.Add($"element {i} has no non-empty string 'prompt'"); return null; }
        int? index = null;
        string indexText = "missing";
        if (el.TryGetProperty("step_index", out var si))
        {
            index = Int(si);
            indexText = index?.ToString() ?? Describe(si);
        }
        ChunkSpan? span = null;
        bool badSpan = false;
        if (el.TryGetProperty("chunks", out var c))
        {
            if (c.ValueKind == JsonValueKind.Array && c.GetArrayLength() == 2 && Int(c[0]) is { } a && Int(c[1]) is { } b)
                span = new ChunkSpan(a, b);
            else
            {
                problems.Add($"element {i} has malformed 'chunks' {Describe(c)} (expected [first, end], two integers); uniform spans used");
                badSpan = true;
            }
        }
        return new RawStep(index, indexText, prompt.Trim(), span, badSpan);
    }

    /// <summary>The value as a string when it is a JSON string that decodes to valid text; otherwise null (an escaped
    /// lone surrogate such as "\ud800" is valid JSON but no string: the reader throws on it).</summary>
    private static string? Text(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.String) return null;
        try { return e.GetString(); }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>The value as an int when it is a JSON number written as an integer that fits; otherwise null.</summary>
    private static int? Int(JsonElement e) => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int v) ? v : null;

    /// <summary>A short rendering of a JSON value for a problem message (at most 40 characters).</summary>
    private static string Describe(JsonElement e)
    {
        string text = e.GetRawText();
        return text.Length <= 40 ? text : text[..37] + "...";
    }

    private static string? SpanProblem(IReadOnlyList<ChunkSpan> spans, int totalChunks)
    {
        int expected = 0;
        for (int i = 0; i < spans.Count; i++)
        {
            var s = spans[i];
            if ((long)s.End - s.First <= 0) return $"step {i} has an empty span {s}"; // long: [−2³¹, 2³¹−1) must not wrap
            if (s.First < 0) return $"step {i} span {s} starts before chunk 0";
            if (s.First < expected) return $"step {i} span {s} overlaps the previous step";
            if (s.First > expected) return $"a gap before step {i}: chunks [{expected}, {s.First}) belong to no step";
            expected = s.End;
        }
        return expected == totalChunks ? null : $"the spans cover {expected} chunks, the video has {totalChunks}";
    }

    private static IEnumerable<string> Words(string prompt) =>
        prompt.ToLowerInvariant().Split([' ', '\t', '\n', ',', '.', ';', '!', '-'], StringSplitOptions.RemoveEmptyEntries);
}
