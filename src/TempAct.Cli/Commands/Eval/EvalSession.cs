using Spectre.Console;
using TempAct.Cli.Commands.Executor;
using TempAct.Cli.Commands.Planner;
using TempAct.Cli.Progress;
using TempAct.Evaluation.Eval;
using TempAct.Evaluation.Report;
using TempAct.Judges.Aesthetic;
using TempAct.Models.Checkpoints;
using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.Training.Checkpoints;
using TorchSharp;

namespace TempAct.Cli.Commands.Eval;

/// <summary>What `eval` and `demo` share: loading the networks the modes need, running with one progress bar a mode,
/// writing results.json, results.md and the report page, and printing the table.</summary>
public static class EvalSession
{
    /// <summary>Where the networks are and where they run.</summary>
    /// <param name="Executor">Base executor folder (single, step).</param>
    /// <param name="Planner">Planner of step: "base", a folder or a URL.</param>
    /// <param name="TempAct">The RL-trained folder (resolved), or null when tempact does not run.</param>
    /// <param name="Aesthetic">Aesthetic scorer folder.</param>
    /// <param name="Device">cpu, cuda or auto.</param>
    public sealed record Models(string Executor, string Planner, string? TempAct, string Aesthetic, string Device);

    /// <summary>Runs <paramref name="set"/> and writes the report into <paramref name="outDir"/> (already prepared with
    /// <see cref="ReportFolder.Prepare"/>); prints the table and what was written.</summary>
    public static EvalReport Run(EvalSet set, EvalOptions options, Models paths, string outDir, CancellationToken cancellation)
    {
        var modes = options.Modes;
        var device = DeviceChoice.Resolve(paths.Device);
        using var executor = ExecutorSource.Load(paths.Executor);
        executor.to(device);
        executor.eval();
        using var aesthetic = AestheticScorer.Load(Directory.Exists(paths.Aesthetic) ? paths.Aesthetic : RepoPaths.Find(paths.Aesthetic));
        var sampling = new SamplingOptions();
        var stepPlanner = modes.Contains(EvalMode.Step) ? PlannerSource.Open(paths.Planner, sampling, "", device) : null;
        var tempactPlanner = paths.TempAct is null ? null : PlannerSource.Open(paths.TempAct, sampling, "", device);
        using var tempactExecutor = paths.TempAct is null ? null : ExecutorSource.Load(paths.TempAct);
        tempactExecutor?.to(device);
        tempactExecutor?.eval();
        try
        {
            var lookAhead = paths.TempAct is not null && TempActWeights.Manifest(paths.TempAct).LookAhead;
            var models = new EvalModels(executor, aesthetic, stepPlanner, tempactPlanner, tempactExecutor, lookAhead);
            int chunks = set.Items.Sum(i => (i.Frames + executor.Config.ChunkFrames - 1) / executor.Config.ChunkFrames) * options.Seeds;
            var page = new EvalPage(outDir, set, modes, options.Seeds);
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
                report = EvalRunner.Run(set, models, options, progress, cancellation, page.Add);
            }, "video chunks");

            var written = report!.Save(outDir).Concat(page.Write(report)).ToList();
            Print(report);
            // Plain lines, never wrapped: the paths stay whole for copying.
            Console.Error.WriteLine($"wrote {written.Count + page.Count} files to {outDir} ({page.Count} GIFs) in {report.Seconds:0.0} s");
            Console.Error.WriteLine($"report page: {Path.Combine(outDir, EvalPage.IndexFile)}");
            return report;
        }
        finally
        {
            (stepPlanner as LocalPlanner)?.Model.Dispose();
            (tempactPlanner as LocalPlanner)?.Model.Dispose();
        }
    }

    /// <summary>The tempact folder named by <paramref name="option"/> (as given, else found in the repository), or null
    /// when it holds no RL-trained weights.</summary>
    public static string? FindTempAct(string option)
    {
        string dir = option;
        if (!Directory.Exists(dir) && !Path.IsPathRooted(dir))
        {
            try { dir = RepoPaths.Find(option); }
            catch (FileNotFoundException) { dir = option; }
        }
        return TempActWeights.IsFolder(dir) ? dir : null;
    }

    /// <summary>The tempact folder, or a clear checkpoint error when it is not there.</summary>
    public static string RequireTempAct(string option) => FindTempAct(option)
        ?? throw new CheckpointException($"--tempact {option}: no RL-trained weights there ({TempActWeights.ManifestFile} missing); " +
            "train them with `train rl` or leave tempact out of --modes");

    /// <summary>Prints the results table (stderr).</summary>
    public static void Print(EvalReport report)
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
