using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Training.Benchmarks;
using TempAct.World.Serialization;

namespace TempAct.Cli.Commands.Rl;

/// <summary>`bench rl`: the executor's forward swept over batch sizes, then whole RL epochs of a config with their phase
/// split — what sizes the epoch on a device. JSON lines on stdout, a Markdown table in --out.</summary>
public sealed class BenchRlCommand : Command<BenchRlCommand.Settings>
{
    /// <summary>Options of `bench rl`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>RL config.</summary>
        [CommandOption("--config"), Description("RL config whose models and epoch are timed."), DefaultValue("configs/tempact.json")] public string Config { get; init; } = "configs/tempact.json";
        /// <summary>Device.</summary>
        [CommandOption("--device"), Description("cpu, cuda or auto."), DefaultValue("auto")] public string Device { get; init; } = "auto";
        /// <summary>Batch sizes of the sweep.</summary>
        [CommandOption("--batches"), Description("Comma-separated batch sizes of the forward sweep (empty: no sweep)."), DefaultValue("1,2,4,8,16,32,64,128,256,512")]
        public string Batches { get; init; } = "1,2,4,8,16,32,64,128,256,512";
        /// <summary>Timed repeats per batch.</summary>
        [CommandOption("--repeats"), Description("Timed repeats per batch size (median reported)."), DefaultValue(5)] public int Repeats { get; init; } = 5;
        /// <summary>Epochs to time.</summary>
        [CommandOption("--epochs"), Description("Whole epochs to time (the first includes warm-up; 0: none)."), DefaultValue(3)] public int Epochs { get; init; } = 3;
        /// <summary>Report folder.</summary>
        [CommandOption("--out"), Description("Folder for rl-DEVICE.md and rl-DEVICE.json."), DefaultValue("bench/results")] public string Out { get; init; } = "bench/results";

        /// <inheritdoc />
        public override ValidationResult Validate() => Repeats < 1 || Epochs < 0 ? ValidationResult.Error("--repeats ≥ 1, --epochs ≥ 0") : ValidationResult.Success();
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var config = RlSetup.Config(s.Config, null);
        var device = DeviceChoice.Resolve(s.Device);
        var batches = s.Batches.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(b => int.TryParse(b, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : throw new ArgumentException($"--batches: '{b}' is not a positive integer")).ToList();
        string name = device.type.ToString().ToLowerInvariant();
        var md = new StringBuilder($"# `bench rl --config {s.Config} --device {name}`\n\n");
        var json = new List<object>();
        using (var models = RlSetup.Models(config, device))
        {
            // 1. The forward sweep.
            md.Append("| batch | rows | sampling forward (ms) | whole chunk (ms) | chunks/s | update step (ms) |\n|---|---|---|---|---|---|\n");
            foreach (var t in RlBench.Sweep(models.Executor, batches, s.Repeats))
            {
                var line = new { kind = "forward", device = name, batch = t.Batch, rows = t.Batch * models.Executor.Config.TokensPerChunk,
                    sample_forward_ms = t.SampleForwardMs, chunk_ms = t.ChunkMs, chunks_per_s = t.ChunksPerSecond, train_step_ms = t.TrainStepMs };
                json.Add(line);
                CliConsole.Result(JsonSerializer.Serialize(line, WorldJson.Options));
                md.Append(string.Create(CultureInfo.InvariantCulture, $"| {t.Batch} | {line.rows} | {t.SampleForwardMs:F2} | {t.ChunkMs:F2} | {t.ChunksPerSecond:F0} | {t.TrainStepMs:F2} |\n"));
            }
            // 2. Whole epochs and their phases.
            if (s.Epochs > 0)
            {
                string scratch = Path.Combine(Path.GetTempPath(), "tempact-bench-rl-" + Guid.NewGuid().ToString("N"));
                try
                {
                    md.Append($"\n{config.Exploration.Instructions} instructions × {config.Exploration.Plans} plans × {config.ContinuationsPerPlan} continuations an epoch:\n\n");
                    md.Append("| epoch | planning | prefix | continuations | judging | update | total (s) |\n|---|---|---|---|---|---|---|\n");
                    foreach (var m in RlBench.Epochs(config, models, s.Epochs, device, scratch))
                    {
                        var line = new { kind = "epoch", device = name, epoch = m.Epoch, planning_s = m.SecondsPlanning, prefix_s = m.SecondsPrefix,
                            continuations_s = m.SecondsContinuations, judging_s = m.SecondsJudging, update_s = m.SecondsUpdate, total_s = m.SecondsEpoch };
                        json.Add(line);
                        CliConsole.Result(JsonSerializer.Serialize(line, WorldJson.Options));
                        md.Append(string.Create(CultureInfo.InvariantCulture,
                            $"| {m.Epoch} | {m.SecondsPlanning:F2} | {m.SecondsPrefix:F2} | {m.SecondsContinuations:F2} | {m.SecondsJudging:F2} | {m.SecondsUpdate:F2} | {m.SecondsEpoch:F2} |\n"));
                    }
                }
                finally { if (Directory.Exists(scratch)) Directory.Delete(scratch, true); }
            }
        }
        Directory.CreateDirectory(s.Out);
        string path = Path.Combine(s.Out, $"rl-{name}");
        File.WriteAllText(path + ".md.tmp", md.ToString());
        File.Move(path + ".md.tmp", path + ".md", overwrite: true);
        File.WriteAllText(path + ".json.tmp", JsonSerializer.Serialize(json, WorldJson.Options));
        File.Move(path + ".json.tmp", path + ".json", overwrite: true);
        CliConsole.Human.MarkupLine($"written to [bold]{Markup.Escape(path)}.md[/] and .json");
        return ExitCodes.Ok;
    }
}
