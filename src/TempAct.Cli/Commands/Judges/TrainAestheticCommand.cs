using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Cli.Progress;
using TempAct.Judges.Aesthetic;
using TempAct.Models.Checkpoints;
using TempAct.Models.Training;
using TempAct.World.Serialization;

namespace TempAct.Cli.Commands.Judges;

/// <summary>`train aesthetic`: trains the aesthetic scorer (clean renders above degraded ones) and writes it to --out.</summary>
public sealed class TrainAestheticCommand : Command<TrainAestheticCommand.Settings>
{
    /// <summary>Exit code of a run stopped by Ctrl+C after its checkpoint (128 + SIGINT, the shell's convention).</summary>
    public const int Interrupted = 130;

    /// <summary>Options of `train aesthetic`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Output folder: model.safetensors, config.json, eval.json (and training/ while unfinished).</summary>
        [CommandOption("--out"), Description("Output folder (model.safetensors, config.json, eval.json)."), DefaultValue("models/aesthetic")]
        public string Out { get; init; } = "models/aesthetic";
        /// <summary>A JSON file of AestheticTrainingConfig fields.</summary>
        [CommandOption("--config"), Description("JSON file overriding fields of the training config (steps, batchSize, learningRate …).")]
        public string? Config { get; init; }
        /// <summary>Seed (overrides the config's).</summary>
        [CommandOption("--seed"), Description("Seed of data, initial weights and batches (overrides the config's).")]
        public int? Seed { get; init; }
        /// <summary>Continue an interrupted run from its last checkpoint.</summary>
        [CommandOption("--resume"), Description("Continue the unfinished run in --out from its last checkpoint.")]
        public bool Resume { get; init; }
        /// <summary>Replace the scorer or run in --out.</summary>
        [CommandOption("--overwrite"), Description("Delete the scorer or unfinished run in --out and train again (without it or --resume, a folder holding one is refused, exit 2).")]
        public bool Overwrite { get; init; }
        /// <summary>Print a JSON summary on stdout.</summary>
        [CommandOption("--json"), Description("Print a JSON summary on stdout.")]
        public bool Json { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() => TrainingRun.CheckFlags(Resume, Overwrite);
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var config = s.Config is null ? new AestheticTrainingConfig() : AestheticTrainingConfig.Load(s.Config);
        if (s.Seed is { } seed) config = config with { Seed = seed };
        var start = TrainingRun.Start(s.Resume, s.Overwrite);
        TrainingRun.NamingConfig(s.Config, () => config.Validate());
        RunFolder.Check(s.Out, start, AestheticTrainer.Outputs);
        AestheticTrainer.Outcome outcome;
        // Ctrl+C stops after the current step with a checkpoint (the trainer's cancellation), not mid-write.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            AestheticTrainer.Outcome? result = null;
            double lastLoss = double.NaN, lastAccuracy = double.NaN;
            ProgressBars.Run("training aesthetic scorer", config.Steps, advance =>
            {
                int done = -1;
                result = new AestheticTrainer(config).Train(s.Out, start, step =>
                {
                    if (done < 0) { advance(step.Step - 1); } // a resumed run starts part-way
                    advance(1);
                    done = step.Step;
                    (lastLoss, lastAccuracy) = (step.Loss, step.PairAccuracy);
                }, stop.Token);
            }, "steps");
            outcome = result!;
            CliConsole.Human.MarkupLine($"last step: loss {lastLoss:0.0000}, batch pair accuracy {lastAccuracy:P1}");
        }
        catch (CheckpointException e)
        {
            Console.Error.WriteLine($"checkpoint error: {e.Message}");
            return ExitCodes.DataError;
        }
        catch (OperationCanceledException e) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine($"interrupted: {e.Message}");
            return Interrupted;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        var eval = outcome.Evaluation;
        var table = new Table().AddColumns("degradation", "learned: clean ranked higher", "analytic: clean ranked higher", "mean S_aes degraded");
        foreach (var kind in Degradations.All)
            table.AddRow(kind.ToString(), $"{eval.Accuracy[kind]:P1}", $"{eval.AnalyticAccuracy[kind]:P1}", $"{eval.DegradedScore[kind]:0.000}");
        CliConsole.Human.Write(table);
        CliConsole.Human.MarkupLine($"held-out frames: {eval.Frames}, mean S_aes clean {eval.CleanScore:0.000}; "
            + $"trained {outcome.StepsRun} steps in {outcome.Seconds:0.0} s; wrote [bold]{Markup.Escape(s.Out)}[/]");
        if (s.Json)
            CliConsole.Result(JsonSerializer.Serialize(new
            {
                @out = s.Out, steps = outcome.StepsRun, seconds = Math.Round(outcome.Seconds, 1), frames = eval.Frames,
                accuracy = eval.Accuracy.ToDictionary(kv => kv.Key.ToString(), kv => Math.Round(kv.Value, 4)),
                analytic_accuracy = eval.AnalyticAccuracy.ToDictionary(kv => kv.Key.ToString(), kv => Math.Round(kv.Value, 4)),
            }, WorldJson.Options));
        return ExitCodes.Ok;
    }
}
