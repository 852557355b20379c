using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Cli.Progress;
using TempAct.Training;
using TempAct.Training.Checkpoints;

namespace TempAct.Cli.Commands.Rl;

/// <summary>`train rl`: TempAct's hierarchical planner–executor RL (docs/rl.md).</summary>
public sealed class TrainRlCommand : Command<TrainRlCommand.Settings>
{
    /// <summary>Options of `train rl`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>JSON config (RlConfig).</summary>
        [CommandOption("--config"), Description("JSON config (fields of RlConfig; configs/tempact.json, configs/tempact-tiny.json); defaults when absent.")]
        public string? Config { get; init; }
        /// <summary>Output folder.</summary>
        [CommandOption("--out"), Description("Output folder: metrics.csv/jsonl, eval.jsonl, tb/, summary.json, checkpoints/, model/ (models/tempact-style)."), DefaultValue("runs/tempact")]
        public string Out { get; init; } = "runs/tempact";
        /// <summary>Resume.</summary>
        [CommandOption("--resume"), Description("Continue from the newest complete checkpoint in --out.")] public bool Resume { get; init; }
        /// <summary>Override the epoch count.</summary>
        [CommandOption("--epochs"), Description("Override the config's Schedule.Epochs.")] public int? Epochs { get; init; }
        /// <summary>Device.</summary>
        [CommandOption("--device"), Description("cpu, cuda or auto."), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        /// <summary>Ablation arms added to the config's.</summary>
        [CommandOption("--ablation"), Description("Comma-separated ablation arms added to the config's Ablations: flat, planner-frozen, executor-frozen, no-kl, no-aesthetic, uniform-spans, look-ahead, shuffled-advantages.")]
        public string? Ablation { get; init; }
        /// <summary>Config overrides.</summary>
        [CommandOption("--set"), Description("Override one config field, Section.Field=value (repeatable), e.g. --set Executor.LearningRate=0.001.")]
        public string[] Set { get; init; } = [];
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var config = RlSetup.Config(s.Config, s.Epochs, s.Ablation, s.Set);
        var device = DeviceChoice.Resolve(s.Device);
        using var models = RlSetup.Models(config, device);
        var trainer = new RlTrainer(config, models, s.Out, device, RlSetup.BenchmarkTexts());
        int start = s.Resume && RlCheckpoint.Latest(s.Out) is { } latest ? latest.State.Epochs : 0;
        CliConsole.Human.MarkupLine(Markup.Escape($"RL on {device.type.ToString().ToLowerInvariant()}: {config.Exploration.Instructions} instructions × {config.Exploration.Plans} plans × " +
            $"{config.ContinuationsPerPlan} continuations an epoch, epochs {start}–{config.Schedule.Epochs}, ablations {config.Ablations}; executor adapters " +
            $"{models.ExecutorAdapters.Count:N0} values, planner adapters {models.PlannerAdapters.Count:N0}"));
        var started = DateTime.UtcNow;
        string last = "";
        ProgressBars.Run("RL epochs", Math.Max(1, config.Schedule.Epochs - start), advance =>
            trainer.Run(s.Resume, new SyncProgress<RlProgress>(r =>
            {
                advance(1);
                var m = r.Metrics;
                last = string.Create(CultureInfo.InvariantCulture,
                    $"epoch {r.Done}/{r.Epochs}: R_plan {m.RPlan:F3}, R_exec {m.RExec:F3}, action {m.Action:F3}, onset {m.OnsetRate:P0}, zero-spread K {m.ZeroSpreadK:P0} G {m.ZeroSpreadG:P0}, {m.SecondsEpoch:F1} s");
                CliConsole.Human.MarkupLine(Markup.Escape(last));
                if (r.Eval is { } e)
                    CliConsole.Human.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                        $"  held-out ({e.Instructions}): S_video {e.SVideo:F3}, completion {e.Completion:P1}, S_local {e.SLocal:F3}, action {e.Action:F3}, frame quality {e.FrameQuality:F3}")));
            }), cancellation), "epochs");
        CliConsole.Human.MarkupLine($"RL run in [bold]{Markup.Escape(s.Out)}[/] ({(DateTime.UtcNow - started).TotalMinutes:F1} min); weights in {Markup.Escape(Path.Combine(s.Out, "model"))}");
        return ExitCodes.Ok;
    }
}
