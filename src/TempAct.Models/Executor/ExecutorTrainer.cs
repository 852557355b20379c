using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TempAct.Models.Checkpoints;
using TempAct.Models.Text;
using TempAct.World.Rendering;
using TorchSharp;
using static TorchSharp.torch;

namespace TempAct.Models.Executor;

/// <summary>
/// Pretrains the executor (<see cref="ExecutorTrainConfig"/>): renders the clip set once (bytes on the training device),
/// then teacher-forced flow matching with AdamW (warm-up + cosine), gradient clipping and an EMA of the weights — the
/// EMA is what is saved as the model. Evaluates by generating held-out single-event prompts with the 4-step sampler and
/// tracking them. Checkpoints atomically (EMA weights in the folder, raw weights + optimizer in train/) and resumes
/// exactly: batches and noise are functions of (seed, step). Writes metrics.csv and eval.jsonl.
/// </summary>
public sealed class ExecutorTrainer(ExecutorTrainConfig config, string outDir, Device device)
{
    /// <summary>One progress report (Phase "data" while rendering, then "train").</summary>
    public sealed record Report(string Phase, int Done, int Total, double Loss, double? EventSuccess);

    private const string StateFile = "trainer_state.json", OptimizerFile = "optimizer.bin", RawDir = "train";

    /// <summary>Trains to <see cref="ExecutorTrainConfig.Steps"/> and leaves the final checkpoint in the output folder.</summary>
    public void Run(bool resume, IProgress<Report>? progress = null, CancellationToken cancellation = default)
    {
        config.Validate();
        if (config.Threads > 0) set_num_threads(config.Threads);
        // TF32 tensor cores for fp32 matmuls on CUDA (torch.backends.cuda.matmul.allow_tf32); the CPU path stays exact fp32.
        if (device.type == DeviceType.CUDA && config.Tf32) backends.cuda.matmul.allow_tf32 = true;
        Directory.CreateDirectory(outDir);
        var tokenizer = WordTokenizer.CreateDefault();
        var modelConfig = config.Model with { VocabSize = tokenizer.Count };
        using var model = new ExecutorTransformer(modelConfig, tokenizer, config.Seed);
        using var ema = new ExecutorTransformer(modelConfig, tokenizer, config.Seed);
        int start = 0;
        string rawDir = Path.Combine(outDir, RawDir);
        if (resume)
        {
            if (!File.Exists(Path.Combine(rawDir, StateFile))) throw new CheckpointException($"{outDir}: nothing to resume ({RawDir}/{StateFile} not found)");
            WeightStore.LoadWeights(model, rawDir);
            WeightStore.LoadWeights(ema, outDir);
            start = JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(Path.Combine(rawDir, StateFile)))!.Step;
        }
        else
        {
            if (config.InitFrom is { } init) ExecutorInitFrom.Load(model, init);
            CopyWeights(model, ema);
        }
        if (config.Precision == "bf16" && device.type != DeviceType.CUDA)
            throw new ArgumentException("Precision bf16 is for CUDA (bf16 matmuls are ~20× slower than fp32 on this CPU); use fp32");
        model.to(device); ema.to(device);
        if (config.Precision == "bf16") model.SetComputeType(ScalarType.BFloat16);
        ema.eval();
        var optimizer = optim.AdamW(model.parameters(), lr: config.LearningRate, weight_decay: config.WeightDecay);
        if (resume) optimizer.load_state_dict(Path.Combine(rawDir, OptimizerFile));

        var dataClock = Stopwatch.StartNew();
        using var clips = RenderDataset(progress);
        double dataSeconds = dataClock.Elapsed.TotalSeconds;
        var evalSet = ExecutorClips.HeldOutSingleEvents(config.Seed, config.EvalPrompts);

        using var metrics = new StreamWriter(Path.Combine(outDir, "metrics.csv"), append: resume);
        if (!resume) metrics.WriteLine("step,loss,lr,clips_per_s,seconds");
        var sigmas = FlowSchedule.SamplerSigmas(modelConfig.Shift);
        var clock = Stopwatch.StartNew();
        model.train();
        for (int step = start; step < config.Steps && !cancellation.IsCancellationRequested; step++)
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
            metrics.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{done},{loss:F5},{lr:E3},{config.BatchSize * (done - start) / Math.Max(1e-9, clock.Elapsed.TotalSeconds):F1},{clock.Elapsed.TotalSeconds:F1}"));
            double? success = null;
            if (done % config.EvalEvery == 0 || done == config.Steps)
            {
                metrics.Flush();
                success = Evaluate(ema, evalSet, done);
            }
            if (done % config.CheckpointEvery == 0 || done == config.Steps) SaveCheckpoint(model, ema, optimizer, done, dataSeconds, clock.Elapsed.TotalSeconds);
            progress?.Report(new Report("train", done, config.Steps, loss, success));
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
    private double Evaluate(ExecutorTransformer ema, IReadOnlyList<World.Language.Instruction> set, int step)
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
        File.AppendAllText(Path.Combine(outDir, "eval.jsonl"), JsonSerializer.Serialize(new { step, event_success = rate, prompts = set.Count, examples = perPrompt }) + "\n");
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

    private void SaveCheckpoint(ExecutorTransformer model, ExecutorTransformer ema, TorchSharp.Modules.AdamW optimizer, int step, double dataSeconds, double trainSeconds)
    {
        string rawDir = Path.Combine(outDir, RawDir);
        ExecutorCheckpoint.Save(ema, outDir);
        WeightStore.Save(model, model.Config, rawDir);
        WeightStore.SaveOptimizer(optimizer, Path.Combine(rawDir, OptimizerFile));
        var state = JsonSerializer.Serialize(new TrainerState(step, dataSeconds, trainSeconds, device.type.ToString(), config));
        WeightStore.WriteAtomic(Path.Combine(rawDir, StateFile), state);
        WeightStore.WriteAtomic(Path.Combine(outDir, StateFile), state);
    }

    private sealed record TrainerState(int Step, double DataSeconds, double TrainSeconds, string Device, ExecutorTrainConfig Config);
}
