using System.Diagnostics;
using TempAct.Models.Executor;
using TempAct.Training.Config;
using TempAct.Training.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace TempAct.Training.Benchmarks;

/// <summary>
/// What sizes the RL epoch: the executor's forward swept over batch sizes (sampling forward, whole chunk, update step)
/// and whole epochs of a config with their phase split. Timings only, never pass/fail; on CUDA every timing waits for
/// the device.
/// </summary>
public static class RlBench
{
    private const string Prompt = "red circle moves right";

    /// <summary>Times the executor at each batch size (adapters on, as in RL).</summary>
    public static IEnumerable<ForwardTiming> Sweep(ExecutorTransformer model, IReadOnlyList<int> batches, int repeats)
    {
        foreach (int b in batches)
        {
            using var scope = NewDisposeScope();
            using var cpu = VideoGenerator.SmallBatchCpu(model, b);
            var prompts = Enumerable.Repeat(Prompt, b).ToArray();
            var g = new Generator(seed: 1);
            Tensor Frames() => (rand(new long[] { b, model.Config.ChunkFrames, 3, model.Config.FrameSize, model.Config.FrameSize }, generator: g) * 2 - 1).to(model.Device);
            // 1. A rollout mid-video: the context and three chunks in the cache (12 frames).
            using var rollout = new Rollout(model, NoiseStreams.ForSeed(1, b, model.Device), SwitchMode.None);
            rollout.Begin(prompts, Frames());
            for (int c = 0; c < 3; c++) rollout.Feed(prompts, Frames());
            rollout.Prepare(prompts);
            var x = Frames();
            double sample, chunk, train;
            using (no_grad()) sample = Median(repeats, model.Device, () => model.ForwardChunk(x, 0.9375, rollout.Text!, rollout.Cache));
            using (var branch = rollout.Branch(1))
                chunk = Median(repeats, model.Device, () => branch.Step(prompts));
            // 2. The update's step: text and chunk forward with gradients, backward, and the reference forward.
            train = Median(repeats, model.Device, () =>
            {
                using var text = model.EncodeText(prompts);
                model.ForwardChunk(x, 0.9375, text, rollout.Cache).square().mean().backward();
                using var _ = no_grad();
                model.SetAdaptersEnabled(false);
                try { using var reference = model.EncodeText(prompts); model.ForwardChunk(x, 0.9375, reference, rollout.Cache); }
                finally { model.SetAdaptersEnabled(true); }
            });
            model.zero_grad();
            yield return new ForwardTiming(b, sample, chunk, train);
        }
    }

    /// <summary>Runs <paramref name="epochs"/> epochs of <paramref name="config"/> in a scratch folder (no evaluation;
    /// one checkpoint at the end) and returns their metrics, phase seconds included.</summary>
    public static IReadOnlyList<EpochMetrics> Epochs(RlConfig config, RlModels models, int epochs, Device device, string scratch)
    {
        var run = config with { Schedule = config.Schedule with { Epochs = epochs, EvalEvery = int.MaxValue, EvalInstructions = 0, CheckpointEvery = int.MaxValue } };
        var result = new List<EpochMetrics>();
        new RlTrainer(run, models, scratch, device, []).Run(false, new SyncReports(r => result.Add(r.Metrics)));
        return result;
    }

    private static double Median(int repeats, Device device, Action work)
    {
        work(); // warm-up: first kernels, allocator
        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            using var scope = NewDisposeScope();
            Sync(device);
            var watch = Stopwatch.StartNew();
            work();
            Sync(device);
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[repeats / 2];
    }

    private static void Sync(Device device)
    {
        if (device.type == DeviceType.CUDA) cuda.synchronize(device);
    }

    private sealed class SyncReports(Action<RlProgress> report) : IProgress<RlProgress>
    {
        public void Report(RlProgress value) => report(value);
    }
}
