using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Cli.Progress;
using TempAct.Evaluation;
using TempAct.Evaluation.Metrics;
using TempAct.World.Benchmarks;
using TorchSharp;

namespace TempAct.Cli.Commands.Executor;

/// <summary>`measure executor`: single-event success and frame quality on held-out prompts, the global / step-none /
/// step-recache baselines on a benchmark set and, with --switch-reaction, the switch reaction on held-out two-step plans;
/// writes quality.json, quality.md and example GIFs.</summary>
public sealed class MeasureExecutorCommand : Command<MeasureExecutorCommand.Settings>
{
    /// <summary>Options of `measure executor`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Executor checkpoint folder.</summary>
        [CommandOption("--model"), Description("Executor checkpoint folder."), DefaultValue("models/executor-ll")] public string Model { get; init; } = "models/executor-ll";
        /// <summary>Held-out single-event prompts.</summary>
        [CommandOption("--single"), Description("Held-out single-event step prompts (12 frames each); 0 skips."), DefaultValue(200)] public int Single { get; init; } = 200;
        /// <summary>Benchmark instructions per baseline mode.</summary>
        [CommandOption("--multi"), Description("First instructions of --set, run in each baseline mode; 0 skips."), DefaultValue(50)] public int Multi { get; init; } = 50;
        /// <summary>Benchmark set.</summary>
        [CommandOption("--set"), Description("JSONL benchmark set of the baselines."), DefaultValue("data/benchmarks/simple.jsonl")] public string Set { get; init; } = "data/benchmarks/simple.jsonl";
        /// <summary>Seed.</summary>
        [CommandOption("--seed"), Description("Seed of the held-out prompts and the sampler's noise."), DefaultValue(1L)] public long Seed { get; init; } = 1;
        /// <summary>Batch size.</summary>
        [CommandOption("--batch"), Description("Videos generated at once."), DefaultValue(16)] public int Batch { get; init; } = 16;
        /// <summary>Example GIFs.</summary>
        [CommandOption("--gifs"), Description("Example GIFs per part (generated beside the ground truth)."), DefaultValue(3)] public int Gifs { get; init; } = 3;
        /// <summary>Run the switch-reaction part.</summary>
        [CommandOption("--switch-reaction"), Description("Also measure the switch reaction: --plans two-step plans × --continuations videos, switch none and recache.")]
        public bool SwitchReaction { get; init; }
        /// <summary>Two-step plans of the switch-reaction part.</summary>
        [CommandOption("--plans"), Description("Held-out two-step plans of --switch-reaction (step 1 on chunks 0–4, step 2 on 4–8)."), DefaultValue(50)]
        public int Plans { get; init; } = 50;
        /// <summary>Videos per plan and mode.</summary>
        [CommandOption("-k|--continuations"), Description("K: videos per plan and switch mode, each with its own noise."), DefaultValue(8)]
        public int K { get; init; } = 8;
        /// <summary>Device.</summary>
        [CommandOption("--device"), Description("cpu, cuda or auto."), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        /// <summary>Output folder.</summary>
        [CommandOption("--out"), Description("Output folder: quality.json, quality.md, GIFs."), DefaultValue("out/measure-executor")] public string Out { get; init; } = "out/measure-executor";
        /// <summary>Print quality.json on stdout.</summary>
        [CommandOption("--json"), Description("Print quality.json on stdout.")] public bool Json { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            Single < 0 ? ValidationResult.Error($"--single must be ≥ 0, got {Single}")
            : Multi < 0 ? ValidationResult.Error($"--multi must be ≥ 0, got {Multi}")
            : Single == 0 && Multi == 0 && !SwitchReaction ? ValidationResult.Error("--single and --multi are both 0 and no --switch-reaction: nothing to measure")
            : SwitchReaction && Plans < 1 ? ValidationResult.Error($"--plans must be ≥ 1, got {Plans}")
            : SwitchReaction && K < 1 ? ValidationResult.Error($"--continuations must be ≥ 1, got {K}")
            : Batch < 1 ? ValidationResult.Error($"--batch must be ≥ 1, got {Batch}")
            : Gifs < 0 ? ValidationResult.Error($"--gifs must be ≥ 0, got {Gifs}")
            : ValidationResult.Success();
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var device = DeviceChoice.Resolve(s.Device);
        using var model = ExecutorSource.Load(s.Model);
        model.to(device);
        model.eval();
        var set = s.Multi > 0 ? BenchmarkSet.Load(File.Exists(s.Set) ? s.Set : RepoPaths.Find(s.Set)) : [];
        var options = new ExecutorQualityOptions
        {
            SingleCount = s.Single, MultiCount = s.Multi, Seed = s.Seed, BatchSize = s.Batch, Samples = s.Gifs,
            SwitchPlans = s.SwitchReaction ? s.Plans : 0, SwitchContinuations = s.K,
        };

        TempAct.Evaluation.Report.ExecutorQualityReport? report = null;
        ProgressBars.Run("measuring executor", ExecutorQuality.Work(options, set.Count),
            advance => report = ExecutorQuality.Measure(model, set, options, advance, cancellation), "videos");
        report = report! with { Model = s.Model, Set = Path.GetFileNameWithoutExtension(s.Set) };
        var written = report.Save(s.Out);

        if (report.Single.Count > 0)
        {
            var single = new Table().Title($"single events ({report.Single.Count} prompts, {report.Single.Frames} frames)").AddColumns("metric", "mean ± 95% CI");
            single.AddRow("event success", Cell(report.Single.Success));
            single.AddRow("frame quality, generated", Cell(report.Single.GeneratedQuality));
            single.AddRow("frame quality, ground truth", Cell(report.Single.TruthQuality));
            CliConsole.Human.Write(single);
        }
        if (report.Modes.Count > 0 && report.Items.Count > 0)
        {
            // Metrics down, modes across: fits an 80-column stderr.
            var baselines = new Table().Title($"baselines ({report.Items.Count} instructions of {Markup.Escape(report.Set)}), mean ± 95% CI")
                .AddColumn("metric").AddColumns(report.Modes.Select(m => new TableColumn(m.Name).NoWrap()).ToArray());
            var rows = new (string Name, Func<TemporalSummary, string> Cell)[]
            {
                ("S_video", t => Cell(t.SVideo)), ("completion", t => Cell(t.Completion)), ("order", t => Cell(t.Order)),
                ("delay (frames)", t => Markup.Escape(t.Delay.ToString("0.00"))), ("blending", t => Cell(t.Blending)),
                ("frame quality", t => Cell(t.FrameQuality)),
            };
            foreach (var (name, cell) in rows) baselines.AddRow([name, .. report.Modes.Select(m => cell(m.Summary))]);
            CliConsole.Human.Write(baselines);
        }
        if (report.Switch is { } sw)
        {
            var table = new Table().Title($"switch reaction ({sw.Plans.Count} plans × K = {sw.Continuations}, switch at chunk {sw.SwitchChunk}), mean ± 95% CI")
                .AddColumn("metric").AddColumns(sw.Modes.Select(m => new TableColumn(m.Name).NoWrap()).ToArray());
            table.AddRow(["reaction (≤ " + sw.WindowChunks + " chunks)", .. sw.Modes.Select(m => Cell(m.Reaction))]);
            table.AddRow(["zero-success K-groups", .. sw.Modes.Select(m => m.ZeroGroups.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture))]);
            table.AddRow(["step 1 before switch", .. sw.Modes.Select(m => Cell(m.FirstStep))]);
            table.AddRow(["step 2 after, any time", .. sw.Modes.Select(m => Cell(m.AfterSwitch))]);
            table.AddRow(["frame quality", .. sw.Modes.Select(m => Cell(m.FrameQuality))]);
            CliConsole.Human.Write(table);
        }
        CliConsole.Human.MarkupLine($"wrote {written.Count} files to [bold]{Markup.Escape(s.Out)}[/] in {report.Seconds:0.0} s");
        if (s.Json) CliConsole.Result(report.ToJson());
        return ExitCodes.Ok;
    }

    private static string Cell(ConfidenceInterval c) => Markup.Escape(c.ToString());
}
