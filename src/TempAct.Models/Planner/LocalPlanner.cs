using TempAct.Models.Text;
using TempAct.World.Plans;
using static TorchSharp.torch;

namespace TempAct.Models.Planner;

/// <summary>The planner LM behind <see cref="IPlanner"/>: batched KV-cached sampling of G plans for one instruction,
/// each parsed and scored by <see cref="PlanParser"/>.</summary>
public sealed class LocalPlanner(PlannerLm model, WordTokenizer tokenizer, SamplingOptions options) : IPlanner
{
    /// <summary>The LM.</summary>
    public PlannerLm Model { get; } = model;

    /// <summary>Its tokenizer.</summary>
    public WordTokenizer Tokenizer { get; } = tokenizer;

    /// <summary>Prompt token ids: &lt;bos&gt; + the template.</summary>
    public int[] EncodePrompt(string instruction, int? steps, int totalChunks) =>
        [Tokenizer.BosId, .. Tokenizer.Encode(PlanPrompt.ForLm(instruction, steps, totalChunks))];

    /// <inheritdoc />
    /// <remarks>Batched (<see cref="BatchPlanSampler.SampleEach"/>): each request from its own generator and cap, as
    /// <see cref="Sample"/> draws it.</remarks>
    public IReadOnlyList<IReadOnlyList<PlanSample>> SampleEach(IReadOnlyList<PlanRequest> requests, int count, IReadOnlyList<long> seeds)
        => BatchPlanSampler.SampleEach(Model, Tokenizer, options, requests, count, seeds);

    /// <inheritdoc />
    public IReadOnlyList<PlanSample> Sample(string instruction, int? steps, int totalChunks, int count, long seed) =>
        Sample(instruction, steps, totalChunks, count, seed, null);

    /// <summary>The same, calling <paramref name="progress"/> with the first plan's answer tokens so far after every decoded
    /// token (on the calling thread), so a caller can act on the plan's first steps while the rest decodes. The draws
    /// are the same with or without it.</summary>
    public IReadOnlyList<PlanSample> Sample(string instruction, int? steps, int totalChunks, int count, long seed, Action<IReadOnlyList<int>>? progress)
    {
        options.Validate();
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), "at least one plan");
        var prompt = EncodePrompt(instruction, steps, totalChunks);
        int maxAnswer = Math.Min(options.MaxAnswerTokens, Model.Config.MaxTokens - prompt.Length);
        if (maxAnswer < 1) throw new ArgumentException($"the instruction is too long for the planner ({prompt.Length} prompt tokens, MaxTokens {Model.Config.MaxTokens})");
        var device = Model.parameters().First().device;
        var generator = new Generator((ulong)seed); // CPU: see TokenSampler
        var tokens = new List<int>[count];
        var logps = new List<float>[count];
        for (int i = 0; i < count; i++) { tokens[i] = []; logps[i] = []; }
        var done = new bool[count];

        bool wasTraining = Model.training;
        Model.eval();
        using (no_grad())
        using (var cache = new PlannerKvCache(Model.Config, count, device))
        {
            Tensor? next = null;
            for (int step = 0; step < maxAnswer && !done.All(d => d); step++)
            {
                using var scope = NewDisposeScope(); // one scope per decoding step: memory stays flat
                var logits = step == 0
                    ? Model.Forward(tensor(prompt, dtype: ScalarType.Int64, device: device).unsqueeze(0).expand(count, -1), cache, 0)
                    : Model.Forward(next!.view(count, 1), cache, prompt.Length + step - 1);
                var (tok, lp) = TokenSampler.Sample(logits.select(1, -1), options, generator);
                var tokCpu = tok.cpu().data<long>().ToArray();
                var lpCpu = lp.cpu().data<float>().ToArray();
                for (int i = 0; i < count; i++)
                {
                    if (done[i]) continue;
                    tokens[i].Add((int)tokCpu[i]);
                    logps[i].Add(lpCpu[i]);
                    if (tokCpu[i] == Tokenizer.EosId) done[i] = true;
                }
                progress?.Invoke(tokens[0]);
                next?.Dispose();
                next = tok.MoveToOuterDisposeScope();
            }
            next?.Dispose();
        }
        if (wasTraining) Model.train();
        return Enumerable.Range(0, count).Select(i =>
        {
            string text = Tokenizer.Decode(tokens[i]);
            return new PlanSample(prompt, tokens[i].ToArray(), logps[i].ToArray(), text, PlanParser.Parse(text, totalChunks, steps, instruction));
        }).ToList();
    }
}
