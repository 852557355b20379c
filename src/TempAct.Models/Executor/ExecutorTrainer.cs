using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TempAct.Models.Checkpoints;
using TempAct.Models.Text;
using TempAct.Models.Training;
using TempAct.World.Rendering;
using TorchSharp;
using static TorchSharp.torch;

namespace TempAct.Models.Executor;

/// <summary>
/// Pretrains the executor (<see cref="ExecutorTrainConfig"/>): renders the clip set once (bytes on the training device),
/// then teacher-forced flow matching with AdamW (warm-up + cosine), gradient clipping and an EMA of the weights — the
/// EMA is what is saved as the model. Evaluates by generating held-out single-event prompts with the 4-step sampler and
/// tracking them. Checkpoints are committed as one verified unit (<see cref="CheckpointUnit"/>: EMA weights + config +
/// vocabulary in the folder, raw weights + optimizer in train/, trainer state, and the logs up to the step) and resume
/// exactly: batches and noise are functions of (seed, step). Writes metrics.csv and eval.jsonl (<see cref="TrainingLog"/>).
/// </summary>
public sealed class ExecutorTrainer(ExecutorTrainConfig config, string outDir, Device device)
{
    /// <summary>One progress report (Phase "data" while rendering, then "train").</summary>
    public sealed record Report(string Phase, int Done, int Total, double Loss, double? EventSuccess);

    private const string StateFile = "trainer_state.json", OptimizerFile = "optimizer.bin", RawDir = "train", MetricsFile = "metrics.csv", EvalFile = "eval.jsonl";

    /// <summary>Clips whose captions are checked against MaxTextTokens before the folder is touched (drawn one by one;
    /// the whole set is checked once rendered).</summary>
    private const int CaptionsCheckedFirst = 64;

    /// <summary>Every name a run writes into its output folder, the checkpoint manifest first.</summary>
    public static IReadOnlyList<string> Outputs { get; } =
        [.. CheckpointUnit.Names, WeightStore.WeightsFile, WeightStore.ConfigFile, ExecutorCheckpoint.VocabFile, StateFile, RawDir, MetricsFile, EvalFile];

    /// <summary>Tests only: called at each point of a checkpoint where a kill is possible (<see cref="CheckpointUnit.Commit"/>).</summary>
    internal Action<int, string>? CheckpointFault { get; init; }

    /// <summary>Trains to <see cref="ExecutorTrainConfig.Steps"/> and leaves the final checkpoint in the output folder.</summary>
    public void Run(TrainingStart start, IProgress<Report>? progress = null, CancellationToken cancellation = default)
    {
        // 1. Config: checked before the folder is touched (the captions of the whole clip set once it is rendered).
        config.Validate();
        if (config.Precision == "bf16" && device.type != DeviceType.CUDA)
            throw new ConfigException("Precision bf16 is for CUDA (bf16 matmuls are ~20× slower than fp32 on this CPU); use fp32");
        if (config.Threads > 0) set_num_threads(config.Threads);
        // TF32 tensor cores for fp32 matmuls on CUDA (torch.backends.cuda.matmul.allow_tf32); the CPU path stays exact fp32.
        if (device.type == DeviceType.CUDA && config.Tf32) backends.cuda.matmul.allow_tf32 = true;
        var tokenizer = WordTokenizer.CreateDefault();
        var modelConfig = config.Model with { VocabSize = tokenizer.Count };
        using var model = new ExecutorTransformer(modelConfig, tokenizer, config.Seed);
        using var ema = new ExecutorTransformer(modelConfig, tokenizer, config.Seed);
        var evalSet = ExecutorClips.HeldOutSingleEvents(config.Seed, config.EvalPrompts);
        CheckPrompts(model, evalSet.Select(i => i.Text)
            .Concat(Enumerable.Range(0, Math.Min(CaptionsCheckedFirst, config.DatasetClips)).Select(i => ExecutorClips.For(config, i).Caption)));

        // The starting weights, read before the folder is touched: a bad InitFrom must not cost an --overwrite'd run.
        if (start != TrainingStart.Resume && config.InitFrom is { } init) ExecutorInitFrom.Load(model, init);

        // 2. The folder: fresh, overwritten, or the last checkpoint verified as one unit.
        RunFolder.Prepare(outDir, start, Outputs);
        var metrics = new TrainingLog(outDir, MetricsFile, "step,loss,lr,clips_per_s,seconds");
        var evals = new TrainingLog(outDir, EvalFile);
        var state = new TrainerState(0, 0, 0, device.type.ToString(), config);
        string rawDir = Path.Combine(outDir, RawDir);
        if (start == TrainingStart.Resume)
        {
            var checkpoint = CheckpointUnit.Open(outDir);
            WeightStore.LoadWeights(model, rawDir);
            WeightStore.LoadWeights(ema, outDir);
            state = CheckpointUnit.ReadState<TrainerState>(outDir, StateFile, checkpoint, st => st.Step);
            metrics.Restore(checkpoint); evals.Restore(checkpoint);
        }
        else CopyWeights(model, ema);
        model.to(device); ema.to(device);
        if (config.Precision == "bf16") model.SetComputeType(ScalarType.BFloat16);
        ema.eval();
        var optimizer = optim.AdamW(model.parameters(), lr: config.LearningRate, weight_decay: config.WeightDecay);
        if (start == TrainingStart.Resume) optimizer.load_state_dict(Path.Combine(rawDir, OptimizerFile));

        // 3. Data.
        var dataClock = Stopwatch.StartNew();
        using var clips = RenderDataset(progress);
        double dataSeconds = dataClock.Elapsed.TotalSeconds;
        CheckPrompts(model, clips.Captions.Concat(clips.SwitchCaptions.OfType<string>()));

        // 4. Steps.
        var sigmas = FlowSchedule.SamplerSigmas(modelConfig.Shift);
        var clock = Stopwatch.StartNew();
        model.train();
        int begin = state.Step;
        for (int step = begin; step < config.Steps && !cancellation.IsCancellationRequested; step++)
        {
            double lr = LearningRate(step);
            foreach (var g in optimizer.ParamGroups) g.LearningRate = lr;
            double loss;
            using (var scope = NewDisposeScope())
            {
                var total = Loss(model, clips, sigmas, step);
                optimizer.zero_grad();
                total.backward();
                nn.utils.clip_grad_norm_(model.parameters(), config.GradClip);
                optimizer.step();
                UpdateEma(model, ema, Math.Min(config.EmaDecay, (1.0 + step) / (10.0 + step)));
                loss = total.item<float>();
            }
            int done = step + 1;
            double seconds = state.TrainSeconds + clock.Elapsed.TotalSeconds;
            metrics.Append(string.Create(CultureInfo.InvariantCulture,
                $"{done},{loss:F5},{lr:E3},{config.BatchSize * (done - begin) / Math.Max(1e-9, clock.Elapsed.TotalSeconds):F1},{seconds:F1}"));
            metrics.Refresh();
            double? success = null;
            if (done % config.EvalEvery == 0 || done == config.Steps)
            {
                metrics.Refresh(now: true);
                success = Evaluate(ema, evalSet, done, evals);
                evals.Refresh(now: true);
            }
            if (done % config.CheckpointEvery == 0 || done == config.Steps)
                SaveCheckpoint(model, ema, optimizer, new TrainerState(done, dataSeconds, state.TrainSeconds + clock.Elapsed.TotalSeconds, device.type.ToString(), config), [metrics, evals]);
            progress?.Report(new Report("train", done, config.Steps, loss, success));
        }
        metrics.Refresh(now: true); evals.Refresh(now: true); // a cancelled run shows its last rows (a resume drops them)
    }

    /// <summary>Every prompt the run will encode must fit <see cref="ExecutorConfig.MaxTextTokens"/>; the first that does
    /// not is a <see cref="ConfigException"/> (not a prompt error halfway through training).</summary>
    private static void CheckPrompts(ExecutorTransformer model, IEnumerable<string> prompts)
    {
        foreach (var prompt in prompts)
        {
            try { model.Tokenize(prompt); }
            catch (PromptException e) { throw new ConfigException($"Model.MaxTextTokens {model.Config.MaxTextTokens} is too small for the training data: {e.Message}", e); }
        }
    }

    /// <summary>The flow-matching loss of one batch: ‖v_θ(x_σ) − (ε − x0)‖² over the noisy chunks (weight capped at σ &lt; 0.5).
    /// A switch clip is two rows, each counting its caption's chunks (<see cref="ExecutorClipSet.Rows"/>: the re-cache path).</summary>
    internal Tensor Loss(ExecutorTransformer model, ExecutorClipSet clips, double[] samplerSigmas, int step)
    {
        int frames = config.ClipFrames, chunks = frames / config.Model.ChunkFrames;
        var g = new Generator(seed: (ulong)(config.Seed * 1_000_003 + step));
        var idx = randint(0, clips.Count, new long[] { config.BatchSize }, generator: g);
        var rows = clips.Rows(idx.data<long>().ToArray(), chunks);
        int b = rows.Clips.Length;                                                                       // rows: B clips + one per switch
        var clean = clips.Data.index_select(0, tensor(rows.Clips).to(device)).to_type(ScalarType.Float32) / 127.5 - 1; // [B, T, 3, S, S]

        // Per chunk σ: one of the sampler's four with probability SamplerSigmaFraction, else shift(u).
        var pick = randint(0, samplerSigmas.Length, new long[] { b, chunks }, generator: g);
        var fromSampler = tensor(samplerSigmas, dtype: ScalarType.Float32).index_select(0, pick.reshape(-1)).reshape(b, chunks);
        var u = rand(new long[] { b, chunks }, generator: g);
        var shifted = config.Model.Shift * u / (1 + (config.Model.Shift - 1) * u);
        var useSampler = rand(new long[] { b, chunks }, generator: g) < config.SamplerSigmaFraction;
        var sigma = where(useSampler, fromSampler, shifted).to(device);                                  // [B, C]
        var sigmaFrames = sigma.repeat_interleave(config.Model.ChunkFrames, dim: 1).view(b, frames, 1, 1, 1);

        // Big noise tensors are drawn where they are used: on CUDA from its RNG seeded per step (still a function of
        // (seed, step)), on the CPU from the step's generator.
        Tensor Noise() => device.type == DeviceType.CUDA ? randn(clean.shape, device: device) : randn(clean.shape, generator: g);
        if (device.type == DeviceType.CUDA) cuda.manual_seed_all(config.Seed * 1_000_003 + step);
        var eps = Noise();
        var noisy = (1 - sigmaFrames) * clean + sigmaFrames * eps;
        // Lightly noised context on some clips: the cache at inference holds the model's own (imperfect) frames.
        var ctxSigma = (rand(new long[] { b }, generator: g) * config.ContextNoiseMax
                        * (rand(new long[] { b }, generator: g) < config.ContextNoiseFraction).to_type(ScalarType.Float32)).to(device).view(b, 1, 1, 1, 1);
        var context = (1 - ctxSigma) * clean + ctxSigma * Noise();

        var text = model.EncodeText(rows.Captions); // dies with the step's dispose scope, after backward
        var v = model.ForwardTeacherForced(context, noisy, sigma, text);
        // Rectified flow's loss ‖v_θ − (ε − x0)‖² = ‖x̂0 − x0‖²/σ²; its weight 1/σ² is capped at 4 (σ ≥ 0.5 unchanged) so
        // the rare near-clean chunks of the uniform branch do not dominate.
        var sigmaCap = sigmaFrames.clamp_min(0.5);
        var squared = ((v - (eps - clean)) * sigmaFrames / sigmaCap).square();
        if (rows.ChunkWeights is null) return squared.mean();
        var weights = tensor(rows.ChunkWeights, new long[] { b, chunks }).to(device).repeat_interleave(config.Model.ChunkFrames, dim: 1).view(b, frames, 1, 1, 1);
        return (squared * weights).sum() / (weights.sum() * (squared.numel() / (b * frames)));
    }

    private ExecutorClipSet RenderDataset(IProgress<Report>? progress) =>
        ExecutorClipSet.Render(config, config.DatasetClips, device, (d, n) => { if (d % 256 == 0 || d == n) progress?.Report(new Report("data", d, n, double.NaN, null)); });

    /// <summary>Generates the held-out single-event prompts with the EMA model and returns the tracker's success rate.</summary>
    private double Evaluate(ExecutorTransformer ema, IReadOnlyList<World.Language.Instruction> set, int step, TrainingLog evals)
    {
        var generator = new VideoGenerator(ema);
        int frames = config.EvalFrames, chunks = generator.ChunksFor(frames), s = config.Model.FrameSize;
        var prompts = set.Select(i => (IReadOnlyList<string>)Enumerable.Repeat(i.Text, chunks).ToArray()).ToArray();
        var contexts = set.Select(i => ExecutorClips.InitialState(i.Scene)).ToArray();
        var videos = generator.Generate(prompts, frames, config.Seed + step, SwitchMode.None, contexts);
        int ok = 0;
        var perPrompt = new List<object>();
        for (int i = 0; i < set.Count; i++)
        {
            bool shown = SingleEventCheck.Shows(new Video(frames, s, s, videos[i]), set[i].Events[0]);
            if (shown) ok++;
            if (i < 16) perPrompt.Add(new { prompt = set[i].Text, shown });
        }
        double rate = (double)ok / set.Count;
        evals.Append(JsonSerializer.Serialize(new { step, event_success = rate, prompts = set.Count, examples = perPrompt }));
        return rate;
    }

    private double LearningRate(int step)
    {
        if (step < config.WarmupSteps) return config.LearningRate * (step + 1) / config.WarmupSteps;
        double t = (double)(step - config.WarmupSteps) / Math.Max(1, config.Steps - config.WarmupSteps);
        return config.LearningRate * (0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * t)));
    }

    private static void CopyWeights(ExecutorTransformer from, ExecutorTransformer to)
    {
        using var _ = no_grad();
        var target = to.state_dict();
        foreach (var (k, v) in from.state_dict()) target[k].copy_(v);
    }

    /// <summary>ema ← decay·ema + (1 − decay)·θ, parameter by parameter.</summary>
    internal static void UpdateEma(ExecutorTransformer model, ExecutorTransformer ema, double decay)
    {
        using var _ = no_grad();
        var e = ema.parameters().ToArray(); var p = model.parameters().ToArray();
        for (int i = 0; i < p.Length; i++) e[i].mul_(decay).add_(p[i], alpha: 1 - decay);
    }

    /// <summary>EMA weights + config + vocabulary (what consumers load), raw weights + optimizer in train/, trainer state,
    /// and the logs: one unit.</summary>
    private void SaveCheckpoint(ExecutorTransformer model, ExecutorTransformer ema, TorchSharp.Modules.AdamW optimizer, TrainerState state, TrainingLog[] logs) =>
        CheckpointUnit.Commit(outDir, state.Step, stage =>
        {
            ExecutorCheckpoint.Save(ema, stage);
            WeightStore.Save(model, model.Config, Path.Combine(stage, RawDir));
            WeightStore.SaveOptimizer(optimizer, Path.Combine(stage, RawDir, OptimizerFile));
            WeightStore.WriteAtomic(Path.Combine(stage, StateFile), JsonSerializer.Serialize(state));
        }, logs, CheckpointFault);

    /// <summary>trainer_state.json: steps done, rendering and training seconds (the metrics' clock continues on resume),
    /// device and config.</summary>
    private sealed record TrainerState(int Step, double DataSeconds, double TrainSeconds, string Device, ExecutorTrainConfig Config);
}
