using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TempAct.Models.Checkpoints;
using TempAct.Models.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace TempAct.Models.Planner;

/// <summary>
/// Supervised fine-tuning of the planner on the rule teacher's plans: cross-entropy on the answer tokens, AdamW with
/// warm-up + cosine, gradient clipping, periodic held-out evaluation, atomic checkpoints (weights, optimizer, step) and
/// exact resume. Writes metrics.csv and eval.jsonl into the output folder.
/// </summary>
public sealed class PlannerSftTrainer(PlannerSftConfig config, string outDir, Device device)
{
    /// <summary>One progress report.</summary>
    public sealed record Report(int Step, int Steps, double Loss, double? ValidRate, double? MatchRate);

    private const string StateFile = "trainer_state.json", OptimizerFile = "optimizer.bin";

    /// <summary>Trains to <see cref="PlannerSftConfig.Steps"/> (resuming from <paramref name="outDir"/> when asked) and
    /// leaves the final checkpoint there.</summary>
    public void Run(bool resume, IProgress<Report>? progress = null, CancellationToken cancellation = default)
    {
        config.Validate();
        if (config.Threads > 0) set_num_threads(config.Threads);
        Directory.CreateDirectory(outDir);
        var tokenizer = WordTokenizer.CreateDefault();
        var modelConfig = config.Model with { VocabSize = tokenizer.Count };
        using var model = new PlannerLm(modelConfig, config.Seed);
        int start = 0;
        if (resume)
        {
            if (!File.Exists(Path.Combine(outDir, StateFile))) throw new CheckpointException($"{outDir}: nothing to resume ({StateFile} not found)");
            WeightStore.LoadWeights(model, outDir);
            start = JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(Path.Combine(outDir, StateFile)))!.Step;
        }
        model.to(device);
        var optimizer = optim.AdamW(model.parameters(), lr: config.LearningRate, weight_decay: config.WeightDecay);
        if (resume) optimizer.load_state_dict(Path.Combine(outDir, OptimizerFile));

        var heldOut = PlannerData.HeldOut(config.Seed, 500);
        var heldOutTexts = heldOut.Select(e => e.Instruction.Text).ToHashSet();
        var evalItems = heldOut.Take(config.EvalInstructions).Select(e => (e.Instruction, e.TotalChunks)).ToList();
        using var metrics = new StreamWriter(Path.Combine(outDir, "metrics.csv"), append: resume);
        if (!resume) metrics.WriteLine("step,loss,lr,tokens_per_s,seconds");
        var clock = Stopwatch.StartNew();
        model.train();
        for (int step = start; step < config.Steps && !cancellation.IsCancellationRequested; step++)
        {
            double lr = LearningRate(step);
            foreach (var g in optimizer.ParamGroups) g.LearningRate = lr;
            double loss; long tokens;
            using (var scope = NewDisposeScope())
            {
                var (input, target, mask) = Batch(tokenizer, step, heldOutTexts);
                var logits = model.forward(input);                                              // [B, L, V]
                var perToken = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), target.reshape(-1), reduction: nn.Reduction.None);
                var total = (perToken * mask.reshape(-1)).sum() / mask.sum();
                optimizer.zero_grad();
                total.backward();
                nn.utils.clip_grad_norm_(model.parameters(), config.GradClip);
                optimizer.step();
                loss = total.item<float>();
                tokens = input.numel();
            }
            int done = step + 1;
            metrics.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{done},{loss:F5},{lr:E3},{tokens / Math.Max(1e-9, clock.Elapsed.TotalSeconds / (done - start)):F0},{clock.Elapsed.TotalSeconds:F1}"));
            double? valid = null, match = null;
            if (done % config.EvalEvery == 0 || done == config.Steps)
            {
                var planner = new LocalPlanner(model, tokenizer, new SamplingOptions());
                var q = PlanQuality.Measure(planner, evalItems, 1, config.Seed);
                (valid, match) = (q.ValidRate, q.MatchRate);
                File.AppendAllText(Path.Combine(outDir, "eval.jsonl"),
                    JsonSerializer.Serialize(new { step = done, valid_rate = q.ValidRate, match_rate = q.MatchRate, plans = q.Plans }) + "\n");
                model.train();
            }
            if (done % config.CheckpointEvery == 0 || done == config.Steps) SaveCheckpoint(model, tokenizer, optimizer, done);
            progress?.Report(new Report(done, config.Steps, loss, valid, match));
        }
    }

    private double LearningRate(int step)
    {
        if (step < config.WarmupSteps) return config.LearningRate * (step + 1) / config.WarmupSteps;
        double t = (double)(step - config.WarmupSteps) / Math.Max(1, config.Steps - config.WarmupSteps);
        return config.LearningRate * (0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * t)));
    }

    /// <summary>input [B, L], target [B, L] (next tokens), mask [B, L] (1 on answer tokens and the final &lt;eos&gt;).</summary>
    private (Tensor Input, Tensor Target, Tensor Mask) Batch(WordTokenizer tok, int step, IReadOnlySet<string> heldOut)
    {
        var seqs = new List<(int[] Ids, int PromptLength)>();
        foreach (var ex in PlannerData.TrainingBatch(config.Seed, step, config.BatchSize, config.ExplicitStepsFraction, heldOut))
        {
            int[] prompt = [tok.BosId, .. tok.Encode(PlanPrompt.ForLm(ex.Instruction.Text, ex.Steps, ex.TotalChunks))];
            int[] ids = [.. prompt, .. tok.Encode(ex.Answer), tok.EosId];
            if (ids.Length > config.Model.MaxTokens) continue; // rare: very long instruction + plan
            seqs.Add((ids, prompt.Length));
        }
        int l = seqs.Max(s => s.Ids.Length) - 1, b = seqs.Count;
        var input = new long[b * l]; var target = new long[b * l]; var mask = new float[b * l];
        for (int i = 0; i < b; i++)
        {
            var (ids, p) = seqs[i];
            for (int j = 0; j < l; j++)
            {
                input[i * l + j] = j < ids.Length - 1 ? ids[j] : tok.PadId;
                target[i * l + j] = j + 1 < ids.Length ? ids[j + 1] : tok.PadId;
                mask[i * l + j] = j + 1 < ids.Length && j + 1 >= p ? 1 : 0;
            }
        }
        return (tensor(input, new long[] { b, l }, device: device), tensor(target, new long[] { b, l }, device: device), tensor(mask, new long[] { b, l }, device: device));
    }

    private void SaveCheckpoint(PlannerLm model, WordTokenizer tok, TorchSharp.Modules.AdamW optimizer, int step)
    {
        PlannerCheckpoint.Save(model, tok, outDir);
        WeightStore.SaveOptimizer(optimizer, Path.Combine(outDir, OptimizerFile));
        WeightStore.WriteAtomic(Path.Combine(outDir, StateFile), JsonSerializer.Serialize(new TrainerState(step, config)));
    }

    private sealed record TrainerState(int Step, PlannerSftConfig Config);
}
