using System.Globalization;
using System.Text.Json;
using TempAct.World.Plans;

namespace TempAct.Studio;

/// <summary>A bad request, named: <see cref="Code"/> ("instruction", "prompt", "plan", "request"), the message, and for
/// an instruction the word, its number and its character offset (the page marks it).</summary>
public sealed class StudioInputException(string code, string message, string? word = null, int wordNumber = 0, int offset = -1, int? step = null)
    : Exception(message)
{
    /// <summary>What kind of input is wrong.</summary>
    public string Code { get; } = code;
    /// <summary>The offending word of an instruction ("" at its end), or null.</summary>
    public string? Word { get; } = word;
    /// <summary>1-based word number (0 when none).</summary>
    public int WordNumber { get; } = wordNumber;
    /// <summary>0-based character offset of the word, or −1.</summary>
    public int Offset { get; } = offset;
    /// <summary>The 0-based step a prompt problem is in, or null.</summary>
    public int? Step { get; } = step;
}

/// <summary>Every start slot is taken: the answer is "busy", at once.</summary>
public sealed class StudioBusyException(string message) : Exception(message);

/// <summary>What a client asks to start.</summary>
/// <param name="Instruction">An instruction of the language (planned), or null with <paramref name="Steps"/>.</param>
/// <param name="Steps">An explicit plan instead of planning (the timeline as edited), or null.</param>
/// <param name="Seed">Noise (and plan sampling) seed.</param>
/// <param name="Switch">"none" or "recache".</param>
/// <param name="ChunksPerEvent">Video length per event of the instruction: 1–8 chunks (the planner's range).</param>
/// <param name="Pace">Frames a second to stream at; 0 = as fast as generated.</param>
/// <param name="Compare">Side by side: base vs TempAct (or switch none vs recache without TempAct weights).</param>
public sealed record StudioRequest(string? Instruction, IReadOnlyList<PlanStep>? Steps, long Seed = 1, string Switch = "recache",
    int ChunksPerEvent = 6, double Pace = 12, bool Compare = false)
{
    /// <summary>Most chunks per event (the planner was trained on 1–8).</summary>
    public const int MaxChunksPerEvent = 8;

    /// <summary>Reads a start message's fields; <see cref="StudioInputException"/> ("request") naming a bad field.</summary>
    public static StudioRequest Read(JsonElement e)
    {
        string? instruction = e.TryGetProperty("instruction", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        if (string.IsNullOrWhiteSpace(instruction)) instruction = null;
        var steps = e.TryGetProperty("steps", out var s) && s.ValueKind == JsonValueKind.Array ? ReadSteps(s) : null;
        if (instruction is null && steps is null) throw new StudioInputException("request", "type an instruction (or give the steps of a plan)");
        long seed = Number(e, "seed", 1, 0, long.MaxValue);
        string sw = e.TryGetProperty("switch", out var w) && w.ValueKind == JsonValueKind.String ? w.GetString()! : "recache";
        if (sw is not ("none" or "recache")) throw new StudioInputException("request", $"switch must be none or recache, got '{sw}'");
        int cpe = (int)Number(e, "chunks_per_event", 6, 1, MaxChunksPerEvent);
        double pace = e.TryGetProperty("pace", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : 12;
        if (double.IsNaN(pace) || pace < 0 || pace > 240) throw new StudioInputException("request", $"pace must be 0 (as fast as generated) to 240 frames/s, got {pace.ToString(CultureInfo.InvariantCulture)}");
        bool compare = e.TryGetProperty("compare", out var c) && c.ValueKind == JsonValueKind.True;
        return new StudioRequest(instruction, steps, seed, sw, cpe, pace, compare);
    }

    /// <summary>Reads a plan's steps: [{"prompt": "...", "chunks": [first, end]}, …] (step_index is their order).</summary>
    public static IReadOnlyList<PlanStep> ReadSteps(JsonElement array)
    {
        var steps = new List<PlanStep>();
        foreach (var item in array.EnumerateArray())
        {
            int n = steps.Count;
            if (item.ValueKind != JsonValueKind.Object) throw new StudioInputException("plan", $"step {n + 1} is not an object", step: n);
            string prompt = item.TryGetProperty("prompt", out var pr) && pr.ValueKind == JsonValueKind.String ? pr.GetString()!.Trim() : "";
            if (prompt.Length == 0) throw new StudioInputException("plan", $"step {n + 1} has no prompt", step: n);
            if (!item.TryGetProperty("chunks", out var ch) || ch.ValueKind != JsonValueKind.Array || ch.GetArrayLength() != 2
                || !ch[0].TryGetInt32(out int first) || !ch[1].TryGetInt32(out int end))
                throw new StudioInputException("plan", $"step {n + 1} needs \"chunks\": [first, end]", step: n);
            steps.Add(new PlanStep(n, prompt, new ChunkSpan(first, end)));
            if (steps.Count > 64) throw new StudioInputException("plan", "a plan has at most 64 steps");
        }
        if (steps.Count == 0) throw new StudioInputException("plan", "a plan needs at least one step");
        return steps;
    }

    private static long Number(JsonElement e, string name, long fallback, long min, long max)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return fallback;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out long x) || x < min || x > max)
            throw new StudioInputException("request", $"{name} must be a whole number {min}..{max}, got {v.GetRawText()}");
        return x;
    }
}
