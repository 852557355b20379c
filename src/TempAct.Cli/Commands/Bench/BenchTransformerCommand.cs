using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Models.Benchmarks;
using TempAct.Models.Planner;
using TempAct.Models.Text;
using TempAct.World.Serialization;

namespace TempAct.Cli.Commands.Bench;

/// <summary>`bench transformer-step`: the C# half of the TorchSharp-vs-PyTorch side-by-side (bench/transformer_step.py).</summary>
public sealed class BenchTransformerCommand : Command<BenchTransformerCommand.Settings>
{
    /// <summary>Options.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Device.</summary>
        [CommandOption("--device"), DefaultValue("auto")] public string Device { get; init; } = "auto";
        /// <summary>Sequences per step.</summary>
        [CommandOption("--batch"), DefaultValue(64)] public int Batch { get; init; } = 64;
        /// <summary>Tokens per sequence.</summary>
        [CommandOption("--seq"), DefaultValue(256)] public int Seq { get; init; } = 256;
        /// <summary>Untimed steps.</summary>
        [CommandOption("--warmup"), DefaultValue(10)] public int Warmup { get; init; } = 10;
        /// <summary>Timed steps.</summary>
        [CommandOption("--steps"), DefaultValue(50)] public int Steps { get; init; } = 50;
        /// <summary>Width, depth, heads (the shipped planner's shape by default).</summary>
        [CommandOption("--dim"), DefaultValue(192)] public int Dim { get; init; } = 192;
        /// <summary>Blocks.</summary>
        [CommandOption("--layers"), DefaultValue(6)] public int Layers { get; init; } = 6;
        /// <summary>Heads.</summary>
        [CommandOption("--heads"), DefaultValue(6)] public int Heads { get; init; } = 6;

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            Batch < 1 || Seq < 2 || Seq > 4096 || Steps < 1 || Warmup < 0 ? ValidationResult.Error("--batch ≥ 1, 2 ≤ --seq ≤ 4096, --steps ≥ 1, --warmup ≥ 0")
            : ValidationResult.Success();
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var config = new PlannerConfig { VocabSize = WordTokenizer.CreateDefault().Count, Dim = s.Dim, Layers = s.Layers, Heads = s.Heads, MaxTokens = s.Seq };
        var r = TransformerStepBench.Run(config, s.Batch, s.Seq, s.Warmup, s.Steps, DeviceChoice.Resolve(s.Device));
        CliConsole.Human.MarkupLine($"TorchSharp {r.Device}: {r.Parameters:N0} parameters, batch {s.Batch}×{s.Seq}: median {r.MedianMs:F2} ms (p10 {r.P10Ms:F2}, p90 {r.P90Ms:F2})");
        CliConsole.Result(JsonSerializer.Serialize(new
        {
            framework = "torchsharp", device = r.Device, parameters = r.Parameters, batch = s.Batch, seq = s.Seq, vocab = config.VocabSize,
            median_ms = r.MedianMs, p10_ms = r.P10Ms, p90_ms = r.P90Ms, steps = r.StepsMs.Length,
        }, WorldJson.Options));
        return ExitCodes.Ok;
    }
}
