using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TempAct.Models.Checkpoints;
using TempAct.Models.Text;
using TempAct.Models.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TempAct.Models.Planner;

/// <summary>
/// Supervised fine-tuning of the planner on the rule teacher's plans: cross-entropy on the answer tokens, AdamW with
/// warm-up + cosine, gradient clipping, periodic held-out evaluation, checkpoints committed as one verified unit
/// (<see cref="CheckpointUnit"/>: weights, config, vocabulary, optimizer, trainer state, and the logs up to the step) and
/// exact resume. Writes metrics.csv and eval.jsonl into the output folder (<see cref="TrainingLog"/>).
/// </summary>
public sealed class PlannerSftTrainer(PlannerSftConfig config, string outDir, Device device)
{
    /// <summary>One progress report.</summary>
    public sealed record Report(int Step, int Steps, double Loss, double? ValidRate, double? MatchRate);

    /// <summary>Held-out instructions drawn from the disjoint seed stream (evaluation uses the first EvalInstructions).</summary>
    public const int HeldOutCount = 500;

    private const string StateFile = "trainer_state.json", OptimizerFile = "optimizer.bin", MetricsFile = "metrics.csv", EvalFile = "eval.jsonl";

    /// <summary>Every name a run writes into its output folder, the checkpoint manifest first.</summary>
    public static IReadOnlyList<string> Outputs { get; } =
        [.. CheckpointUnit.Names, WeightStore.WeightsFile, WeightStore.ConfigFile, PlannerCheckpoint.VocabFile, OptimizerFile, StateFile, MetricsFile, EvalFile];

    /// <summary>Tests only: called at each point of a checkpoint where a kill is possible (<see cref="CheckpointUnit.Commit"/>).</summary>
    internal Action<int, string>? CheckpointFault { get; init; }

    /// <summary>Trains to <see cref="PlannerSftConfig.Steps"/> and leaves the final checkpoint in the output folder.
    /// Config errors (<see cref="ConfigException"/>) come before the folder is touched.</summary>
    public void Run(TrainingStart start, IProgress<Report>? progress = null, CancellationToken cancellation = default)
    {
        // 1. Config and data: every check before the folder is touched.
        config.Validate();
        if (config.Threads > 0) set_num_threads(config.Threads);
        var tokenizer = WordTokenizer.CreateDefault();
        var modelConfig = config.Model with { VocabSize = tokenizer.Count };
        var heldOut = PlannerData.HeldOut(config.Seed, HeldOutCount);
        var heldOutTexts = heldOut.Select(e => e.Instruction.Text).ToHashSet();
        var evalItems = heldOut.Take(config.EvalInstructions).Select(e => (e.Instruction, e.TotalChunks)).ToList();
        int longest = heldOut.Concat(Enumerable.Range(0, config.BatchSize).Select(i => Example(0, i, heldOutTexts)))
            .Max(ex => Sequence(tokenizer, ex).Ids.Length);
        if (longest > modelConfig.MaxTokens)
            throw new ConfigException($"Model.MaxTokens {modelConfig.MaxTokens} is too small: the data's prompts + answers reach {longest} tokens "
                + "(held-out set and first batch; the shipped config uses 320)");

        // The starting weights, read before the folder is touched: a bad InitFrom must not cost an --overwrite'd run.
        using var model = new PlannerLm(modelConfig, config.Seed);
        if (start != TrainingStart.Resume && config.InitFrom is { } init) PlannerInitFrom.Load(model, tokenizer, init);

        // 2. The folder: fresh, overwritten, or the last checkpoint verified as one unit.
        RunFolder.Prepare(outDir, start, Outputs);
        var metrics = new TrainingLog(outDir, MetricsFile, "step,loss,lr,tokens_per_s,seconds");
        var evals = new TrainingLog(outDir, EvalFile);
        var state = new TrainerState(0, 0, config);
        if (start == TrainingStart.Resume)
        {
            var checkpoint = CheckpointUnit.Open(outDir);
            WeightStore.LoadWeights(model, outDir);
            state = CheckpointUnit.ReadState<TrainerState>(outDir, StateFile, checkpoint, st => st.Step);
            metrics.Restore(checkpoint); evals.Restore(checkpoint);
        }
        model.to(device);
        var optimizer = optim.AdamW(model.parameters(), lr: config.LearningRate, weight_decay: config.WeightDecay);
        if (start == TrainingStart.Resume) optimizer.load_state_dict(Path.Combine(outDir, OptimizerFile));

        // 3. Steps.
        var clock = Stopwatch.StartNew();
        model.train();
        int begin = state.Step;
        for (int step = begin; step < config.Steps && !cancellation.IsCancellationRequested; step++)
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
            double seconds = state.Seconds + clock.Elapsed.TotalSeconds;
            metrics.Append(string.Create(CultureInfo.InvariantCulture, $"{done},{loss:F5},{lr:E3},{tokens / Math.Max(1e-9, clock.Elapsed.TotalSeconds / (done - begin)):F0},{seconds:F1}"));
            metrics.Refresh();
            double? valid = null, match = null;
            if (done % config.EvalEvery == 0 || done == config.Steps)
            {
                var planner = new LocalPlanner(model, tokenizer, new SamplingOptions());
                var q = PlanQuality.Measure(planner, evalItems, 1, config.Seed);
                (valid, match) = (q.ValidRate, q.MatchRate);
                evals.Append(JsonSerializer.Serialize(new { step = done, valid_rate = q.ValidRate, match_rate = q.MatchRate, plans = q.Plans }));
                metrics.Refresh(now: true); evals.Refresh(now: true);
                model.train();
            }
            if (done % config.CheckpointEvery == 0 || done == config.Steps)
                SaveCheckpoint(model, tokenizer, optimizer, new TrainerState(done, state.Seconds + clock.Elapsed.TotalSeconds, config), [metrics, evals]);
            progress?.Report(new Report(done, config.Steps, loss, valid, match));
        }
        metrics.Refresh(now: true); evals.Refresh(now: true); // a cancelled run shows its last rows (a resume drops them)
    }

    private double LearningRate(int step)
    {
        if (step < config.WarmupSteps) return config.LearningRate * (step + 1) / config.WarmupSteps;
        double t = (double)(step - config.WarmupSteps) / Math.Max(1, config.Steps - config.WarmupSteps);
        return config.LearningRate * (0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * t)));
    }

    private PlannerData.Example Example(int step, int index, IReadOnlySet<string> heldOut) =>
        PlannerData.Training(config.Seed, step, index, config.ExplicitStepsFraction, heldOut);

    /// <summary>&lt;bos&gt; prompt answer &lt;eos&gt; as token ids, and the prompt's length (bos included).</summary>
    private static (int[] Ids, int PromptLength) Sequence(WordTokenizer tok, PlannerData.Example ex)
    {
        int[] prompt = [tok.BosId, .. tok.Encode(PlanPrompt.ForLm(ex.Instruction.Text, ex.Steps, ex.TotalChunks))];
        return ([.. prompt, .. tok.Encode(ex.Answer), tok.EosId], prompt.Length);
    }

    /// <summary>input [B, L], target [B, L] (next tokens), mask [B, L] (1 on answer tokens and the final &lt;eos&gt;).</summary>
    private (Tensor Input, Tensor Target, Tensor Mask) Batch(WordTokenizer tok, int step, IReadOnlySet<string> heldOut)
    {
        var seqs = new List<(int[] Ids, int PromptLength)>();
        foreach (var ex in PlannerData.TrainingBatch(config.Seed, step, config.BatchSize, config.ExplicitStepsFraction, heldOut))
        {
            var seq = Sequence(tok, ex);
            // Never cut or skipped silently: the up-front check covers the held-out set and the first batch, not every draw.
            if (seq.Ids.Length > config.Model.MaxTokens)
                throw new ConfigException($"Model.MaxTokens {config.Model.MaxTokens} is too small: example {seqs.Count} of step {step} has {seq.Ids.Length} tokens (prompt + answer)");
            seqs.Add(seq);
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

    /// <summary>Weights + config + vocabulary (what consumers load), optimizer and trainer state, and the logs: one unit.</summary>
    private void SaveCheckpoint(PlannerLm model, WordTokenizer tok, TorchSharp.Modules.AdamW optimizer, TrainerState state, TrainingLog[] logs) =>
        CheckpointUnit.Commit(outDir, state.Step, stage =>
        {
            PlannerCheckpoint.Save(model, tok, stage);
            WeightStore.SaveOptimizer(optimizer, Path.Combine(stage, OptimizerFile));
            WeightStore.WriteAtomic(Path.Combine(stage, StateFile), JsonSerializer.Serialize(state));
        }, logs, CheckpointFault);

    /// <summary>trainer_state.json: steps done, training seconds so far (the metrics' clock continues on resume), config.</summary>
    private sealed record TrainerState(int Step, double Seconds, PlannerSftConfig Config);
}
