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
/// writing results.json, results.md, videos.csv and the report page, and printing the tables.</summary>
public static class EvalSession
{
    /// <summary>Where the networks are and where they run.</summary>
    /// <param name="Executor">Base executor folder (single, step).</param>
    /// <param name="Planner">Planner of step: "base", a folder or a URL.</param>
    /// <param name="Trained">The RL-trained folders (resolved) by <see cref="EvalMode.Base"/> ("tempact", "flat", …): one
    /// for every RL-trained mode that runs (<see cref="ResolveTrained"/>).</param>
    /// <param name="Aesthetic">Aesthetic scorer folder.</param>
    /// <param name="Device">cpu, cuda or auto.</param>
    public sealed record Models(string Executor, string Planner, IReadOnlyDictionary<string, string> Trained, string Aesthetic, string Device);

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
        var stepPlanner = modes.Any(m => m.Plans && !m.Trained) ? PlannerSource.Open(paths.Planner, sampling, "", device) : null;
        // Every RL-trained folder once, however many modes run on it (tempact and tempact-recache share one).
        var trained = new Dictionary<string, TrainedNetworks>();
        try
        {
            foreach (var (name, folder) in paths.Trained)
            {
                var manifest = TempActWeights.Manifest(folder);
                var planner = PlannerSource.Open(folder, sampling, "", device);
                var trainedExecutor = ExecutorSource.Load(folder);
                trainedExecutor.to(device);
                trainedExecutor.eval();
                trained[name] = new TrainedNetworks(planner, trainedExecutor, manifest.LookAhead, manifest.SwitchMode);
            }
            var models = new EvalModels(executor, aesthetic, stepPlanner, trained);
            int chunks = set.Items.Sum(i => (i.Frames + executor.Config.ChunkFrames - 1) / executor.Config.ChunkFrames) * options.Seeds;
            var page = new EvalPage(outDir, set, modes, options.Seeds);
            var events = new EventsTable();
            EvalReport? report = null;
            ProgressBars.RunPhases(modes.Select(m => (m.Name, Math.Max(chunks, 1))).ToList(), advance =>
            {
                var shown = new int[modes.Count];
                var progress = new SyncProgress<EvalProgress>(p =>
                {
                    int i = modes.ToList().IndexOf(p.Mode);
                    advance(i, p.Done - shown[i]);
                    shown[i] = p.Done;
                });
                report = EvalRunner.Run(set, models, options, progress, cancellation, v => { page.Add(v); events.Add(v); });
            }, "video chunks");

            var written = report!.Save(outDir).Append(events.Save(outDir)).Concat(page.Write(report)).ToList();
            Print(report);
            // Plain lines, never wrapped: the paths stay whole for copying.
            Console.Error.WriteLine($"wrote {written.Count + page.Count} files to {outDir} ({page.Count} GIFs) in {report.Seconds:0.0} s{report.PhaseText}");
            Console.Error.WriteLine($"report page: {Path.Combine(outDir, EvalPage.IndexFile)}");
            return report;
        }
        finally
        {
            (stepPlanner as LocalPlanner)?.Model.Dispose();
            foreach (var t in trained.Values)
            {
                (t.Planner as LocalPlanner)?.Model.Dispose();
                t.Executor.Dispose();
            }
        }
    }

    /// <summary>
    /// The RL-trained folder of every RL-trained mode in <paramref name="modes"/> (tempact: <paramref name="tempact"/>;
    /// an arm: <paramref name="arms"/>/NAME; each as given, else found in the repository), by <see cref="EvalMode.Base"/>,
    /// checked against its manifest before anything is loaded: a missing folder or one that does not fit its arm is a
    /// checkpoint error naming it. Prints a notice for a mode that runs with another switch than it was trained with.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ResolveTrained(IReadOnlyList<EvalMode> modes, string tempact, string arms, SwitchMode runSwitch)
    {
        var folders = new Dictionary<string, string>();
        foreach (var mode in modes.Where(m => m.Trained))
        {
            string given = EvalWeights.FolderOf(mode, tempact, arms)!;
            string folder = folders.GetValueOrDefault(mode.Base) ?? FindTempAct(given)
                ?? throw EvalWeights.Missing(mode, given, mode.Arm == TempAct.Training.Config.Ablation.None ? "--tempact" : "--arms " + arms);
            folders[mode.Base] = folder;
            if (EvalWeights.Check(mode, folder, TempActWeights.Manifest(folder), runSwitch) is { } notice)
                Console.Error.WriteLine($"notice: {notice}"); // one plain line, never wrapped
        }
        return folders;
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

    /// <summary>Modes a printed table holds: more are printed as further tables, so a terminal's width holds each.</summary>
    public const int ModesPerTable = 5;

    /// <summary>Differences a printed paired table holds (their headers, "MODE − step", are wider than a mode's).</summary>
    public const int PairsPerTable = 3;

    /// <summary>Prints the results table (stderr): one table per <see cref="ModesPerTable"/> modes.</summary>
    public static void Print(EvalReport report)
    {
        for (int first = 0; first < report.Modes.Count; first += ModesPerTable)
        {
            var part = report.Modes.Skip(first).Take(ModesPerTable).ToList();
            var table = new Table().AddColumn("metric").AddColumns(part.Select(m => new TableColumn(Markup.Escape(m.Mode.Name)).NoWrap()).ToArray());
            if (first == 0) table.Title($"{Markup.Escape(report.Set)}: {report.Modes.FirstOrDefault()?.Videos.Count ?? 0} videos a mode, switch {report.SwitchName}, mean ± 95% CI");
            foreach (var (_, label, of) in EvalReport.Metrics)
                table.AddRow([Markup.Escape(label), .. part.Select(m => Markup.Escape(of(m).ToString(label.Contains("delay", StringComparison.Ordinal) ? "0.00" : "0.000")))]);
            table.AddRow(["plan fallbacks", .. part.Select(m => m.PlanFallbacks.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            table.AddRow(["switch", .. part.Select(m => EvalMode.SwitchName(m.Switch) + (m.LookAhead ? ", look-ahead" : ""))]);
            CliConsole.Human.Write(table);
        }
        var paired = report.Paired;
        for (int first = 0; first < paired.Count; first += PairsPerTable)
        {
            var part = paired.Skip(first).Take(PairsPerTable).ToList();
            var table = new Table().AddColumn("metric").AddColumns(part.Select(p => new TableColumn(Markup.Escape($"{p.Mode} − {p.Reference}")).NoWrap()).ToArray());
            if (first == 0) table.Title("paired on instruction and seed: mean difference ± 95% CI");
            foreach (var (key, label, _) in EvalReport.Metrics)
                table.AddRow([Markup.Escape(label), .. part.Select(p => Markup.Escape(EvalReport.SignedCell(p.Metrics[key], key == "transition_delay" ? "0.00" : "0.000")))]);
            CliConsole.Human.Write(table);
        }
        if (report.Skipped.Count > 0) CliConsole.Human.MarkupLine($"skipped {report.Skipped.Count} instruction(s) that do not parse (listed in results.json)");
    }
}
