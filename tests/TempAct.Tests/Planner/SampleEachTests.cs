using TempAct.Models.Planner;
using TempAct.Models.Text;
using static TorchSharp.torch;

namespace TempAct.Tests.Planner;

/// <summary>Batched planning with a generator a request (what `eval` plans with) gives each request the plans
/// <see cref="LocalPlanner.Sample"/> gives it alone: the same tokens, each request capped as it would be alone, whatever
/// the batch (requests with prompts of different lengths, batches split where the cache cannot hold the longest prompt
/// with the largest cap).</summary>
[Collection(TorchCollection.Name)]
public sealed class SampleEachTests
{
    [Theory]
    [InlineData(8, 1.0)]   // all requests in one batch, split once the cache cannot hold them
    [InlineData(2, 0.7)]   // batches of two, top-p truncation
    public void SampleEach_EqualsOneRequestAtATime(int requestsPerBatch, double topP)
    {
        using var scope = NewDisposeScope();
        var tokenizer = WordTokenizer.CreateDefault();
        // MaxTokens 96: a request's cap is 96 − its prompt's length (under MaxAnswerTokens), so caps differ.
        using var model = new PlannerLm(new PlannerConfig { VocabSize = tokenizer.Count, Dim = 32, Layers = 2, Heads = 2, MaxTokens = 96 }, 3);
        using (no_grad()) { var g = new Generator(seed: 4); foreach (var p in model.parameters()) p.copy_(randn(p.shape, generator: g) * 0.3); }
        var options = new SamplingOptions { Temperature = 1.3, TopP = topP, MaxAnswerTokens = 200 };
        PlanRequest[] requests =
        [
            new("A red circle rests on the left. It slides to the right.", 1, 4),
            new("A blue square sits at the top. A green circle waits in the middle. The square jumps, then the circle turns white and finally it vanishes.", 3, 12),
            new("A red circle rests on the left. It jumps.", 1, 4),
            new("A green circle waits in the middle. It turns blue, then it moves up.", 2, 8),
        ];
        long[] seeds = [11, 12, 13, 14];
        var planner = new LocalPlanner(model, tokenizer, options);
        var batched = BatchPlanSampler.SampleEach(model, tokenizer, options, requests, 2, seeds, requestsPerBatch);
        Assert.Equal(requests.Length, batched.Count);
        var caps = new HashSet<int>();
        for (int r = 0; r < requests.Length; r++)
        {
            var alone = planner.Sample(requests[r].Instruction, requests[r].Steps, requests[r].TotalChunks, 2, seeds[r]);
            caps.Add(96 - alone[0].PromptTokens.Length);
            for (int g = 0; g < 2; g++)
            {
                Assert.Equal(alone[g].PromptTokens, batched[r][g].PromptTokens);
                Assert.Equal(alone[g].AnswerTokens, batched[r][g].AnswerTokens);
                Assert.Equal(alone[g].Text, batched[r][g].Text);
                Assert.InRange(batched[r][g].AnswerTokens.Length, 1, 96 - alone[g].PromptTokens.Length);
            }
        }
        Assert.True(caps.Count > 1, "the requests' caps should differ");
        // The interface's batched call on the local planner is the same thing.
        var viaInterface = ((IPlanner)planner).SampleEach(requests, 2, seeds);
        Assert.Equal(batched.SelectMany(x => x).Select(p => p.Text), viaInterface.SelectMany(x => x).Select(p => p.Text));
    }

    [Fact]
    public void SampleEach_NeedsASeedARequest()
    {
        var tokenizer = WordTokenizer.CreateDefault();
        using var model = new PlannerLm(new PlannerConfig { VocabSize = tokenizer.Count, Dim = 32, Layers = 2, Heads = 2, MaxTokens = 96 }, 3);
        var e = Assert.Throws<ArgumentException>(() =>
            BatchPlanSampler.SampleEach(model, tokenizer, new SamplingOptions(), [new("A red circle rests on the left. It jumps.", 1, 4)], 2, [1, 2]));
        Assert.Contains("2 seeds for 1 requests", e.Message);
    }
}
