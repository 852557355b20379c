using System.Diagnostics;
using TempAct.Models.Planner;
using TorchSharp;
using static TorchSharp.torch;

namespace TempAct.Models.Benchmarks;

/// <summary>
/// Times one training step (forward, cross-entropy, backward, AdamW) of the planner transformer on random tokens — the
/// C# half of the side-by-side benchmark; bench/transformer_step.py is the identical PyTorch model.
/// </summary>
public static class TransformerStepBench
{
    /// <summary>Timings in milliseconds of the measured steps (after warm-up).</summary>
    public sealed record Result(string Device, int Parameters, double MedianMs, double P10Ms, double P90Ms, double[] StepsMs);

    /// <summary>Runs <paramref name="warmup"/> + <paramref name="steps"/> steps at batch × seq tokens.</summary>
    public static Result Run(PlannerConfig config, int batch, int seq, int warmup, int steps, Device device, int seed = 0)
    {
        using var model = new PlannerLm(config, seed);
        model.to(device);
        model.train();
        var optimizer = optim.AdamW(model.parameters(), lr: 1e-3, weight_decay: 0.01);
        var generator = new Generator((ulong)seed);
        using var tokens = randint(config.VocabSize, new long[] { batch, seq + 1 }, generator: generator).to(device);
        using var input = tokens.narrow(1, 0, seq);
        using var target = tokens.narrow(1, 1, seq);
        var times = new List<double>();
        for (int i = 0; i < warmup + steps; i++)
        {
            Synchronize(device);
            var clock = Stopwatch.StartNew();
            using (var scope = NewDisposeScope())
            {
                var logits = model.forward(input);                                               // [B, T, V]
                var loss = nn.functional.cross_entropy(logits.reshape(-1, config.VocabSize), target.reshape(-1));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
            Synchronize(device);
            if (i >= warmup) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        var sorted = times.OrderBy(t => t).ToArray();
        int parameters = (int)model.parameters().Sum(p => p.numel());
        return new Result(device.ToString(), parameters, Quantile(sorted, 0.5), Quantile(sorted, 0.1), Quantile(sorted, 0.9), times.ToArray());
    }

    private static void Synchronize(Device device)
    {
        if (device.type == TorchSharp.DeviceType.CUDA) cuda.synchronize();
    }

    private static double Quantile(double[] sorted, double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];
}
