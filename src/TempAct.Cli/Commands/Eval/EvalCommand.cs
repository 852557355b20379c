using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Cli.Commands.Executor;
using TempAct.Cli.Commands.Planner;
using TempAct.Cli.Progress;
using TempAct.Evaluation.Eval;
using TempAct.Judges.Aesthetic;
using TempAct.Models.Checkpoints;
using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TorchSharp;

namespace TempAct.Cli.Commands.Eval;

/// <summary>`eval`: every instruction of a set in each mode (single, step, tempact) × seeds, from the instruction's own
/// scene; the oracle's metrics per mode with 95% intervals into results.json and results.md.</summary>
public sealed class EvalCommand : Command<EvalCommand.Settings>
{
    /// <summary>Options of `eval`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Instruction set.</summary>
        [CommandOption("--set"), Description("simple, hard (the committed benchmark sets) or FILE.jsonl with one {\"instruction\": \"...\"} a line."), DefaultValue("hard")]
        public string Set { get; init; } = "hard";
        /// <summary>Modes.</summary>
        [CommandOption("--modes"), Description("Comma-separated: single, step, tempact."), DefaultValue("single,step")] public string Modes { get; init; } = "single,step";
        /// <summary>Seeds per instruction.</summary>
        [CommandOption("--seeds"), Description("Seeds per instruction (one plan and one noise draw each)."), DefaultValue(2)] public int Seeds { get; init; } = 2;
        /// <summary>First N instructions.</summary>
        [CommandOption("--limit"), Description("Only the first N instructions that parse.")] public int? Limit { get; init; }
        /// <summary>Switch mode.</summary>
        [CommandOption("--switch"), Description("Step switches: none (keep the cache) or recache (re-encode it)."), DefaultValue("none")] public string Switch { get; init; } = "none";
        /// <summary>Seed.</summary>
        [CommandOption("--seed"), Description("Base seed of plans and noise."), DefaultValue(1L)] public long Seed { get; init; } = 1;
        /// <summary>Batch size.</summary>
        [CommandOption("--batch"), Description("Most videos generated at once."), DefaultValue(256)] public int Batch { get; init; } = 256;
        /// <summary>Base executor.</summary>
        [CommandOption("--executor"), Description("Base executor of single and step."), DefaultValue("models/executor-ll")] public string Executor { get; init; } = "models/executor-ll";
        /// <summary>Cold-start planner.</summary>
        [CommandOption("--planner"), Description("Planner of step: base (models/planner-base) or a checkpoint folder."), DefaultValue("base")] public string Planner { get; init; } = "base";
        /// <summary>TempAct folder.</summary>
        [CommandOption("--tempact"), Description("RL-trained folder of tempact (planner + executor adapters)."), DefaultValue("models/tempact")] public string TempAct { get; init; } = "models/tempact";
        /// <summary>Aesthetic scorer.</summary>
        [CommandOption("--aesthetic"), Description("Aesthetic scorer folder."), DefaultValue("models/aesthetic")] public string Aesthetic { get; init; } = "models/aesthetic";
        /// <summary>Device.</summary>
        [CommandOption("--device"), Description("cpu, cuda or auto."), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        /// <summary>Output folder.</summary>
        [CommandOption("--out"), Description("Output folder: results.json, results.md."), DefaultValue("out/eval")] public string Out { get; init; } = "out/eval";
        /// <summary>Print results.json on stdout.</summary>
        [CommandOption("--json"), Description("Print results.json on stdout.")] public bool Json { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            Seeds < 1 ? ValidationResult.Error($"--seeds must be ≥ 1, got {Seeds}")
            : Limit is < 1 ? ValidationResult.Error($"--limit must be ≥ 1, got {Limit}")
            : Batch < 1 ? ValidationResult.Error($"--batch must be ≥ 1, got {Batch}")
            : Switch is not ("none" or "recache") ? ValidationResult.Error($"--switch must be none or recache, got '{Switch}'")
            : ValidationResult.Success();
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        // 1. The command line and the set, before any model is loaded.
        var modes = EvalModeNames.ParseList(s.Modes);
        string? tempact = modes.Contains(EvalMode.TempAct) ? TempActFolder(s.TempAct) : null;
        var set = EvalInput.Load(s.Set).Take(s.Limit);
        var options = new EvalOptions
        {
            Modes = modes, Seeds = s.Seeds, Seed = s.Seed, BatchSize = s.Batch,
            Switch = s.Switch == "recache" ? SwitchMode.Recache : SwitchMode.None,
        };

        // 2. The networks the modes need.
        var device = DeviceChoice.Resolve(s.Device);
        using var executor = ExecutorSource.Load(s.Executor);
        executor.to(device);
        executor.eval();
        using var aesthetic = AestheticScorer.Load(Directory.Exists(s.Aesthetic) ? s.Aesthetic : RepoPaths.Find(s.Aesthetic));
        var sampling = new SamplingOptions();
        var stepPlanner = modes.Contains(EvalMode.Step) ? PlannerSource.Open(s.Planner, sampling, "", device) : null;
        var tempactPlanner = tempact is null ? null : PlannerSource.Open(tempact, sampling, "", device);
        using var tempactExecutor = tempact is null ? null : ExecutorSource.Load(tempact);
        tempactExecutor?.to(device);
        tempactExecutor?.eval();
        try
        {
            // 3. Run with one bar per mode.
            var lookAhead = tempact is not null && TempAct.Training.Checkpoints.TempActWeights.Manifest(tempact).LookAhead;
            var models = new EvalModels(executor, aesthetic, stepPlanner, tempactPlanner, tempactExecutor, lookAhead);
            int chunks = set.Items.Sum(i => (i.Frames + executor.Config.ChunkFrames - 1) / executor.Config.ChunkFrames) * s.Seeds;
            EvalReport? report = null;
            ProgressBars.RunPhases(modes.Select(m => (EvalModeNames.Name(m), Math.Max(chunks, 1))).ToList(), advance =>
            {
                var shown = new int[modes.Count];
                var progress = new SyncProgress<EvalProgress>(p =>
                {
                    int i = modes.ToList().IndexOf(p.Mode);
                    advance(i, p.Done - shown[i]);
                    shown[i] = p.Done;
                });
                report = EvalRunner.Run(set, models, options, progress, cancellation);
            }, "video chunks");

            // 4. Files, table, JSON.
            var written = report!.Save(s.Out);
            Print(report);
            CliConsole.Human.MarkupLine($"wrote {written.Count} files to [bold]{Markup.Escape(s.Out)}[/] in {report.Seconds:0.0} s");
            if (s.Json) CliConsole.Result(report.ToJson());
            return ExitCodes.Ok;
        }
        finally
        {
            (stepPlanner as LocalPlanner)?.Model.Dispose();
            (tempactPlanner as LocalPlanner)?.Model.Dispose();
        }
    }

    /// <summary>The tempact folder, or a clear checkpoint error when it is not there.</summary>
    private static string TempActFolder(string option)
    {
        string dir = option;
        if (!Directory.Exists(dir) && !Path.IsPathRooted(dir))
        {
            try { dir = RepoPaths.Find(option); }
            catch (FileNotFoundException) { dir = option; }
        }
        if (!TempAct.Training.Checkpoints.TempActWeights.IsFolder(dir))
            throw new CheckpointException($"--tempact {option}: no RL-trained weights there ({TempAct.Training.Checkpoints.TempActWeights.ManifestFile} missing); " +
                "train them with `train rl` or leave tempact out of --modes");
        return dir;
    }

    private static void Print(EvalReport report)
    {
        var table = new Table().Title($"{Markup.Escape(report.Set)}: {report.Modes.FirstOrDefault()?.Videos.Count ?? 0} videos a mode, switch {report.SwitchName}, mean ± 95% CI")
            .AddColumn("metric").AddColumns(report.Modes.Select(m => new TableColumn(EvalModeNames.Name(m.Mode)).NoWrap()).ToArray());
        foreach (var (_, label, of) in EvalReport.Metrics)
            table.AddRow([Markup.Escape(label), .. report.Modes.Select(m => Markup.Escape(of(m).ToString(label.Contains("delay", StringComparison.Ordinal) ? "0.00" : "0.000")))]);
        table.AddRow(["plan fallbacks", .. report.Modes.Select(m => m.PlanFallbacks.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        CliConsole.Human.Write(table);
        if (report.Skipped.Count > 0) CliConsole.Human.MarkupLine($"skipped {report.Skipped.Count} instruction(s) that do not parse (listed in results.json)");
    }
}
