using TempAct.Models.Planner;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;

namespace TempAct.Tests.Planner;

/// <summary>The SFT data: the whole language, 1–8 chunks an event, and teacher spans with spread.</summary>
public sealed class PlannerDataTests
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    [Fact]
    public void Examples_cover_one_to_eight_chunks_an_event_and_the_teachers_plans_are_valid_and_faithful()
    {
        var examples = Enumerable.Range(0, 4).SelectMany(step => PlannerData.TrainingBatch(1, step, 128, 0.15, None)).ToList();
        Assert.All(examples, e => Assert.InRange(e.TotalChunks, e.Instruction.Events.Count, PlannerData.MaxChunksPerEvent * e.Instruction.Events.Count));
        Assert.Contains(examples, e => e.TotalChunks == e.Instruction.Events.Count);
        Assert.Contains(examples, e => e.TotalChunks > 4 * e.Instruction.Events.Count);
        Assert.Contains(examples, e => e.TotalChunks >= 24);
        foreach (var e in examples)
        {
            var parsed = PlanParser.Parse(e.Answer, e.TotalChunks, e.Steps, e.Instruction.Text);
            Assert.True(parsed.IsValid, $"{e.Answer}: {string.Join("; ", parsed.Problems)}");
            if (e.Steps is null) Assert.True(PlanQuality.Matches(parsed.Plan, e.Instruction), e.Answer);
        }
        // The whole language, not only the core forms: past tense, clauses of time, omitted sizes …
        Assert.Contains(examples, e => e.Instruction.Text.Contains("ed ", StringComparison.Ordinal) && !e.Instruction.Text.Contains("red ", StringComparison.Ordinal));
        Assert.Contains(examples, e => e.Instruction.Text.Contains("before ", StringComparison.OrdinalIgnoreCase) || e.Instruction.Text.Contains("after ", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_batch_is_the_same_however_it_is_drawn()
    {
        var parallel = PlannerData.TrainingBatch(3, 5, 64, 0.15, None);
        var serial = Enumerable.Range(0, 64).Select(i => PlannerData.Training(3, 5, i, 0.15, None)).ToArray();
        Assert.Equal(serial.Select(e => e.Instruction.Text + e.Answer), parallel.Select(e => e.Instruction.Text + e.Answer));
    }

    [Fact]
    public void Sampled_spans_cover_the_video_differ_between_draws_and_follow_pace()
    {
        var instruction = InstructionParser.Parse("A red circle rests on the left. It slowly slides to the right, then it jumps, then it turns blue.");
        Assert.Equal([4, 4, 4], RuleTeacher.Plan(instruction, 12).Steps.Select(s => s.Chunks.Length)); // no Random: uniform, as before
        var rng = new Random(1);
        var splits = new Dictionary<string, int>();
        double slow = 0, other = 0;
        for (int i = 0; i < 400; i++)
        {
            var plan = RuleTeacher.Plan(instruction, 12, null, rng);
            Assert.Equal(12, plan.Steps[^1].Chunks.End);
            Assert.All(plan.Steps, s => Assert.True(s.Chunks.Length >= 1));
            Assert.True(PlanQuality.Matches(plan, instruction));
            string key = string.Join(",", plan.Steps.Select(s => s.Chunks.Length));
            splits[key] = splits.GetValueOrDefault(key) + 1;
            slow += plan.Steps[0].Chunks.Length;
            other += plan.Steps[1].Chunks.Length;
        }
        Assert.True(splits.Count >= 5, $"only {splits.Count} distinct splits: {string.Join(" ", splits.Keys)}");
        Assert.True(splits.Values.Max() < 400 * 0.6, "one split dominates");
        Assert.True(slow > 1.5 * other, $"the slow step averages {slow / 400:F2} chunks, a normal one {other / 400:F2}");
        Assert.Equal(RuleTeacher.Answer(instruction, 12, null, new Random(9)), RuleTeacher.Answer(instruction, 12, null, new Random(9)));
        Assert.All(Enumerable.Range(0, 50).Select(_ => RuleTeacher.SampledSpans([1, 1, 1], 3, rng)), s => Assert.All(s, c => Assert.Equal(1, c.Length)));
    }

    [Fact]
    public void Spread_counts_groups_whose_plans_are_all_identical()
    {
        var instruction = InstructionParser.Parse("A red circle rests on the left. It slides to the right, then it jumps.");
        var item = new PlanQuality.Item(instruction.Text, instruction.Events, 8);
        var same = PlanSpread.Measure(new FixedPlanner(_ => RuleTeacher.Answer(instruction, 8)), [item, item], 4, 0);
        Assert.Equal(1.0, same.AllIdenticalShare);
        Assert.Equal(0.0, same.SpansDifferShare);
        Assert.Equal(1.0, same.Quality.MatchRate);
        var varied = PlanSpread.Measure(new FixedPlanner(i => RuleTeacher.Answer(instruction, 8, null, new Random(i))), [item, item], 4, 0);
        Assert.Equal(0.0, varied.AllIdenticalShare);
        Assert.Equal(1.0, varied.SpansDifferShare);
        Assert.Equal(8, varied.Quality.Plans);
        Assert.Equal(1.0, varied.Quality.MatchRate);
    }

    /// <summary>Answers with <c>answer(i)</c> for the i-th plan of every group.</summary>
    private sealed class FixedPlanner(Func<int, string> answer) : IPlanner
    {
        public IReadOnlyList<PlanSample> Sample(string instruction, int? steps, int totalChunks, int count, long seed) =>
            Enumerable.Range(0, count).Select(i => new PlanSample([], [], [], answer(i), PlanParser.Parse(answer(i), totalChunks, steps, instruction))).ToList();
    }
}
