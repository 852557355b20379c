using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.World.Language;
using TempAct.World.Plans;

namespace TempAct.Studio;

/// <summary>A plan the studio streams and where it came from ("planner", or "rule teacher" with the reason).</summary>
public sealed record StudioPlan(StepPlan Plan, string Source);

/// <summary>Instruction → plan: G samples from the planner, the first usable one (valid, one step per event, readable
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
            IReadOnlyList<PlanSample> drawn;
            lock (Gate) drawn = planner.Sample(instruction.Text, events, chunks, samples, seed);
            foreach (var s in drawn)
                if (s.Parsed.IsValid && s.Parsed.Plan.Steps.Count == events && s.Parsed.Plan.TotalChunks == chunks
                    && Readable(executor, s.Parsed.Plan) is null)
                    return new StudioPlan(s.Parsed.Plan, "planner");
            why = $"none of the planner's {drawn.Count} plans was usable";
        }
        catch (PlannerUnavailableException e) { why = $"the planner is unavailable ({e.Message})"; }
        return new StudioPlan(RuleTeacher.Plan(instruction, chunks), $"rule teacher: {why}");
    }

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
