using System.Text.Json;
using TempAct.World.Language;

namespace TempAct.World.Plans;

/// <summary>
/// Untrusted plan text (an LLM's answer, a PLAN.json file) → a valid <see cref="StepPlan"/>, the format score and the
/// problems, repairing what TempAct repairs (SPEC §3.2):
/// f = 1: a JSON array of {"step_index", "prompt", "chunks"?} with the right step count, indices 0..M−1 in order, prompts
/// in the executor's vocabulary, and spans that are all absent (→ uniform) or all present, ordered, contiguous, non-empty
/// and covering the video;
/// f = 0.5: valid JSON but the wrong number of steps (padded with the last prompt or truncated), bad indices, unknown
/// words, or bad/partial spans (→ uniform spans);
/// f = 0: not a JSON array of prompts — every step falls back to the instruction itself.
/// Never throws on any input string.
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
            while (raw.Count < wanted) raw.Add(raw[^1] with { Index = raw.Count, Span = null });
            raw.RemoveRange(wanted, raw.Count - wanted);
            repaired = true;
        }
        // 2. Indices and prompts.
        for (int i = 0; i < raw.Count; i++)
        {
            if (raw[i].Index != i) { problems.Add($"step {i} has step_index {raw[i].Index?.ToString() ?? "missing"}"); repaired = true; }
            var unknown = Words(raw[i].Prompt).Where(w => !Lexicon.Vocabulary.Contains(w)).ToList();
            if (unknown.Count > 0) { problems.Add($"step {i} prompt has words outside the executor's vocabulary: {string.Join(", ", unknown.Select(w => $"'{w}'"))}"); repaired = true; }
        }
        // 3. Spans: all absent → uniform (as TempAct's release); all present and tiling → kept; else uniform.
        IReadOnlyList<ChunkSpan> spans = StepPlan.UniformSpans(raw.Count, totalChunks);
        if (raw.All(r => r.Span is not null))
        {
            string? why = SpanProblem(raw.Select(r => r.Span!.Value).ToList(), totalChunks);
            if (why is null) spans = raw.Select(r => r.Span!.Value).ToList();
            else { problems.Add(why + "; uniform spans used"); repaired = true; }
        }
        else if (raw.Any(r => r.Span is not null)) { problems.Add("only some steps have chunks; uniform spans used"); repaired = true; }

        var plan = new StepPlan(raw.Select((r, i) => new PlanStep(i, r.Prompt, spans[i])).ToList(), totalChunks);
        return new PlanParseResult(plan, repaired ? 0.5 : 1.0, problems);
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

    private sealed record RawStep(int? Index, string Prompt, ChunkSpan? Span);

    private static List<RawStep>? ReadArray(string answer, List<string> problems)
    {
        if (answer.Length > MaxAnswerLength) { problems.Add($"the answer has {answer.Length} characters (at most {MaxAnswerLength})"); return null; }
        // LLM answers wrap JSON in prose or code fences: take the outermost [...].
        int start = answer.IndexOf('['), end = answer.LastIndexOf(']');
        if (start < 0 || end <= start) { problems.Add("no JSON array in the answer"); return null; }
        JsonDocument doc;
        try { doc = JsonDocument.Parse(answer[start..(end + 1)], new JsonDocumentOptions { MaxDepth = 8 }); }
        catch (JsonException e) { problems.Add($"not valid JSON: {e.Message}"); return null; }
        using (doc)
        {
            var steps = new List<RawStep>();
            foreach (var (el, i) in doc.RootElement.EnumerateArray().Select((e, i) => (e, i)))
            {
                if (el.ValueKind != JsonValueKind.Object) { problems.Add($"element {i} is not an object"); return null; }
                if (!el.TryGetProperty("prompt", out var p) || p.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(p.GetString()))
                { problems.Add($"element {i} has no non-empty string 'prompt'"); return null; }
                int? index = el.TryGetProperty("step_index", out var si) && si.ValueKind == JsonValueKind.Number && si.TryGetInt32(out int v) ? v : null;
                ChunkSpan? span = null;
                if (el.TryGetProperty("chunks", out var c))
                {
                    if (c.ValueKind == JsonValueKind.Array && c.GetArrayLength() == 2 && c[0].TryGetInt32(out int a) && c[1].TryGetInt32(out int b))
                        span = new ChunkSpan(a, b);
                    else problems.Add($"element {i} has malformed 'chunks' (expected [first, end])");
                }
                steps.Add(new RawStep(index, p.GetString()!.Trim(), span));
            }
            return steps;
        }
    }

    private static string? SpanProblem(IReadOnlyList<ChunkSpan> spans, int totalChunks)
    {
        int expected = 0;
        for (int i = 0; i < spans.Count; i++)
        {
            var s = spans[i];
            if (s.Length <= 0) return $"step {i} has an empty span {s}";
            if (s.First < expected) return $"step {i} span {s} overlaps the previous step";
            if (s.First > expected) return $"a gap before step {i}: chunks [{expected}, {s.First}) belong to no step";
            expected = s.End;
        }
        return expected == totalChunks ? null : $"the spans cover {expected} chunks, the video has {totalChunks}";
    }

    private static IEnumerable<string> Words(string prompt) =>
        prompt.ToLowerInvariant().Split([' ', '\t', '\n', ',', '.', ';', '!', '-'], StringSplitOptions.RemoveEmptyEntries);
}
