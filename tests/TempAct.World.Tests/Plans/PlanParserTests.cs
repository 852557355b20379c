using TempAct.World.Plans;

namespace TempAct.World.Tests.Plans;

public sealed class PlanParserTests
{
    private const string Instruction = "A red circle rests on the left. It slides to the right, then turns blue.";

    [Fact]
    public void ValidPlan_WithSpans_ScoresOne()
    {
        var r = PlanParser.Parse("""[{"step_index": 0, "prompt": "red circle moves right", "chunks": [0, 5]}, {"step_index": 1, "prompt": "red circle turns blue", "chunks": [5, 8]}]""", 8, 2, Instruction);
        Assert.Equal(1.0, r.FormatScore);
        Assert.Empty(r.Problems);
        Assert.Equal([new ChunkSpan(0, 5), new ChunkSpan(5, 8)], r.Plan.Steps.Select(s => s.Chunks));
    }

    [Fact]
    public void ValidPlan_WithoutSpans_GetsUniformSpansAndScoresOne()
    {
        var r = PlanParser.Parse("""Here is the plan: ```json [{"step_index": 0, "prompt": "red circle moves right"}, {"step_index": 1, "prompt": "red circle turns blue"}] ```""", 7, null, Instruction);
        Assert.Equal(1.0, r.FormatScore);
        Assert.Equal([new ChunkSpan(0, 4), new ChunkSpan(4, 7)], r.Plan.Steps.Select(s => s.Chunks));
    }

    [Theory]
    [InlineData("""[{"step_index": 0, "prompt": "red circle moves right", "chunks": [0, 5]}, {"step_index": 1, "prompt": "red circle turns blue", "chunks": [4, 8]}]""", "overlaps")]
    [InlineData("""[{"step_index": 0, "prompt": "red circle moves right", "chunks": [0, 3]}, {"step_index": 1, "prompt": "red circle turns blue", "chunks": [5, 8]}]""", "gap")]
    [InlineData("""[{"step_index": 0, "prompt": "red circle moves right", "chunks": [0, 4]}, {"step_index": 1, "prompt": "red circle turns blue", "chunks": [4, 6]}]""", "cover 6 chunks")]
    [InlineData("""[{"step_index": 0, "prompt": "red circle moves right", "chunks": [0, 0]}, {"step_index": 1, "prompt": "red circle turns blue", "chunks": [0, 8]}]""", "empty span")]
    [InlineData("""[{"step_index": 0, "prompt": "red circle moves right"}]""", "1 steps, 2 were asked")]
    [InlineData("""[{"step_index": 0, "prompt": "red circle moves right"}, {"step_index": 1, "prompt": "red circle turns blue"}, {"step_index": 2, "prompt": "red circle jumps"}]""", "3 steps, 2 were asked")]
    [InlineData("""[{"step_index": 3, "prompt": "red circle moves right"}, {"step_index": 1, "prompt": "red circle turns blue"}]""", "step_index 3")]
    [InlineData("""[{"step_index": 0, "prompt": "red circle zooms right"}, {"step_index": 1, "prompt": "red circle turns blue"}]""", "'zooms'")]
    [InlineData("""[{"step_index": 0, "prompt": "red circle moves right", "chunks": [0, 4]}, {"step_index": 1, "prompt": "red circle turns blue"}]""", "only some steps")]
    public void RepairablePlans_ScoreHalf_AndStillTileTheVideo(string answer, string problem)
    {
        var r = PlanParser.Parse(answer, 8, 2, Instruction);
        Assert.Equal(0.5, r.FormatScore);
        Assert.Contains(r.Problems, p => p.Contains(problem));
        Assert.Equal(2, r.Plan.Steps.Count);
        Assert.Equal(8, r.Plan.Steps[^1].Chunks.End);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no plan here")]
    [InlineData("[{\"step_index\": 0, \"prompt\": \"red circle moves right\"")]
    [InlineData("[]")]
    [InlineData("[{\"step_index\": 0, \"prompt\": \"\"}]")]
    [InlineData("[{\"step_index\": 0}]")]
    [InlineData("[1, 2, 3]")]
    public void BrokenPlans_ScoreZero_AndFallBackToTheInstruction(string answer)
    {
        var r = PlanParser.Parse(answer, 8, 2, Instruction);
        Assert.Equal(0.0, r.FormatScore);
        Assert.NotEmpty(r.Problems);
        Assert.All(r.Plan.Steps, s => Assert.Equal(Instruction, s.Prompt));
    }

    [Fact]
    public void TenThousandRandomStrings_NeverCrash()
    {
        var rng = new Random(4);
        const string alphabet = "[]{}\":,0123456789 abcdefghijklmnopqrstuvwxyz_-.\n\\";
        string[] pieces = ["[", "]", "{", "}", "\"step_index\"", "\"prompt\"", "\"chunks\"", ":", ",", "0", "4", "-1", "\"red circle moves right\"", "null", "true", "1e999"];
        for (int i = 0; i < 10_000; i++)
        {
            string s = i % 2 == 0
                ? new string(Enumerable.Range(0, rng.Next(0, 80)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray())
                : string.Concat(Enumerable.Range(0, rng.Next(0, 30)).Select(_ => pieces[rng.Next(pieces.Length)]));
            var r = PlanParser.Parse(s, 1 + rng.Next(20), null, Instruction);
            Assert.InRange(r.FormatScore, 0, 1);
            Assert.Equal(r.Plan.TotalChunks, r.Plan.Steps[^1].Chunks.End);
        }
    }

    [Fact]
    public void StepPrompts_ReadBackToEvents()
    {
        var e = StepPrompt.TryParse("the red circle slowly glides to the left");
        Assert.NotNull(e);
        Assert.Equal("red circle move_left", $"{e.Subject} {e.ActionCode}");
        Assert.Equal(World.Events.Pace.Slow, e.Pace);
        Assert.Null(StepPrompt.TryParse("red circle zooms", out var problem));
        Assert.Contains("zooms", problem);
    }
}
