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
        var prompts = Prompts(tokenizer, requests);
        int lMax = prompts.Max(p => p.Length);
        int maxAnswer = Math.Min(options.MaxAnswerTokens, model.Config.MaxTokens - lMax + 1);
        if (maxAnswer < 1) throw new ArgumentException($"an instruction is too long for the planner ({lMax} prompt tokens, MaxTokens {model.Config.MaxTokens})");
        return Run(model, tokenizer, requests, prompts, count, Enumerable.Repeat(maxAnswer, requests.Count).ToArray(),
            (last, _) => TokenSampler.Sample(last, options, generator));
    }

    /// <summary>
    /// [request][g] plans, request r drawn from a generator of its own seeded <paramref name="seeds"/>[r] and capped as
    /// <see cref="LocalPlanner.Sample"/> caps it: the plans <see cref="LocalPlanner.Sample"/> gives for each request on
    /// its own (the same draws from the same generator; the logits agree to float rounding, which a draw is almost never
    /// near enough a boundary to feel), in one batched forward a token for up to <paramref name="requestsPerBatch"/>
    /// requests instead of one forward a token per request. `eval` plans every instruction this way.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<PlanSample>> SampleEach(PlannerLm model, WordTokenizer tokenizer, SamplingOptions options,
        IReadOnlyList<PlanRequest> requests, int count, IReadOnlyList<long> seeds, int requestsPerBatch = 32)
    {
        options.Validate();
        if (count < 1) throw new ArgumentException("at least one plan a request");
        if (seeds.Count != requests.Count) throw new ArgumentException($"{seeds.Count} seeds for {requests.Count} requests");
        if (requestsPerBatch < 1) throw new ArgumentOutOfRangeException(nameof(requestsPerBatch), "at least one request a batch");
        var prompts = Prompts(tokenizer, requests);
        // Each request's own cap, as LocalPlanner has it.
        var caps = prompts.Select(p => Math.Min(options.MaxAnswerTokens, model.Config.MaxTokens - p.Length)).ToArray();
        for (int r = 0; r < requests.Count; r++)
            if (caps[r] < 1) throw new ArgumentException($"the instruction is too long for the planner ({prompts[r].Length} prompt tokens, MaxTokens {model.Config.MaxTokens})");
        var result = new IReadOnlyList<PlanSample>[requests.Count];
        void Batch(int first, int n)
        {
            var rows = Enumerable.Range(first, n).ToArray();
            // Answer token s sits in slot L_max + s: the batch must hold its longest prompt and its largest cap.
            if (n > 1 && rows.Max(r => prompts[r].Length) + rows.Max(r => caps[r]) - 1 > model.Config.MaxTokens)
            {
                Batch(first, n / 2);
                Batch(first + n / 2, n - n / 2);
                return;
            }
            var generators = rows.Select(r => new Generator((ulong)seeds[r])).ToArray(); // CPU: see TokenSampler
            var plans = Run(model, tokenizer, rows.Select(r => requests[r]).ToList(), rows.Select(r => prompts[r]).ToArray(), count,
                rows.Select(r => caps[r]).ToArray(), (last, active) =>
                {
                    // The distribution of every row at once (row by row, as TokenSampler.Sample computes it for one
                    // request's rows), then each request's draw from its own generator.
                    var (logp, probs) = TokenSampler.Distribution(last, options);
                    var tokens = new Tensor[n];
                    for (int q = 0; q < n; q++)
                        tokens[q] = active[q] ? TokenSampler.Draw(probs.narrow(0, q * count, count), generators[q])
                            : full(count, tokenizer.EosId, dtype: ScalarType.Int64);
                    var all = cat(tokens, 0).to(last.device);
                    return (all, logp.gather(-1, all.unsqueeze(-1)).squeeze(-1));
                });
            for (int q = 0; q < n; q++) result[first + q] = plans[q];
        }
        for (int first = 0; first < requests.Count; first += requestsPerBatch) Batch(first, Math.Min(requestsPerBatch, requests.Count - first));
        return result;
    }

    private static int[][] Prompts(WordTokenizer tokenizer, IReadOnlyList<PlanRequest> requests) =>
        requests.Select(r => (int[])[tokenizer.BosId, .. tokenizer.Encode(PlanPrompt.ForLm(r.Instruction, r.Steps, r.TotalChunks))]).ToArray();

    /// <summary>The batched decoding: request r answers at most <paramref name="caps"/>[r] tokens; <paramref name="draw"/>
    /// turns the last logits [rows, V] into tokens and log-probs [rows], given which requests still draw (those with a row
    /// not yet finished and tokens left under their cap; the others' draws are dropped).</summary>
    private static IReadOnlyList<IReadOnlyList<PlanSample>> Run(PlannerLm model, WordTokenizer tokenizer, IReadOnlyList<PlanRequest> requests,
        int[][] prompts, int count, int[] caps, Func<Tensor, bool[], (Tensor Tokens, Tensor LogProbs)> draw)
    {
        int rows = requests.Count * count, lMax = prompts.Max(p => p.Length), maxAnswer = caps.Max();
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
            // 2. One token a step for every row (finished rows run on; their tokens are dropped). A row is finished at
            //    <eos> or at its request's cap; a request draws while one of its rows is not finished.
            for (int step = 0; ; step++)
            {
                using var scope = NewDisposeScope();
                var active = Enumerable.Range(0, requests.Count).Select(r => Enumerable.Range(r * count, count).Any(row => !done[row])).ToArray();
                var (tok, lp) = draw(last, active);
                last.Dispose();
                var tokCpu = tok.cpu().data<long>().ToArray();
                var lpCpu = lp.cpu().data<float>().ToArray();
                for (int row = 0; row < rows; row++)
                {
                    if (done[row]) continue;
                    tokens[row].Add((int)tokCpu[row]);
                    logps[row].Add(lpCpu[row]);
                    if (tokCpu[row] == tokenizer.EosId || tokens[row].Count == caps[row / count]) done[row] = true;
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
