using TempAct.World.Language;
using TempAct.World.Plans;

namespace TempAct.Models.Planner;

/// <summary>How well plans fit their instructions: the valid-plan rate (f = 1) and the rate of plans whose step prompts
/// read back (<see cref="StepPrompt.TryParse(string)"/>) to exactly the instruction's events, in order.</summary>
public sealed record PlanQuality(int Plans, int Valid, int Matching)
{
    /// <summary>Fraction of plans with f = 1.</summary>
    public double ValidRate => Plans == 0 ? 0 : (double)Valid / Plans;

    /// <summary>Fraction of plans whose steps are the instruction's events in order.</summary>
    public double MatchRate => Plans == 0 ? 0 : (double)Matching / Plans;

    /// <summary>True when the plan's prompts are the instruction's events, one per step, in order.</summary>
    public static bool Matches(StepPlan plan, Instruction instruction) =>
        plan.Steps.Count == instruction.Events.Count
        && plan.Steps.Zip(instruction.Events).All(p => StepPrompt.TryParse(p.First.Prompt) is { } e && e == p.Second);

    /// <summary>Samples <paramref name="perInstruction"/> plans for each instruction and counts.</summary>
    public static PlanQuality Measure(IPlanner planner, IEnumerable<(Instruction Instruction, int TotalChunks)> items, int perInstruction, long seed,
        Action? onItem = null)
    {
        int plans = 0, valid = 0, matching = 0, i = 0;
        foreach (var (instruction, chunks) in items)
        {
            foreach (var s in planner.Sample(instruction.Text, null, chunks, perInstruction, seed + i++))
            {
                plans++;
                if (s.Parsed.IsValid) valid++;
                if (Matches(s.Parsed.Plan, instruction)) matching++;
            }
            onItem?.Invoke();
        }
        return new PlanQuality(plans, valid, matching);
    }
}
