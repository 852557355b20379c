using TempAct.World.Language;
using TempAct.World.Plans;

namespace TempAct.Models.Planner;

/// <summary>
/// The cold-start teacher (SPEC §3.2): the parser's events → canonical step prompts ("red circle moves right"), one step
/// per event, uniform spans. Asked for a different step count, it pads with "&lt;subject&gt; stays still" steps or joins
/// neighbouring events with "then" so the count is exact.
/// </summary>
public static class RuleTeacher
{
    /// <summary>The teacher's plan.</summary>
    public static StepPlan Plan(Instruction instruction, int totalChunks, int? steps = null)
    {
        var prompts = instruction.Events.Select(StepPrompt.Canonical).ToList();
        int wanted = steps ?? prompts.Count;
        if (wanted < 1 || wanted > totalChunks) throw new ArgumentException($"cannot plan {wanted} steps over {totalChunks} chunks");
        string last = instruction.Events[^1].Subject;
        while (prompts.Count < wanted) prompts.Add($"{last} stays still");
        while (prompts.Count > wanted)
        {
            // Join the pair with the shortest combined text (keeps compound prompts short).
            int best = Enumerable.Range(0, prompts.Count - 1).MinBy(i => prompts[i].Length + prompts[i + 1].Length);
            prompts[best] = $"{prompts[best]} then {prompts[best + 1]}";
            prompts.RemoveAt(best + 1);
        }
        return StepPlan.Uniform(prompts, totalChunks);
    }

    /// <summary>The teacher's answer text (the SFT target).</summary>
    public static string Answer(Instruction instruction, int totalChunks, int? steps = null) =>
        PlanParser.ToJson(Plan(instruction, totalChunks, steps));
}
