using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;

namespace TempAct.Models.Planner;

/// <summary>
/// The cold-start teacher: the parser's events → canonical step prompts ("red circle moves right"), one step
/// per event. Asked for a different step count, it pads with "&lt;subject&gt; stays still" steps or joins neighbouring
/// events with "then" so the count is exact. Spans are uniform, or — given a <see cref="Random"/> — drawn from a plausible
/// distribution (<see cref="SampledSpans"/>), so that the planner it teaches can sample plans that differ in their spans.
/// </summary>
public static class RuleTeacher
{
    /// <summary>Log-normal jitter of a step's weight: exp(N(0, σ²)) with this σ. 0.35 moves a boundary by about a third
    /// of a step, so a 12-chunk, 3-step plan takes one of a handful of span splits, the even one most often.</summary>
    public const double SpanJitter = 0.35;

    /// <summary>The teacher's plan; uniform spans without <paramref name="spans"/>, sampled spans with it.</summary>
    public static StepPlan Plan(Instruction instruction, int totalChunks, int? steps = null, Random? spans = null)
    {
        var prompts = instruction.Events.Select(StepPrompt.Canonical).ToList();
        var weights = instruction.Events.Select(Weight).ToList();
        int wanted = steps ?? prompts.Count;
        if (wanted < 1 || wanted > totalChunks) throw new ArgumentException($"cannot plan {wanted} steps over {totalChunks} chunks");
        string last = instruction.Events[^1].Subject;
        while (prompts.Count < wanted) { prompts.Add($"{last} stays still"); weights.Add(Weight(new WorldEvent(last, ActionKind.Stay))); }
        while (prompts.Count > wanted)
        {
            // Join the pair with the shortest combined text (keeps compound prompts short).
            int best = Enumerable.Range(0, prompts.Count - 1).MinBy(i => prompts[i].Length + prompts[i + 1].Length);
            prompts[best] = $"{prompts[best]} then {prompts[best + 1]}";
            weights[best] += weights[best + 1];
            prompts.RemoveAt(best + 1);
            weights.RemoveAt(best + 1);
        }
        if (spans is null) return StepPlan.Uniform(prompts, totalChunks);
        var drawn = SampledSpans(weights, totalChunks, spans);
        return new StepPlan(prompts.Select((p, i) => new PlanStep(i, p, drawn[i])).ToList(), totalChunks);
    }

    /// <summary>The teacher's answer text (the SFT target).</summary>
    public static string Answer(Instruction instruction, int totalChunks, int? steps = null, Random? spans = null) =>
        PlanParser.ToJson(Plan(instruction, totalChunks, steps, spans));

    /// <summary>
    /// A step's expected share of the video: the action's normal duration (move and jump 5 frames, grow, shrink, vanish and
    /// appear 4, turn 3, a stay a short hold), doubled when slow as the world's own timing does (EventTiming).
    /// </summary>
    public static double Weight(WorldEvent e)
    {
        double w = e.Action switch
        {
            ActionKind.MoveLeft or ActionKind.MoveRight or ActionKind.MoveUp or ActionKind.MoveDown or ActionKind.Jump => 1.0,
            ActionKind.Grow or ActionKind.Shrink or ActionKind.Vanish or ActionKind.Appear => 0.9,
            _ => 0.8, // turn, stay
        };
        return e.Pace == Pace.Slow ? 2 * w : w;
    }

    /// <summary>
    /// Spans for steps of the given weights: each weight jittered (log-normal, <see cref="SpanJitter"/>), every step one
    /// chunk, the rest shared in proportion to the jittered weights (largest remainders), so steps get unequal, plausible
    /// numbers of chunks that always sum to the video.
    /// </summary>
    public static IReadOnlyList<ChunkSpan> SampledSpans(IReadOnlyList<double> weights, int totalChunks, Random rng)
    {
        int n = weights.Count;
        if (n < 1 || totalChunks < n) throw new ArgumentException($"cannot split {totalChunks} chunks into {n} non-empty steps");
        var jittered = weights.Select(w => w * Math.Exp(SpanJitter * Gaussian(rng))).ToArray();
        double sum = jittered.Sum();
        int spare = totalChunks - n;
        var shares = jittered.Select(w => spare * w / sum).ToArray();
        var lengths = shares.Select(s => 1 + (int)Math.Floor(s)).ToArray();
        int left = totalChunks - lengths.Sum();
        foreach (int i in Enumerable.Range(0, n).OrderByDescending(i => shares[i] - Math.Floor(shares[i])).ThenBy(i => i).Take(left)) lengths[i]++;
        var spans = new ChunkSpan[n];
        for (int i = 0, start = 0; i < n; start += lengths[i], i++) spans[i] = new ChunkSpan(start, start + lengths[i]);
        return spans;
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()); // Box–Muller
}
