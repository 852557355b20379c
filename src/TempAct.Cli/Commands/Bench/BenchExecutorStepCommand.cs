using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Cli.Progress;
using TempAct.Models.Benchmarks;
using TempAct.Models.Executor;
using TempAct.Models.Runtime;
using TempAct.World.Serialization;

namespace TempAct.Cli.Commands.Bench;

/// <summary>`bench executor-step`: one executor pretraining step (the trainer's loss, backward, clipping, AdamW, EMA), printed
/// as one JSON line — the C# half of the executor's TorchSharp-vs-PyTorch side by side.</summary>
public sealed class BenchExecutorStepCommand : Command<BenchExecutorStepCommand.Settings>
{
    /// <summary>Options.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Device.</summary>
        [CommandOption("--device"), Description("cpu, cuda or auto."), DefaultValue("auto")] public string Device { get; init; } = "auto";
        /// <summary>Clips per step.</summary>
        [CommandOption("--batch"), Description("Clips (18 frames each) per step."), DefaultValue(32)] public int Batch { get; init; } = 32;
        /// <summary>Untimed steps.</summary>
        [CommandOption("--warmup"), Description("Untimed steps."), DefaultValue(3)] public int Warmup { get; init; } = 3;
        /// <summary>Timed steps.</summary>
        [CommandOption("--steps"), Description("Timed steps."), DefaultValue(10)] public int Steps { get; init; } = 10;
        /// <summary>Width (the shipped shape's by default).</summary>
        [CommandOption("--dim"), DefaultValue(192)] public int Dim { get; init; } = 192;
        /// <summary>Blocks.</summary>
        [CommandOption("--layers"), DefaultValue(6)] public int Layers { get; init; } = 6;
        /// <summary>Heads.</summary>
        [CommandOption("--heads"), DefaultValue(6)] public int Heads { get; init; } = 6;
        /// <summary>Precision.</summary>
        [CommandOption("--precision"), Description("fp32, tf32 (TF32 matmuls, the CUDA trainer's default) or bf16 (CUDA)."), DefaultValue("fp32")] public string Precision { get; init; } = "fp32";
        /// <summary>Torch threads.</summary>
        [CommandOption("--threads"), Description("Intra-op threads (0: libtorch's default)."), DefaultValue(0)] public int Threads { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            Batch < 1 || Steps < 1 || Warmup < 0 || Threads < 0 ? ValidationResult.Error("--batch ≥ 1, --steps ≥ 1, --warmup ≥ 0, --threads ≥ 0")
            : ValidationResult.Success();
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var device = DeviceChoice.Resolve(s.Device);
        TorchRuntime.Configure(s.Threads);
        var shape = new ExecutorConfig { Dim = s.Dim, Layers = s.Layers, Heads = s.Heads };
        ExecutorStepBench.Result? result = null;
        ProgressBars.Run("executor training step", s.Warmup + s.Steps, advance => result = ExecutorStepBench.Run(shape, s.Batch, s.Warmup, s.Steps, device, onStep: advance, precision: s.Precision), "steps");
        var r = result!;
        CliConsole.Human.MarkupLine(Markup.Escape(
            $"TorchSharp {r.Device}: {r.Parameters:N0} parameters, batch {r.Batch}×{r.ClipFrames} frames ({r.Tokens:N0} tokens): median {r.MedianMs:F2} ms (p10 {r.P10Ms:F2}, p90 {r.P90Ms:F2})"));
        CliConsole.Result(JsonSerializer.Serialize(new
        {
            framework = "torchsharp", model = "executor", device = r.Device, parameters = r.Parameters, batch = r.Batch, clip_frames = r.ClipFrames, tokens = r.Tokens,
            dim = s.Dim, layers = s.Layers, heads = s.Heads, dtype = s.Precision, threads = TorchSharp.torch.get_num_threads(),
            median_ms = r.MedianMs, p10_ms = r.P10Ms, p90_ms = r.P90Ms, steps = r.StepsMs.Length,
        }, WorldJson.Options));
        return ExitCodes.Ok;
    }
}
