using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.World.Language;
using TempAct.World.Plans;

namespace TempAct.Studio;

/// <summary>A plan the studio streams and where it came from ("planner", or "rule teacher" with the reason).</summary>
public sealed record StudioPlan(StepPlan Plan, string Source);

/// <summary>Instruction → plan: one sample from the planner, then G more if it is not usable; the first usable one (valid, one step per event, readable
/// by the executor) is taken; otherwise the rule teacher's plan, saying why. Planner calls of different streams run at
/// the same time (the local planner's forwards are read-only).</summary>
public static class StudioPlanning
{
    /// <summary>Plans <paramref name="instruction"/> over <paramref name="chunks"/> chunks. With <paramref name="onSteps"/>
    /// and the local planner, the first sample streams: each time it has decoded one more step that, with those before
    /// it, is a clean start of a plan (spans tiling from chunk 0, prompts the executor reads), that start comes to
    /// <paramref name="onSteps"/> as a plan of the chunks it covers (on the planning thread) — while the rest decodes.
    /// The samples drawn are the same with or without it. <paramref name="pause"/>, with <paramref name="onSteps"/>, is
    /// called between two decoded tokens once a first start has gone to <paramref name="onSteps"/> (the caller may block
    /// there to give the cores to other work); it delays tokens and changes none.</summary>
    public static StudioPlan Plan(IPlanner planner, ExecutorTransformer executor, Instruction instruction, int chunks, int samples, long seed,
        Action<StepPlan>? onSteps = null, Action? pause = null)
    {
        int events = instruction.Events.Count;
        string why;
        try
        {
            // One plan first (the time to the first frame waits for it); more only when it is not usable.
            var drawn = new List<PlanSample>();
            foreach (var (count, draw) in new[] { (1, seed), (samples, NoiseSeed(seed)) })
            {
                IReadOnlyList<PlanSample> part = onSteps is not null && drawn.Count == 0 && planner is LocalPlanner local
                    ? local.Sample(instruction.Text, events, chunks, count, draw, Streamer(local, executor, instruction, chunks, onSteps, pause))
                    : planner.Sample(instruction.Text, events, chunks, count, draw);
                drawn.AddRange(part);
                foreach (var s in part)
                    if (s.Parsed.IsValid && s.Parsed.Plan.Steps.Count == events && s.Parsed.Plan.TotalChunks == chunks
                        && Readable(executor, s.Parsed.Plan) is null)
                        return new StudioPlan(s.Parsed.Plan, "planner");
            }
            why = $"none of the planner's {drawn.Count} plans was usable";
        }
        catch (PlannerUnavailableException e) { why = $"the planner is unavailable ({e.Message})"; }
        return new StudioPlan(RuleTeacher.Plan(instruction, chunks), $"rule teacher: {why}");
    }

    /// <summary>The progress callback that finds each newly completed clean start of the first sample's plan.</summary>
    private static Action<IReadOnlyList<int>> Streamer(LocalPlanner planner, ExecutorTransformer executor, Instruction instruction, int chunks, Action<StepPlan> onSteps,
        Action? pause)
    {
        int sent = 0, seen = 0, close = planner.Tokenizer.Id("}");
        bool broken = false, started = false;
        return tokens =>
        {
            // Only a closing brace can complete a step: the text is decoded then, not at every token.
            if (tokens.Count == 1 && StudioTrace.On) StudioTrace.Mark("prefill+1");
            if (started) pause?.Invoke(); // the stream has started: the rest of the plan may wait
            if (broken || tokens.Count == seen) return;
            seen = tokens.Count;
            if (tokens[^1] != close) return;
            string text = planner.Tokenizer.Decode(tokens);
            int closed = 0, at = -1;
            for (int i = 0; i < text.Length; i++)
                if (text[i] == '}') { closed++; at = i; }
            if (closed <= sent) return;
            if (StartOf(text[..(at + 1)] + " ]", closed, executor, instruction, chunks) is not { } start) { broken = true; return; }
            sent = closed;
            if (start.TotalChunks >= chunks) return; // the last step: the whole plan is a token or two away
            if (StudioTrace.On) StudioTrace.Mark($"step-decoded tokens={tokens.Count}");
            onSteps(start);
            started = true;
            pause?.Invoke();
        };
    }

    /// <summary>The first <paramref name="steps"/> steps of a plan's text as a plan of the chunks they cover, when they are
    /// clean (as written, tiling from 0, within the video, readable by the executor); else null.</summary>
    public static StepPlan? StartOf(string text, int steps, ExecutorTransformer executor, Instruction instruction, int chunks)
    {
        if (PlanParser.DeclaredChunks(text) is not int end || end < 1 || end > chunks || steps > end) return null;
        var parsed = PlanParser.Parse(text, end, steps, instruction.Text);
        return parsed.IsValid && parsed.Plan.Steps.Count == steps && Readable(executor, parsed.Plan) is null ? parsed.Plan : null;
    }

    /// <summary>Runs planning on a thread of its own, not the thread pool's: a planner call computes for tens to hundreds of
    /// milliseconds, and on a two-core machine (two pool threads to start with) a few at once would starve the pool that
    /// carries every socket's reads and writes.</summary>
    public static Task<T> OnOwnThread<T>(Func<T> plan) =>
        Task.Factory.StartNew(plan, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static long NoiseSeed(long seed) => unchecked(seed * 6364136223846793005L + 1442695040888963407L);

    /// <summary>The first step prompt the executor cannot read, as a message naming the step, or null.</summary>
    public static string? Readable(ExecutorTransformer executor, StepPlan plan)
    {
        foreach (var s in plan.Steps)
        {
            try { executor.Tokenize(s.Prompt); }
            catch (PromptException e) { return $"step {s.StepIndex + 1} \"{s.Prompt}\": {e.Message}"; }
        }
        return null;
    }
}
