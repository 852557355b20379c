using TempAct.Models.Text;
using TempAct.World.Plans;
using static TorchSharp.torch;

namespace TempAct.Models.Planner;

/// <summary>
/// Samples G plans for each of many instructions in one batch (RL's planning phase: P × G rows, one forward a token
/// instead of one per instruction). Prompts of different lengths share one KV cache: row r's prompt fills slots
/// 0..len_r (the rest of the prompt block is padding it never attends to), answer token s goes to slot L_max + s at
/// position len_r + s, and a per-row mask says which slots each row sees — so every row computes what it would alone,
/// up to float rounding (a test checks the sampled log-probs against a full forward).
/// </summary>
public static class BatchPlanSampler
{
    /// <summary>[request][g] plans; draws from <paramref name="generator"/> (a CPU generator: see <see cref="TokenSampler"/>).</summary>
    public static IReadOnlyList<IReadOnlyList<PlanSample>> Sample(PlannerLm model, WordTokenizer tokenizer, SamplingOptions options,
        IReadOnlyList<PlanRequest> requests, int count, Generator generator)
    {
        options.Validate();
        if (requests.Count == 0 || count < 1) throw new ArgumentException("at least one request and one plan each");
        var prompts = requests.Select(r => (int[])[tokenizer.BosId, .. tokenizer.Encode(PlanPrompt.ForLm(r.Instruction, r.Steps, r.TotalChunks))]).ToArray();
        int rows = requests.Count * count, lMax = prompts.Max(p => p.Length);
        int maxAnswer = Math.Min(options.MaxAnswerTokens, model.Config.MaxTokens - lMax + 1);
        if (maxAnswer < 1) throw new ArgumentException($"an instruction is too long for the planner ({lMax} prompt tokens, MaxTokens {model.Config.MaxTokens})");
        var device = model.parameters().First().device;
        var ids = new long[rows * lMax];
        var lengths = new long[rows];
        var visible = new bool[rows * (lMax + maxAnswer)]; // per row: its prompt slots and every answer slot
        for (int row = 0; row < rows; row++)
        {
            var p = prompts[row / count];
            lengths[row] = p.Length;
            for (int j = 0; j < lMax; j++) { ids[row * lMax + j] = j < p.Length ? p[j] : tokenizer.PadId; visible[row * (lMax + maxAnswer) + j] = j < p.Length; }
            for (int j = 0; j < maxAnswer; j++) visible[row * (lMax + maxAnswer) + lMax + j] = true;
        }
        var tokens = Enumerable.Range(0, rows).Select(_ => new List<int>()).ToArray();
        var logps = Enumerable.Range(0, rows).Select(_ => new List<float>()).ToArray();
        var done = new bool[rows];

        bool wasTraining = model.training;
        model.eval();
        using (no_grad())
        using (var cache = new PlannerKvCache(model.Config, rows, device))
        using (var lengthT = tensor(lengths, device: device))
        using (var visibleT = tensor(visible, new long[] { rows, lMax + maxAnswer }, device: device))
        {
            Tensor last;
            using (var scope = NewDisposeScope())
            {
                // 1. The prompts at once (right-padded; causal, so padding never reaches a prompt token).
                var input = tensor(ids, new long[] { rows, lMax }, device: device);
                var positions = arange(lMax, dtype: ScalarType.Int64, device: device).unsqueeze(0).expand(rows, lMax);
                var causal = ones(new long[] { lMax, lMax }, dtype: ScalarType.Bool, device: device).tril().view(1, 1, lMax, lMax);
                var logits = model.Forward(input, cache, 0, positions, causal);                            // [rows, L, V]
                last = logits.gather(1, (lengthT - 1).view(rows, 1, 1).expand(rows, 1, logits.shape[2])).squeeze(1).MoveToOuterDisposeScope();
            }
            // 2. One token a step for every row (finished rows run on; their tokens are dropped).
            for (int step = 0; ; step++)
            {
                using var scope = NewDisposeScope();
                var (tok, lp) = TokenSampler.Sample(last, options, generator);
                last.Dispose();
                var tokCpu = tok.cpu().data<long>().ToArray();
                var lpCpu = lp.cpu().data<float>().ToArray();
                for (int row = 0; row < rows; row++)
                {
                    if (done[row]) continue;
                    tokens[row].Add((int)tokCpu[row]);
                    logps[row].Add(lpCpu[row]);
                    if (tokCpu[row] == tokenizer.EosId) done[row] = true;
                }
                if (done.All(d => d) || step + 1 == maxAnswer) break;
                var mask = visibleT.narrow(1, 0, lMax + step + 1).view(rows, 1, 1, lMax + step + 1);
                last = model.Forward(tok.view(rows, 1), cache, lMax + step, (lengthT + step).view(rows, 1), mask).select(1, 0).MoveToOuterDisposeScope();
            }
        }
        if (wasTraining) model.train();
        return Enumerable.Range(0, requests.Count).Select(r => (IReadOnlyList<PlanSample>)Enumerable.Range(0, count).Select(g =>
        {
            int row = r * count + g;
            string text = tokenizer.Decode(tokens[row]);
            var q = requests[r];
            return new PlanSample(prompts[r], tokens[row].ToArray(), logps[row].ToArray(), text, PlanParser.Parse(text, q.TotalChunks, q.Steps, q.Instruction));
        }).ToList()).ToList();
    }
}
