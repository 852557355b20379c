using TempAct.Models.Planner;
using TempAct.Models.Text;
using TorchSharp;
using static TorchSharp.torch;
using TempAct.Tests.Precision;

namespace TempAct.Tests.Planner;

[Collection(TorchCollection.Name)]
public sealed class PlannerLmTests
{
    private static readonly WordTokenizer Tokenizer = WordTokenizer.CreateDefault();
    private static PlannerConfig Small(int lora = 0) => new() { VocabSize = Tokenizer.Count, Dim = 32, Layers = 2, Heads = 2, MaxTokens = 256, LoraRank = lora };
    private const string Instruction = "A red circle rests on the left. It slides to the right, then turns blue.";

    [Fact]
    public void RecordedLogProbs_EqualARecomputation()
    {
        set_num_threads(2);
        using var model = new PlannerLm(Small(), seed: 3);
        var planner = new LocalPlanner(model, Tokenizer, new SamplingOptions { Temperature = 1.0, TopP = 0.9, MaxAnswerTokens = 40 });
        var samples = planner.Sample(Instruction, null, 8, 4, seed: 11);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var (logp, mask) = PlannerLogProbs.Compute(model, samples[0].PromptTokens, samples.Select(s => s.AnswerTokens).ToList(), 1.0, Tokenizer.PadId);
        double logitScale = Math.Max(1, logp.abs().max().item<float>());
        for (int i = 0; i < samples.Count; i++)
            for (int j = 0; j < samples[i].AnswerTokens.Length; j++)
            {
                Assert.Equal(1f, mask[i, j].item<float>());
                // A token log-prob is logit − logsumexp(logits): its rounding follows the logits' magnitude.
                Close.Scalars(samples[i].TokenLogProbs[j], logp[i, j].item<float>(), logitScale, Close.Chained,
                    $"sample {i} token {j}: recorded vs recomputed log-prob");
            }
    }

    [Fact]
    public void LoraOff_EqualsTheBaseModelExactly_AndLoraOnChangesIt()
    {
        using var scope = NewDisposeScope();
        using var baseModel = new PlannerLm(Small(), seed: 5);
        using var adapted = new PlannerLm(Small(lora: 4), seed: 5);
        // Same base weights (the adapted model has extra lora_A/lora_B), then perturb the adapters.
        var baseState = baseModel.state_dict();
        using (no_grad())
        {
            foreach (var (name, p) in adapted.named_parameters())
                if (baseState.TryGetValue(name, out var w)) p.copy_(w);
                else if (name.EndsWith("lora_B", StringComparison.Ordinal)) p.normal_(0, 0.5);
        }
        var tokens = tensor(Tokenizer.Encode(Instruction).Select(x => (long)x).ToArray()).unsqueeze(0);
        using var _ = no_grad();
        var reference = baseModel.forward(tokens);
        adapted.SetAdaptersEnabled(false);
        Assert.True(adapted.forward(tokens).eq(reference).all().item<bool>(), "adapters off must reproduce the base model bit for bit");
        adapted.SetAdaptersEnabled(true);
        Assert.True(adapted.forward(tokens).sub(reference).abs().max().item<float>() > 1e-3, "enabled adapters must change the output");
    }

    [Fact]
    public void SameSeed_SamePlans()
    {
        using var model = new PlannerLm(Small(), seed: 7);
        var planner = new LocalPlanner(model, Tokenizer, new SamplingOptions { MaxAnswerTokens = 30 });
        var a = planner.Sample(Instruction, 2, 8, 3, seed: 42);
        var b = planner.Sample(Instruction, 2, 8, 3, seed: 42);
        Assert.Equal(a.Select(s => s.Text), b.Select(s => s.Text));
        Assert.Equal(a.Select(s => s.LogProb), b.Select(s => s.LogProb));
    }

    [Fact]
    public void CachedDecoding_MatchesTheFullForward()
    {
        using var scope = NewDisposeScope();
        using var model = new PlannerLm(Small(), seed: 9);
        model.eval();
        using var _ = no_grad();
        var ids = Tokenizer.Encode(Instruction).Select(x => (long)x).ToArray();
        var full = model.forward(tensor(ids).unsqueeze(0));                                   // [1, T, V]
        using var cache = new PlannerKvCache(model.Config, 1, CPU);
        var first = model.Forward(tensor(ids[..5]).unsqueeze(0), cache, 0);
        Close.Tensors(full.narrow(1, 0, 5), first, Close.Reassociated, "cached prefix vs full forward");
        for (int t = 5; t < ids.Length; t++)
        {
            var step = model.Forward(tensor(new[] { ids[t] }).unsqueeze(0), cache, t);
            Close.Tensors(full.narrow(1, t, 1), step, Close.Reassociated, $"position {t}: cached step vs full forward");
        }
    }

    [Fact]
    public void Tokenizer_RoundTripsPlansAndFlagsUnknownWords()
    {
        string json = "[{\"step_index\": 0, \"prompt\": \"red circle moves right\", \"chunks\": [0, 4]}]";
        Assert.DoesNotContain(Tokenizer.UnkId, Tokenizer.Encode(json));
        Assert.Equal(json.Replace(" ", ""), Tokenizer.Decode(Tokenizer.Encode(json)).Replace(" ", ""));
        Assert.Contains(Tokenizer.UnkId, Tokenizer.Encode("red circle zooms"));
    }
}
