using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console.Cli;
using TempAct.Evaluation.Eval;
using TempAct.Evaluation.Report;
using TempAct.Training.Checkpoints;

namespace TempAct.Cli.Commands.Eval;

/// <summary>`demo`: the main job — a handful of `hard` instructions in every mode the shipped weights allow (policy:
/// <see cref="EvalDemo"/>), the table printed and the report page written.</summary>
public sealed class DemoCommand : Command<DemoCommand.Settings>
{
    /// <summary>Options of `demo`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Output folder.</summary>
        [CommandOption("--out"), Description("Output folder: index.html (the report page), results.json, results.md, videos.csv, events.csv, charts/, videos/. An existing non-empty folder is refused unless --overwrite."), DefaultValue("out/demo")]
        public string Out { get; init; } = "out/demo";
        /// <summary>Replace the report in --out.</summary>
        [CommandOption("--overwrite"), Description("Replace the report files already in --out.")] public bool Overwrite { get; init; }
        /// <summary>Device.</summary>
        [CommandOption("--device"), Description("cpu, cuda or auto."), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        /// <summary>TempAct folder.</summary>
        [CommandOption("--tempact"), Description("RL-trained folder (planner + executor adapters); the tempact mode runs when it exists."), DefaultValue("models/tempact")]
        public string TempAct { get; init; } = "models/tempact";
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        string? tempact = EvalSession.FindTempAct(s.TempAct);
        ReportFolder.Prepare(s.Out, s.Overwrite);
        if (EvalDemo.Notice(tempact is not null, s.TempAct) is { } notice) Console.Error.WriteLine($"notice: {notice}"); // one plain line, never wrapped
        var set = EvalDemo.Pick(EvalInput.Load(EvalDemo.SetName));
        var options = EvalDemo.Options(tempact is not null, tempact is null ? null : TempActWeights.Manifest(tempact).SwitchMode);
        Console.Error.WriteLine($"demo: {set.Items.Count} instructions of {EvalDemo.SetName} × {options.Seeds} seeds in " +
            $"{string.Join(", ", options.Modes.Select(m => m.Name))} (switch {EvalMode.SwitchName(options.Switch)})");
        var trained = tempact is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [EvalMode.TempAct.Base] = tempact };
        EvalSession.Run(set, options, new EvalSession.Models("models/executor-ll", "base", trained, "models/aesthetic", s.Device), s.Out, cancellation);
        Console.Error.WriteLine($"demo: done in {clock.Elapsed.TotalSeconds:0.0} s; open {Path.Combine(s.Out, EvalPage.IndexFile)} in a browser");
        return ExitCodes.Ok;
    }
}
