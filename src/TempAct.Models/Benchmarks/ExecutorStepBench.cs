using System.Diagnostics;
using TempAct.Models.Executor;
using TempAct.Models.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace TempAct.Models.Benchmarks;

/// <summary>
/// Times one executor pretraining step exactly as <see cref="ExecutorTrainer"/> runs it: the trainer's own loss (batch
/// drawn from byte clips on the device, per-chunk σ, lightly noised context, text encoding, teacher-forced forward over
/// [clean | noisy], MSE to ε − x0), backward, gradient clipping to 1.0, AdamW and the EMA update — the C# half of a
/// TorchSharp-vs-PyTorch side by side.
/// </summary>
public static class ExecutorStepBench
{
    /// <summary>Timings in milliseconds of the measured steps (after warm-up).</summary>
    public sealed record Result(string Device, long Parameters, int Batch, int ClipFrames, int Tokens, double MedianMs, double P10Ms, double P90Ms, double[] StepsMs);

    /// <summary>Frames a clip: the trainer's default, six chunks (the longest clip a chunk's cache can show).</summary>
    public const int ClipFrames = 18;

    /// <summary>Runs <paramref name="warmup"/> + <paramref name="steps"/> steps of <paramref name="batch"/> clips; <paramref name="onStep"/> gets 1 after each.</summary>
    /// <remarks><paramref name="precision"/>: "fp32" (exact), "tf32" (fp32 matmuls on TF32 tensor cores, the trainer's CUDA
    /// default) or "bf16" (<see cref="ExecutorTransformer.SetComputeType"/>, CUDA only).</remarks>
    public static Result Run(ExecutorConfig shape, int batch, int warmup, int steps, Device device, long seed = 1, Action<int>? onStep = null, string precision = "fp32")
    {
        if (precision is not ("fp32" or "tf32" or "bf16")) throw new ArgumentException($"precision '{precision}' must be fp32, tf32 or bf16");
        if (device.type == DeviceType.CUDA) backends.cuda.matmul.allow_tf32 = precision == "tf32";
        var tokenizer = WordTokenizer.CreateDefault();
        var config = new ExecutorTrainConfig { Model = shape with { VocabSize = tokenizer.Count }, BatchSize = batch, ClipFrames = ClipFrames, Seed = seed };
        config.Validate();
        var trainer = new ExecutorTrainer(config, outDir: "", device); // Loss never touches the folder
        using var model = new ExecutorTransformer(config.Model, tokenizer, seed);
        using var ema = new ExecutorTransformer(config.Model, tokenizer, seed);
        model.to(device); ema.to(device);
        model.train(); ema.eval();
        if (precision == "bf16") model.SetComputeType(ScalarType.BFloat16);
        var optimizer = optim.AdamW(model.parameters(), lr: config.LearningRate, weight_decay: config.WeightDecay);
        using var clips = ExecutorClipSet.Render(config, Math.Max(2 * batch, 64), device);
        var sigmas = FlowSchedule.SamplerSigmas(config.Model.Shift);
        var times = new List<double>();
        for (int i = 0; i < warmup + steps; i++)
        {
            Synchronize(device);
            var clock = Stopwatch.StartNew();
            using (var scope = NewDisposeScope())
            {
                var loss = trainer.Loss(model, clips, sigmas, i);
                optimizer.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(model.parameters(), config.GradClip);
                optimizer.step();
                ExecutorTrainer.UpdateEma(model, ema, config.EmaDecay);
                _ = loss.item<float>(); // the trainer reads the loss every step (a device sync)
            }
            Synchronize(device);
            if (i >= warmup) times.Add(clock.Elapsed.TotalMilliseconds);
            onStep?.Invoke(1);
        }
        var sorted = times.Order().ToArray();
        long parameters = model.parameters().Sum(p => p.numel());
        int tokens = batch * 2 * ClipFrames * config.Model.TokensPerFrame;
        return new Result(device.ToString(), parameters, batch, ClipFrames, tokens, Quantile(sorted, 0.5), Quantile(sorted, 0.1), Quantile(sorted, 0.9), [.. times]);
    }

    internal static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA) cuda.synchronize();
    }

    internal static double Quantile(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Round(q * (sorted.Length - 1))];
}
