using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.World.Language;
using TempAct.World.Plans;

namespace TempAct.Studio;

/// <summary>A plan the studio streams and where it came from ("planner", or "rule teacher" with the reason).</summary>
public sealed record StudioPlan(StepPlan Plan, string Source);

/// <summary>Instruction → plan: one sample from the planner, then G more if it is not usable; the first usable one (valid, one step per event, readable
/// by the executor) is taken; otherwise the rule teacher's plan, saying why. One planner call at a time.</summary>
public static class StudioPlanning
{
    private static readonly Lock Gate = new();

    /// <summary>Plans <paramref name="instruction"/> over <paramref name="chunks"/> chunks.</summary>
    public static StudioPlan Plan(IPlanner planner, ExecutorTransformer executor, Instruction instruction, int chunks, int samples, long seed)
    {
        int events = instruction.Events.Count;
        string why;
        try
        {
            // One plan first (the time to the first frame waits for it); more only when it is not usable.
            var drawn = new List<PlanSample>();
            foreach (var (count, draw) in new[] { (1, seed), (samples, NoiseSeed(seed)) })
            {
                IReadOnlyList<PlanSample> part;
                lock (Gate) part = planner.Sample(instruction.Text, events, chunks, count, draw);
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
