using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Cli.Progress;
using TempAct.Models.Planner;
using TempAct.Models.Training;

namespace TempAct.Cli.Commands.Planner;

/// <summary>`train planner`: cold-start SFT of the planner LM on the rule teacher's plans.</summary>
public sealed class TrainPlannerCommand : Command<TrainPlannerCommand.Settings>
{
    /// <summary>Options of `train planner`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>JSON config (PlannerSftConfig); absent: defaults.</summary>
        [CommandOption("--config"), Description("JSON config (fields of PlannerSftConfig); defaults when absent.")] public string? Config { get; init; }
        /// <summary>Output folder.</summary>
        [CommandOption("--out"), Description("Output folder: checkpoint, metrics.csv, eval.jsonl."), DefaultValue("runs/planner")] public string Out { get; init; } = "runs/planner";
        /// <summary>Resume from the folder's checkpoint.</summary>
        [CommandOption("--resume"), Description("Resume from the last checkpoint in --out (verified as one unit).")] public bool Resume { get; init; }
        /// <summary>Replace the run in --out.</summary>
        [CommandOption("--overwrite"), Description("Delete the run in --out and start again (without it or --resume, a folder holding a run is refused, exit 2).")]
        public bool Overwrite { get; init; }
        /// <summary>Override the step count.</summary>
        [CommandOption("--steps"), Description("Override the config's step count.")] public int? Steps { get; init; }
        /// <summary>Device.</summary>
        [CommandOption("--device"), Description("cpu, cuda or auto."), DefaultValue("cpu")] public string Device { get; init; } = "cpu";

        /// <summary>Override InitFrom.</summary>
        [CommandOption("--init-from"), Description("Start from this planner checkpoint folder (overrides the config's InitFrom).")] public string? InitFrom { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() => TrainingRun.CheckFlags(Resume, Overwrite, Steps);
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var config = ConfigFiles.Read<PlannerSftConfig>(s.Config);
        if (s.Steps is { } steps) config = config with { Steps = steps };
        config = config with { InitFrom = TrainingRun.InitFromFolder(s.InitFrom ?? config.InitFrom) };
        var start = TrainingRun.Start(s.Resume, s.Overwrite);
        TrainingRun.NamingConfig(s.Config, config.Validate);
        RunFolder.Check(s.Out, start, PlannerSftTrainer.Outputs);
        var device = DeviceChoice.Resolve(s.Device);
        var trainer = new PlannerSftTrainer(config, s.Out, device);
        var started = DateTime.UtcNow;
        string last = "";
        TrainingRun.NamingConfig(s.Config, () => ProgressBars.Run("planner SFT", config.Steps, advance =>
        {
            int previous = -1;
            trainer.Run(start, new SyncProgress<PlannerSftTrainer.Report>(r =>
            {
                advance(previous < 0 ? r.Step : r.Step - previous);
                previous = r.Step;
                if (r.ValidRate is { } v)
                {
                    last = $"step {r.Step}: loss {r.Loss:F4}, held-out valid {v:P1}, match {r.MatchRate:P1}";
                    CliConsole.Human.MarkupLine(Markup.Escape(last));
                }
            }), cancellation);
        }, "steps"));
        CliConsole.Human.MarkupLine($"planner written to [bold]{Markup.Escape(s.Out)}[/] in {(DateTime.UtcNow - started).TotalMinutes:F1} min; {Markup.Escape(last)}");
        return ExitCodes.Ok;
    }
}
