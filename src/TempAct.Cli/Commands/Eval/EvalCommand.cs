using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Evaluation.Eval;
using TempAct.Evaluation.Report;
using TempAct.Models.Executor;

namespace TempAct.Cli.Commands.Eval;

/// <summary>`eval`: every instruction of a set in each mode (single, step, tempact) × seeds, from the instruction's own
/// scene; the oracle's metrics per mode with 95% intervals into results.json and results.md, and the report page.</summary>
public sealed class EvalCommand : Command<EvalCommand.Settings>
{
    /// <summary>Options of `eval`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Instruction set.</summary>
        [CommandOption("--set"), Description("simple, hard (the committed benchmark sets) or FILE.jsonl with one {\"instruction\": \"...\"} a line."), DefaultValue("hard")]
        public string Set { get; init; } = "hard";
        /// <summary>Modes.</summary>
        [CommandOption("--modes"), Description("Comma-separated: single, step, tempact, and the ablation arms flat, planner-frozen, executor-frozen, no-kl, no-aesthetic, uniform-spans, look-ahead, shuffled-advantages (weights from --arms); any but single may end in -none or -recache to fix its switch whatever --switch says (tempact,tempact-recache: both in one table)."), DefaultValue("single,step")] public string Modes { get; init; } = "single,step";
        /// <summary>Seeds per instruction.</summary>
        [CommandOption("--seeds"), Description("Seeds per instruction (one plan and one noise draw each)."), DefaultValue(2)] public int Seeds { get; init; } = 2;
        /// <summary>First N instructions.</summary>
        [CommandOption("--limit"), Description("Only the first N instructions that parse.")] public int? Limit { get; init; }
        /// <summary>Switch mode.</summary>
        [CommandOption("--switch"), Description("Step switches of every mode without a -none/-recache suffix: none (keep the cache) or recache (re-encode it)."), DefaultValue("none")] public string Switch { get; init; } = "none";
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
        /// <summary>Ablation arms' folders.</summary>
        [CommandOption("--arms"), Description("Folder of the ablation arms' RL-trained folders, one named like each arm's mode (flat/, no-kl/, …; each what `train rl --out RUN` writes as RUN/model/)."), DefaultValue(EvalWeights.ArmsFolder)] public string Arms { get; init; } = EvalWeights.ArmsFolder;
        /// <summary>Aesthetic scorer.</summary>
        [CommandOption("--aesthetic"), Description("Aesthetic scorer folder."), DefaultValue("models/aesthetic")] public string Aesthetic { get; init; } = "models/aesthetic";
        /// <summary>Device.</summary>
        [CommandOption("--device"), Description("cpu, cuda or auto."), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        /// <summary>Output folder.</summary>
        [CommandOption("--out"), Description("Output folder: results.json, results.md, videos.csv (every video's metrics), events.csv (every expected event: shown, or why not), index.html (the report page), charts/, videos/. An existing non-empty folder is refused unless --overwrite."), DefaultValue("out/eval")] public string Out { get; init; } = "out/eval";
        /// <summary>Replace the report in --out.</summary>
        [CommandOption("--overwrite"), Description("Replace the report files already in --out.")] public bool Overwrite { get; init; }
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
        // 1. The command line, the output folder and the set, before any model is loaded.
        var modes = EvalMode.ParseList(s.Modes);
        var runSwitch = s.Switch == "recache" ? SwitchMode.Recache : SwitchMode.None;
        var trained = EvalSession.ResolveTrained(modes, s.TempAct, s.Arms, runSwitch);
        var set = EvalInput.Load(s.Set).Take(s.Limit);
        ReportFolder.Prepare(s.Out, s.Overwrite);
        var options = new EvalOptions { Modes = modes, Seeds = s.Seeds, Seed = s.Seed, BatchSize = s.Batch, Switch = runSwitch };

        // 2. Run, write the report, print the table.
        var report = EvalSession.Run(set, options, new EvalSession.Models(s.Executor, s.Planner, trained, s.Aesthetic, s.Device), s.Out, cancellation);
        if (s.Json) CliConsole.Result(report.ToJson());
        return ExitCodes.Ok;
    }
}
