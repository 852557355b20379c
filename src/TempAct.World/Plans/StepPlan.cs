namespace TempAct.World.Plans;

/// <summary>
/// A plan: ordered steps whose chunk spans are contiguous, non-empty and cover [0, <see cref="TotalChunks"/>).
/// The constructor enforces this; <see cref="PlanParser"/> turns untrusted JSON into a valid plan (repairing as TempAct does).
/// </summary>
public sealed record StepPlan
{
    /// <summary>Frames in one chunk (a chunk is 3 frames).</summary>
    public const int ChunkFrames = 3;

    /// <summary>Creates a plan; throws <see cref="ArgumentException"/> when the spans do not tile the video.</summary>
    public StepPlan(IReadOnlyList<PlanStep> steps, int totalChunks)
    {
        if (steps.Count == 0) throw new ArgumentException("a plan needs at least one step");
        int expected = 0;
        for (int i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            if (s.StepIndex != i) throw new ArgumentException($"step {i} has step_index {s.StepIndex}");
            if (s.Chunks.First != expected || s.Chunks.Length <= 0)
                throw new ArgumentException($"step {i} spans chunks {s.Chunks}; expected a non-empty span starting at chunk {expected}");
            if (string.IsNullOrWhiteSpace(s.Prompt)) throw new ArgumentException($"step {i} has an empty prompt");
            expected = s.Chunks.End;
        }
        if (expected != totalChunks) throw new ArgumentException($"the steps cover {expected} chunks, the video has {totalChunks}");
        Steps = steps; TotalChunks = totalChunks;
    }

    /// <summary>The steps in order.</summary>
    public IReadOnlyList<PlanStep> Steps { get; }

    /// <summary>Chunks in the video.</summary>
    public int TotalChunks { get; }

    /// <summary>The step whose span holds chunk <paramref name="chunk"/>.</summary>
    public PlanStep StepAt(int chunk) => Steps.First(s => chunk >= s.Chunks.First && chunk < s.Chunks.End);

    /// <summary>Chunk indices where the prompt switches (the first chunk of every step but the first): the branch points.</summary>
    public IEnumerable<int> SwitchChunks => Steps.Skip(1).Select(s => s.Chunks.First);

    /// <summary>Uniform spans: <paramref name="steps"/> steps over <paramref name="totalChunks"/> chunks, earlier steps
    /// taking the remainder (TempAct's release uses uniform spans when a plan gives none).</summary>
    public static IReadOnlyList<ChunkSpan> UniformSpans(int steps, int totalChunks)
    {
        if (steps < 1 || totalChunks < steps) throw new ArgumentException($"cannot split {totalChunks} chunks into {steps} non-empty steps");
        var spans = new ChunkSpan[steps];
        int start = 0;
        for (int i = 0; i < steps; i++)
        {
            int length = totalChunks / steps + (i < totalChunks % steps ? 1 : 0);
            spans[i] = new ChunkSpan(start, start + length);
            start += length;
        }
        return spans;
    }

    /// <summary>A plan with uniform spans over the given prompts.</summary>
    public static StepPlan Uniform(IReadOnlyList<string> prompts, int totalChunks)
    {
        var spans = UniformSpans(prompts.Count, totalChunks);
        return new StepPlan(prompts.Select((p, i) => new PlanStep(i, p, spans[i])).ToList(), totalChunks);
    }
}
