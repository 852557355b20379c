using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;

namespace TempAct.Models.Planner;

/// <summary>How well plans fit their instructions: the valid-plan rate (f = 1) and the rate of plans whose step prompts
/// read back (<see cref="StepPrompt.TryParse(string)"/>) to exactly the instruction's events, in order.</summary>
public sealed record PlanQuality(int Plans, int Valid, int Matching)
{
    /// <summary>A sampled plan that did not match: the instruction, what it means, and what the planner wrote.</summary>
    public sealed record Miss(string Instruction, IReadOnlyList<string> Expected, IReadOnlyList<string> Planned);

    /// <summary>The first misses (at most <see cref="MissesKept"/>), for reading what the planner gets wrong.</summary>
    public IReadOnlyList<Miss> Misses { get; init; } = [];

    /// <summary>How many misses a measurement keeps.</summary>
    public const int MissesKept = 40;

    /// <summary>One instruction to plan: its text, the events it means, the video's chunks.</summary>
    public sealed record Item(string Text, IReadOnlyList<WorldEvent> Events, int TotalChunks);

    /// <summary>Fraction of plans with f = 1.</summary>
    public double ValidRate => Plans == 0 ? 0 : (double)Valid / Plans;

    /// <summary>Fraction of plans whose steps are the instruction's events in order.</summary>
    public double MatchRate => Plans == 0 ? 0 : (double)Matching / Plans;

    /// <summary>True when the plan's prompts are the instruction's events, one per step, in order.</summary>
    public static bool Matches(StepPlan plan, Instruction instruction) => Matches(plan, instruction.Events);

    /// <summary>True when the plan's prompts are <paramref name="events"/>, one per step, in order.</summary>
    public static bool Matches(StepPlan plan, IReadOnlyList<WorldEvent> events) =>
        plan.Steps.Count == events.Count
        && plan.Steps.Zip(events).All(p => StepPrompt.TryParse(p.First.Prompt) is { } e && e == p.Second);

    /// <summary>Samples <paramref name="perInstruction"/> plans for each instruction and counts.</summary>
    public static PlanQuality Measure(IPlanner planner, IEnumerable<(Instruction Instruction, int TotalChunks)> items, int perInstruction, long seed,
        Action? onItem = null) =>
        Measure(planner, items.Select(x => new Item(x.Instruction.Text, x.Instruction.Events, x.TotalChunks)), perInstruction, seed, onItem);

    /// <summary>Samples <paramref name="perInstruction"/> plans for each item (its events given, e.g. by a person) and counts.</summary>
    public static PlanQuality Measure(IPlanner planner, IEnumerable<Item> items, int perInstruction, long seed, Action? onItem = null)
    {
        int plans = 0, valid = 0, matching = 0, i = 0;
        var misses = new List<Miss>();
        foreach (var item in items)
        {
            foreach (var s in planner.Sample(item.Text, null, item.TotalChunks, perInstruction, seed + i++))
            {
                plans++;
                if (s.Parsed.IsValid) valid++;
                if (Matches(s.Parsed.Plan, item.Events)) matching++;
                else if (misses.Count < MissesKept)
                    misses.Add(new Miss(item.Text, item.Events.Select(e => e.ToString() ?? "").ToList(), s.Parsed.Plan.Steps.Select(st => st.Prompt).ToList()));
            }
            onItem?.Invoke();
        }
        return new PlanQuality(plans, valid, matching) { Misses = misses };
    }
}
