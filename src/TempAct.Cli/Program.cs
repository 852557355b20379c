using Spectre.Console.Cli;
using TempAct.Cli.Commands.Bench;
using TempAct.Cli.Commands.Eval;
using TempAct.Cli.Commands.Executor;
using TempAct.Cli.Commands.Judges;
using TempAct.Cli.Commands.Planner;
using TempAct.Cli.Commands.Weights;
using TempAct.Cli.Commands.Plot;
using TempAct.Cli.Commands.Rl;
using TempAct.Cli.Commands.Studio;
using TempAct.Cli.Commands.World;

namespace TempAct.Cli;

/// <summary>The table of contents: every verb of ./tempact and the class that runs it.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        try { TempAct.Models.Runtime.TorchNativeLoader.PreloadFromEnvironment(); } // GPU machines: bind to the machine's libtorch first
        catch (Exception e) when (e is IOException or InvalidOperationException or DllNotFoundException or BadImageFormatException)
        {
            Console.Error.WriteLine($"torch library error: {e.Message}");
            return ExitCodes.DataError;
        }
        return Run(args);
    }

    /// <summary>Runs the app on the arguments (tests call this in-process).</summary>
    public static int Run(string[] args) => Create().Run(args.Select(NormalizeOption));

    /// <summary>Spectre wants long options of two letters or more; the documented `--n N` is accepted as its short form `-n`.</summary>
    private static string NormalizeOption(string arg) => arg == "--n" ? "-n" : arg.StartsWith("--n=", StringComparison.Ordinal) ? "-n=" + arg[4..] : arg;

    /// <summary>The configured app (tests run it in-process).</summary>
    public static CommandApp Create()
    {
        var app = new CommandApp();
        app.Configure(Configure);
        return app;
    }

    private static void Configure(IConfigurator config)
    {
        config.SetApplicationName("tempact");
        config.SetExceptionHandler((ex, _) => CliErrors.Report(ex));
        config.AddBranch("world", world =>
        {
            world.SetDescription("ShapeWorld: sample videos, parse instructions, track objects, write the benchmark sets.");
            world.AddCommand<WorldSampleCommand>("sample").WithDescription("Render random instructions: GIF, contact sheet, ground-truth JSON per sample.")
                .WithExample("world", "sample", "--n", "4", "--events", "3", "--frames", "36", "--seed", "1", "--out", "out/samples");
            world.AddCommand<WorldParseCommand>("parse").WithDescription("Parse an instruction into its scene and events.")
                .WithExample("world", "parse", "\"A red circle rests on the left. It slides to the right.\"", "--json");
            world.AddCommand<WorldTrackCommand>("track").WithDescription("Run the tracker (the oracle) on saved frames and print the detected events.")
                .WithExample("world", "track", "out/samples/sample_000.video.json", "--json");
            world.AddCommand<WorldSetsCommand>("sets").WithDescription("Generate the simple and hard benchmark sets (JSONL) from a fixed seed.");
            world.AddCommand<WorldParseSetCommand>("parse-set").WithDescription("Parse a paraphrase set: exact-parse rate, what is rejected and why.")
                .WithExample("world", "parse-set", "data/paraphrases.jsonl");
        });
        config.AddBranch("train", train =>
        {
            train.SetDescription("Train a model: executor (pretraining), planner (cold-start SFT), aesthetic scorer, TempAct RL.");
            train.AddCommand<TrainExecutorCommand>("executor").WithDescription("Pretrain the AR video diffusion executor on ShapeWorld clips (one caption per clip).")
                .WithExample("train", "executor", "--config", "configs/executor.json", "--out", "runs/executor", "--device", "cuda");
            train.AddCommand<TrainPlannerCommand>("planner").WithDescription("Cold-start SFT of the planner LM on the rule teacher's plans.")
                .WithExample("train", "planner", "--config", "configs/planner.json", "--out", "runs/planner", "--device", "cuda");
            train.AddCommand<TrainAestheticCommand>("aesthetic").WithDescription("Train the aesthetic scorer (clean renders above degraded ones).")
                .WithExample("train", "aesthetic", "--out", "models/aesthetic");
            train.AddCommand<TrainRlCommand>("rl").WithDescription("TempAct's hierarchical planner–executor RL: LoRA adapters on both bases (docs/rl.md).")
                .WithExample("train", "rl", "--config", "configs/tempact.json", "--out", "runs/tempact", "--device", "cuda");
        });
        config.AddCommand<ServeCommand>("serve").WithDescription("Serve the judges (and optionally the planner) over the OpenAI chat-completions protocol.")
            .WithExample("serve", "--judges", "oracle", "--planner", "base", "--port", "8000");
        config.AddBranch("judges", judges =>
        {
            judges.SetDescription("The reward judges.");
            judges.AddCommand<JudgeBenchCommand>("bench").WithDescription("Throughput of the oracle judges in-process and over HTTP.");
        });
        config.AddBranch("measure", measure =>
        {
            measure.SetDescription("Measure a trained component against its targets.");
            measure.AddCommand<MeasurePlannerCommand>("planner").WithDescription("Valid-plan and event-match rates on held-out instructions, the paraphrase set and the benchmark sets; spread of sampled plans.");
            measure.AddCommand<MeasureExecutorCommand>("executor").WithDescription("Single-event success and frame quality; global / step-none / step-recache baselines on a benchmark set; --switch-reaction.");
        });
        config.AddCommand<DemoCommand>("demo").WithDescription("The main job: a handful of hard instructions in every mode (single, step, tempact when models/tempact exists), the table and the report page.")
            .WithExample("demo", "--out", "out/demo");
        config.AddCommand<EvalCommand>("eval").WithDescription("Every instruction of a set in each mode (single, step, tempact) × seeds: the oracle's metrics with 95% intervals.")
            .WithExample("eval", "--set", "hard", "--modes", "single,step", "--seeds", "2", "--out", "out/eval-hard");
        config.AddBranch("bench", bench =>
        {
            bench.SetDescription("Benchmarks (timings, never pass/fail).");
            bench.AddCommand<BenchTransformerCommand>("transformer-step").WithDescription("One training step of the planner transformer; the C# half of bench/transformer_step.py.");
            bench.AddCommand<BenchExecutorCommand>("executor").WithDescription("Executor streaming at batch 1: frames/s, time to first chunk, chunk latency, RSS, FLOPs vs matmul peak, training step.")
                .WithExample("bench", "executor", "--device", "cpu", "--out", "bench/results");
            bench.AddCommand<BenchGenerateMemoryCommand>("generate-memory").WithDescription("Peak RSS, time and file sizes of `generate` (GIF + sheet + tracker) at each frame count, one process each.")
                .WithExample("bench", "generate-memory", "--frames", "1000,10000");
            bench.AddCommand<BenchStudioCommand>("studio").WithDescription("The studio over its WebSocket: time from Start to first frame and frames/s delivered, 1 and N streams at once; RSS over a long stream.");
            bench.AddCommand<BenchRlCommand>("rl").WithDescription("RL sizing: the executor's forward at batch 1–512 (sampling, whole chunk, update step) and whole epochs' phase split.")
                .WithExample("bench", "rl", "--config", "configs/tempact.json", "--device", "cuda");
            bench.AddCommand<BenchCreditCommand>("credit").WithDescription("RL credit: how much of S_local's spread within a K-group chunk b's noise decides vs the later chunks' (prefix once, K continuations in three noise conditions).")
                .WithExample("bench", "credit", "--instructions", "32", "--continuations", "8", "--out", "docs/results/rl-credit");
            bench.AddCommand<BenchExecutorStepCommand>("executor-step").WithDescription("One executor pretraining step as one JSON line; the C# half of the executor side by side.")
                .WithExample("bench", "executor-step", "--device", "cuda", "--batch", "128");
        });
        config.AddBranch("weights", weights =>
        {
            weights.SetDescription("Checkpoint folders: storage format.");
            weights.AddCommand<ConvertWeightsCommand>("convert").WithDescription("Store an executor's or planner's parameters as fp16 / bf16 / fp32 (loaded to fp32).")
                .WithExample("weights", "convert", "--model", "models/executor-ll", "--dtype", "fp16", "--out", "models/executor-ll");
        });
        config.AddBranch("plot", plot =>
        {
            plot.SetDescription("Figures from saved results.");
            plot.AddCommand<PlotCurvesCommand>("curves").WithDescription("Columns of a metrics CSV (e.g. train rl's) as stacked PNG panels with moving averages.")
                .WithExample("plot", "curves", "docs/results/rl-trial/metrics.csv", "--out", "docs/results/rl-trial/curves.png");
        });
        config.AddCommand<StudioCommand>("studio").WithDescription("The live studio in the browser: type an instruction, watch the plan stream into video, steer it mid-stream.")
            .WithExample("studio", "--port", "8080");
        config.AddCommand<GenerateCommand>("generate").WithDescription("Stream a video from the executor for a prompt or a step plan; GIF + what the tracker sees.")
            .WithExample("generate", "--prompt", "\"red circle moves right\"", "--frames", "12", "--seed", "1", "--out", "out/red.gif", "--json");
        config.AddCommand<PlanCommand>("plan").WithDescription("Sample span-aware step plans for an instruction.")
            .WithExample("plan", "\"A red circle rests on the left. It slides to the right, then turns blue.\"", "--samples", "2", "--json");
    }
}
