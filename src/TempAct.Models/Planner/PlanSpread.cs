using TempAct.World.Plans;

namespace TempAct.Models.Planner;

/// <summary>
/// How much a planner's sampled plans differ — what plan-level RL needs: for each instruction a group of G plans is
/// sampled (as RL does, one seed per group) and compared. A group whose plans are all identical gives every plan the same
/// reward and advantage zero, so the planner learns nothing from it. Faithfulness is counted over all sampled plans.
/// </summary>
/// <param name="Instructions">Instructions (groups).</param>
/// <param name="GroupSize">Plans sampled per instruction.</param>
/// <param name="AllIdentical">Groups whose plans are all the same (prompts and spans).</param>
/// <param name="SpansDiffer">Groups with two plans that have the same prompts but different spans.</param>
/// <param name="Quality">Valid and matching plans among all sampled.</param>
public sealed record PlanSpread(int Instructions, int GroupSize, int AllIdentical, int SpansDiffer, PlanQuality Quality)
{
    /// <summary>Share of groups whose plans are all identical.</summary>
    public double AllIdenticalShare => Instructions == 0 ? 0 : (double)AllIdentical / Instructions;

    /// <summary>Share of groups with plans that differ only in their spans.</summary>
    public double SpansDifferShare => Instructions == 0 ? 0 : (double)SpansDiffer / Instructions;

    /// <summary>Samples <paramref name="groupSize"/> plans for each item and compares them.</summary>
    public static PlanSpread Measure(IPlanner planner, IReadOnlyList<PlanQuality.Item> items, int groupSize, long seed, Action? onItem = null)
    {
        if (groupSize < 2) throw new ArgumentOutOfRangeException(nameof(groupSize), "a group needs at least two plans");
        int identical = 0, spansDiffer = 0, plans = 0, valid = 0, matching = 0;
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var samples = planner.Sample(item.Text, null, item.TotalChunks, groupSize, seed + i);
            var texts = samples.Select(s => PlanParser.ToJson(s.Parsed.Plan)).ToList();
            if (texts.Distinct().Count() == 1) identical++;
            var byPrompts = samples.GroupBy(s => string.Join("\n", s.Parsed.Plan.Steps.Select(p => p.Prompt)));
            if (byPrompts.Any(g => g.Select(s => string.Join(",", s.Parsed.Plan.Steps.Select(p => p.Chunks))).Distinct().Count() > 1)) spansDiffer++;
            foreach (var s in samples)
            {
                plans++;
                if (s.Parsed.IsValid) valid++;
                if (PlanQuality.Matches(s.Parsed.Plan, item.Events)) matching++;
            }
            onItem?.Invoke();
        }
        return new PlanSpread(items.Count, groupSize, identical, spansDiffer, new PlanQuality(plans, valid, matching));
    }
}
