using TempAct.Models.Planner;
using TempAct.Models.Text;
using TempAct.Tests.Precision;
using static TorchSharp.torch;

namespace TempAct.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class BatchPlanSamplerTests
{
    [Fact]
    public void RowsWithPromptsOfDifferentLengths_SampleWhatAFullForwardScores()
    {
        // If a row's positions or visible cache slots were wrong, its sampled log-probs would not be those of the full
        // forward over its own prompt + answer (PlannerLogProbs, the GSPO recomputation).
        using var scope = NewDisposeScope();
        var tokenizer = WordTokenizer.CreateDefault();
        using var model = new PlannerLm(new PlannerConfig { VocabSize = tokenizer.Count, Dim = 32, Layers = 2, Heads = 2, MaxTokens = 320 }, 3);
        using (no_grad()) { var g = new Generator(seed: 4); foreach (var p in model.parameters()) p.copy_(randn(p.shape, generator: g) * 0.3); }
        PlanRequest[] requests =
        [
            new("A red circle rests on the left. It slides to the right.", 1, 4),
            new("A blue square sits at the top. A green circle waits in the middle. The square jumps, then the circle turns white and finally it vanishes.", 3, 12),
        ];
        var options = new SamplingOptions { Temperature = 1.3, TopP = 1, MaxAnswerTokens = 8 };
        var samples = BatchPlanSampler.Sample(model, tokenizer, options, requests, 2, new Generator(seed: 9));
        Assert.NotEqual(samples[0][0].PromptTokens.Length, samples[1][0].PromptTokens.Length);
        for (int r = 0; r < 2; r++)
        {
            var answers = samples[r].Select(s => s.AnswerTokens).ToList();
            Assert.All(answers, a => Assert.InRange(a.Length, 1, 8));
            var (logProbs, _) = PlannerLogProbs.Compute(model, samples[r][0].PromptTokens, answers, options.Temperature, tokenizer.PadId);
            for (int g = 0; g < 2; g++)
                for (int t = 0; t < answers[g].Length; t++)
                    Close.Scalars(logProbs[g, t].item<float>(), samples[r][g].TokenLogProbs[t], 10, Close.Chained, $"request {r}, plan {g}, token {t}");
        }
    }
}
