using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Cli.Progress;
using TempAct.Models.Benchmarks;
using TempAct.Models.Executor;
using TempAct.Models.Runtime;
using TempAct.World.Serialization;
using TorchSharp;

namespace TempAct.Cli.Commands.Bench;

/// <summary>`bench executor`: streaming frames/s, time to first chunk, per-chunk latency, RSS, FLOPs against the matmul
/// peak and the training step of the executor at batch 1; writes JSON, CSVs and a markdown summary.</summary>
public sealed class BenchExecutorCommand : Command<BenchExecutorCommand.Settings>
{
    /// <summary>Options.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Checkpoint folder; random weights of the shipped (or given) shape when absent.</summary>
        [CommandOption("--model <DIR>"), Description("Executor checkpoint folder; without it, random weights (speed does not depend on them).")]
        public string? Model { get; init; }
        /// <summary>Device.</summary>
        [CommandOption("--device"), Description("cpu, cuda or auto."), DefaultValue("auto")] public string Device { get; init; } = "auto";
        /// <summary>Chunks of the latency video.</summary>
        [CommandOption("--chunks"), Description("Chunks 1..N of one long video timed one by one."), DefaultValue(200)] public int Chunks { get; init; } = 200;
        /// <summary>Chunks of the RSS video.</summary>
        [CommandOption("--rss-chunks"), Description("Chunks of the video whose RSS is sampled."), DefaultValue(1000)] public int RssChunks { get; init; } = 1000;
        /// <summary>RSS sample period.</summary>
        [CommandOption("--rss-every"), Description("RSS sample period in chunks."), DefaultValue(10)] public int RssEvery { get; init; } = 10;
        /// <summary>Fresh videos for frames/s and TTFC.</summary>
        [CommandOption("--videos"), Description("Fresh videos timed for frames/s and time to first chunk (median)."), DefaultValue(20)] public int Videos { get; init; } = 20;
        /// <summary>Frames of each fresh video.</summary>
        [CommandOption("--video-frames"), Description("Frames of each fresh video."), DefaultValue(60)] public int VideoFrames { get; init; } = 60;
        /// <summary>Clips per training step.</summary>
        [CommandOption("--train-batch"), Description("Clips per training step (default 32 on CPU, 128 on CUDA: the trainer's batch).")] public int? TrainBatch { get; init; }
        /// <summary>Timed training steps.</summary>
        [CommandOption("--train-steps"), Description("Timed training steps (0 skips the training step)."), DefaultValue(5)] public int TrainSteps { get; init; } = 5;
        /// <summary>Untimed training steps.</summary>
        [CommandOption("--train-warmup"), Description("Untimed training steps."), DefaultValue(2)] public int TrainWarmup { get; init; } = 2;
        /// <summary>Matmul side for the fp32 peak.</summary>
        [CommandOption("--matmul"), Description("Largest square matmul side timed for the fp32 peak (1024 is timed too)."), DefaultValue(2048)] public int Matmul { get; init; } = 2048;
        /// <summary>Torch threads.</summary>
        [CommandOption("--threads"), Description("Intra-op threads (0: libtorch's default)."), DefaultValue(0)] public int Threads { get; init; }
        /// <summary>Width of a random model.</summary>
        [CommandOption("--dim"), Description("Width of the random model (default: the shipped shape's).")] public int? Dim { get; init; }
        /// <summary>Blocks of a random model.</summary>
        [CommandOption("--layers"), Description("Blocks of the random model.")] public int? Layers { get; init; }
        /// <summary>Heads of a random model.</summary>
        [CommandOption("--heads"), Description("Heads of the random model.")] public int? Heads { get; init; }
        /// <summary>Seed.</summary>
        [CommandOption("--seed"), Description("Seed of weights, prompts and noise."), DefaultValue(0)] public int Seed { get; init; }
        /// <summary>Output folder.</summary>
        [CommandOption("--out <DIR>"), Description("Folder for executor-<device>.json/.md and the CSVs."), DefaultValue("bench/results")] public string Out { get; init; } = "bench/results";

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Chunks < 20 || RssChunks < 1 || RssEvery < 1 || Videos < 1 || VideoFrames < 9)
                return ValidationResult.Error("--chunks ≥ 20, --rss-chunks ≥ 1, --rss-every ≥ 1, --videos ≥ 1, --video-frames ≥ 9");
            if (TrainBatch is < 1 || TrainSteps < 0 || TrainWarmup < 0 || Matmul < 64 || Threads < 0)
                return ValidationResult.Error("--train-batch ≥ 1, --train-steps ≥ 0, --train-warmup ≥ 0, --matmul ≥ 64, --threads ≥ 0");
            if (Model is not null && (Dim ?? Layers ?? Heads) is not null)
                return ValidationResult.Error("--dim/--layers/--heads shape a random model; a --model checkpoint brings its own shape");
            return ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        // 1. Device, threads and the model (a checkpoint, or random weights of the shipped or given shape).
        var device = DeviceChoice.Resolve(s.Device);
        TorchRuntime.Configure(s.Threads);
        var shape = new ExecutorConfig();
        shape = shape with { Dim = s.Dim ?? shape.Dim, Layers = s.Layers ?? shape.Layers, Heads = s.Heads ?? shape.Heads };
        using var model = s.Model is null ? ExecutorBench.RandomModel(shape, s.Seed) : ExecutorCheckpoint.Load(s.Model);
        model.to(device);
        string weights = s.Model is null ? $"random (seed {s.Seed}; every parameter N(0, 0.02²)) — speed does not depend on the values" : $"checkpoint {s.Model}";
        var options = new ExecutorBench.Options
        {
            Videos = s.Videos, VideoFrames = s.VideoFrames, LatencyChunks = s.Chunks, RssChunks = s.RssChunks, RssEvery = s.RssEvery,
            MatmulSize = s.Matmul, TrainBatch = s.TrainBatch ?? (device.type == DeviceType.CUDA ? 128 : 32),
            TrainWarmup = s.TrainWarmup, TrainSteps = s.TrainSteps, Seed = s.Seed,
        };

        // 2. The benchmark, one progress bar per phase.
        var info = new ExecutorBenchReport.RunInfo("./tempact " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)), weights, s.Threads,
            ExecutorBenchReport.LoadAverage(), "", DateTime.UtcNow);
        ExecutorBench.Result? result = null;
        CliConsole.Human.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn("it"), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                result = ExecutorBench.Run(model, options, new SyncProgress<ExecutorBench.Progress>(p =>
                {
                    if (!tasks.TryGetValue(p.Phase, out var task)) tasks[p.Phase] = task = ctx.AddTask(p.Phase, maxValue: p.Total);
                    task.Value = p.Done;
                }));
            });
        var r = result!;
        info = info with { LoadAfter = ExecutorBenchReport.LoadAverage() };

        // 3. Files and the headline.
        var paths = ExecutorBenchReport.Write(r, info, s.Out);
        var met = ExecutorBenchReport.TargetsMet(r);
        CliConsole.Human.MarkupLine(Markup.Escape(
            $"{r.Device}, dim {r.Config.Dim}/{r.Config.Layers} layers/{r.Config.Heads} heads: {r.Streaming.FramesPerSecondMedian:F1} frames/s (target ≥ {ExecutorBenchReport.TargetFramesPerSecond}: {(met.FramesPerSecond ? "met" : "missed")}), "
            + $"TTFC {r.Streaming.TtfcMedianMs:F1} ms (≤ {ExecutorBenchReport.TargetTtfcMs}: {(met.Ttfc ? "met" : "missed")}), chunk {r.Latency.FirstMedianMs:F1} → {r.Latency.LastMedianMs:F1} ms, "
            + $"RSS {r.Rss.FirstMb:F0} → {r.Rss.LastMb:F0} MB, {r.Flops.GenerationGflops:F1} GFLOP/s of {r.Flops.PeakGflops:F0} peak"
            + (r.Train is { } t ? $", train step {t.MedianMs:F0} ms at batch {t.Batch}" : "")));
        foreach (var p in paths) CliConsole.Human.MarkupLine($"wrote [bold]{Markup.Escape(p)}[/]");
        CliConsole.Result(JsonSerializer.Serialize(new
        {
            device = r.Device, dim = r.Config.Dim, layers = r.Config.Layers, heads = r.Config.Heads, parameters = r.Parameters,
            fps = Math.Round(r.Streaming.FramesPerSecondMedian, 2), ttfc_ms = Math.Round(r.Streaming.TtfcMedianMs, 2),
            steady_fps = Math.Round(r.Latency.SteadyFramesPerSecond, 2), chunk_ms_first20 = Math.Round(r.Latency.FirstMedianMs, 2), chunk_ms_last20 = Math.Round(r.Latency.LastMedianMs, 2),
            rss_mb_first = Math.Round(r.Rss.FirstMb), rss_mb_last = Math.Round(r.Rss.LastMb), rss_mb_max = Math.Round(r.Rss.MaxMb),
            gflop_per_frame = Math.Round(r.Flops.PerFrame / 1e9, 4), gflops = Math.Round(r.Flops.GenerationGflops, 2), peak_gflops = Math.Round(r.Flops.PeakGflops, 1),
            train_step_ms = r.Train is null ? (double?)null : Math.Round(r.Train.MedianMs, 1), load_before = info.LoadBefore, load_after = info.LoadAfter,
        }, WorldJson.Options));
        return ExitCodes.Ok;
    }
}
