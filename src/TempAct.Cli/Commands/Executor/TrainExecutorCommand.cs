using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Cli.Progress;
using TempAct.Models.Executor;
using TempAct.Models.Training;

namespace TempAct.Cli.Commands.Executor;

/// <summary>`train executor`: pretrains the AR video diffusion executor on ShapeWorld clips (still starts or windows of
/// long videos, optionally with caption switches), from scratch or from saved weights (InitFrom / --init-from).</summary>
public sealed class TrainExecutorCommand : Command<TrainExecutorCommand.Settings>
{
    /// <summary>Options of `train executor`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>JSON config (ExecutorTrainConfig).</summary>
        [CommandOption("--config"), Description("JSON config (fields of ExecutorTrainConfig); defaults when absent.")] public string? Config { get; init; }
        /// <summary>Output folder.</summary>
        [CommandOption("--out"), Description("Output folder: checkpoint (EMA weights), train/ (raw weights, optimizer), metrics.csv, eval.jsonl."), DefaultValue("runs/executor")]
        public string Out { get; init; } = "runs/executor";
        /// <summary>Resume.</summary>
        [CommandOption("--resume"), Description("Resume from the last checkpoint in --out (verified as one unit).")] public bool Resume { get; init; }
        /// <summary>Replace the run in --out.</summary>
        [CommandOption("--overwrite"), Description("Delete the run in --out and start again (without it or --resume, a folder holding a run is refused, exit 2).")]
        public bool Overwrite { get; init; }
        /// <summary>Override the step count.</summary>
        [CommandOption("--steps"), Description("Override the config's step count.")] public int? Steps { get; init; }
        /// <summary>Override InitFrom.</summary>
        [CommandOption("--init-from"), Description("Start from this executor checkpoint folder (overrides the config's InitFrom).")] public string? InitFrom { get; init; }
        /// <summary>Device.</summary>
        [CommandOption("--device"), Description("cpu, cuda or auto."), DefaultValue("cpu")] public string Device { get; init; } = "cpu";

        /// <inheritdoc />
        public override ValidationResult Validate() => TrainingRun.CheckFlags(Resume, Overwrite, Steps);
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var config = ConfigFiles.Read<ExecutorTrainConfig>(s.Config);
        if (s.Steps is { } steps) config = config with { Steps = steps };
        config = config with { InitFrom = TrainingRun.InitFromFolder(s.InitFrom ?? config.InitFrom) };
        var start = TrainingRun.Start(s.Resume, s.Overwrite);
        TrainingRun.NamingConfig(s.Config, config.Validate);
        RunFolder.Check(s.Out, start, ExecutorTrainer.Outputs);
        var device = DeviceChoice.Resolve(s.Device);
        var trainer = new ExecutorTrainer(config, s.Out, device);
        var started = DateTime.UtcNow;
        string last = "";
        TrainingRun.NamingConfig(s.Config, () => ProgressBars.RunPhases([("render clips", config.DatasetClips), ("train", config.Steps)], advance =>
        {
            int previousData = 0, previousStep = -1;
            trainer.Run(start, new SyncProgress<ExecutorTrainer.Report>(r =>
            {
                if (r.Phase == "data") { advance(0, r.Done - previousData); previousData = r.Done; return; }
                advance(1, previousStep < 0 ? r.Done : r.Done - previousStep);
                previousStep = r.Done;
                if (r.Done % 250 == 0 || r.EventSuccess is not null)
                {
                    last = $"step {r.Done}/{r.Total}: loss {r.Loss:F4}" + (r.EventSuccess is { } e ? $", held-out single-event success {e:P1}" : "");
                    CliConsole.Human.MarkupLine(Markup.Escape(last));
                }
            }), cancellation);
        }, "it"));
        CliConsole.Human.MarkupLine($"executor written to [bold]{Markup.Escape(s.Out)}[/] in {(DateTime.UtcNow - started).TotalMinutes:F1} min; {Markup.Escape(last)}");
        return ExitCodes.Ok;
    }
}
