using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Cli.Commands.Eval;
using TempAct.Cli.Commands.Rl;
using TempAct.Cli.Progress;
using TempAct.Training.Benchmarks;
using TempAct.Training.Data;
using TempAct.World.Language;
using TempAct.World.Serialization;

namespace TempAct.Cli.Commands.Bench;

/// <summary>`bench credit`: how much of S_local's spread within a K-group chunk b's noise decides versus the later
/// chunks' (<see cref="CreditBench"/>). Writes credit.json and credit.md into --out.</summary>
public sealed class BenchCreditCommand : Command<BenchCreditCommand.Settings>
{
    /// <summary>Options of `bench credit`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>RL config.</summary>
        [CommandOption("--config"), Description("RL config: its base executor and planner, switch mode, sampling, reward weights and instruction stream."), DefaultValue("configs/tempact.json")]
        public string Config { get; init; } = "configs/tempact.json";
        /// <summary>Device.</summary>
        [CommandOption("--device"), Description("cpu, cuda or auto."), DefaultValue("auto")] public string Device { get; init; } = "auto";
        /// <summary>Instructions.</summary>
        [CommandOption("-n|--instructions"), Description("Instructions (one plan each, b its first switch)."), DefaultValue(32)] public int Instructions { get; init; } = 32;
        /// <summary>Instruction source.</summary>
        [CommandOption("--set"), Description("simple, hard (the committed benchmark sets) or FILE.jsonl; absent: the RL config's training instruction stream (its first epoch).")]
        public string? Set { get; init; }
        /// <summary>K.</summary>
        [CommandOption("-k|--continuations"), Description("K: continuations per condition on each prefix."), DefaultValue(8)] public int Continuations { get; init; } = 8;
        /// <summary>Seed.</summary>
        [CommandOption("--seed"), Description("Seed of the plans and the noise (default: the config's)."), DefaultValue(null)] public long? Seed { get; init; }
        /// <summary>Windows.</summary>
        [CommandOption("--windows"), Description("Comma-separated windows W (chunks) S_local is scored on."), DefaultValue("1,2")] public string Windows { get; init; } = "1,2";
        /// <summary>Graded action.</summary>
        [CommandOption("--graded"), Description("Score S_local with the graded action sub-score (Rewards.GradedAction): an undetected action earns 0.5 × its progress.")]
        public bool Graded { get; init; }
        /// <summary>Report folder.</summary>
        [CommandOption("--out"), Description("Folder for credit.json and credit.md."), DefaultValue("bench/results/credit")] public string Out { get; init; } = "bench/results/credit";

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            Instructions < 1 ? ValidationResult.Error("--instructions must be at least 1")
            : Continuations < 2 ? ValidationResult.Error("--continuations must be at least 2 (a spread needs two)")
            : ValidationResult.Success();
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var windows = s.Windows.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => int.TryParse(w, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : throw new ArgumentException($"--windows: '{w}' is not a positive integer")).Distinct().ToList();
        if (windows.Count == 0) throw new ArgumentException("--windows: at least one window");
        var config = RlSetup.Config(s.Config, null);
        long seed = s.Seed ?? config.Seed;
        IReadOnlyList<Instruction> instructions = s.Set is { } set
            ? [.. EvalInput.Load(set).Items.Take(s.Instructions).Select(i => i.Instruction)]
            : new RlInstructions(config.Instructions, config.Seed, RlSetup.BenchmarkTexts(), config.Schedule.EvalInstructions).Epoch(0, s.Instructions);
        if (instructions.Count == 0) throw new InvalidDataException($"--set {s.Set}: no instruction");
        var device = DeviceChoice.Resolve(s.Device);
        string source = s.Set ?? "rl-stream";
        Directory.CreateDirectory(s.Out);

        var watch = Stopwatch.StartNew();
        CreditReport report = null!;
        using (var models = RlSetup.Models(config, device))
            ProgressBars.Run($"credit: {instructions.Count} plans × 3 × {s.Continuations}", instructions.Count,
                advance => report = CreditBench.Run(config, models, instructions, s.Continuations, seed, windows, () => advance(1), s.Graded), "plans");
        double seconds = watch.Elapsed.TotalSeconds;

        string command = $"./tempact bench credit --config {s.Config}{(s.Set is null ? "" : $" --set {s.Set}")} --instructions {s.Instructions} --continuations {s.Continuations} --seed {seed} --windows {string.Join(',', windows)} --device {device.type.ToString().ToLowerInvariant()}{(s.Graded ? " --graded" : "")}";
        var json = new
        {
            command, config = s.Config, instructions = source, seed, graded = s.Graded, continuations = s.Continuations, plans = report.Plans, unreadable = report.Unreadable,
            without_switch = report.WithoutSwitch, action_steps = report.ActionSteps, shared_chunk_max_diff = report.SharedChunkMaxDiff, seconds,
            rows = report.Rows.Select(r => new
            {
                condition = Name(r.Condition), window = r.Window, groups = r.Groups, var_s_local = J(r.VarLocal), var_s_local_se = J(r.VarLocalSe), var_action = J(r.VarAction),
                var_action_se = J(r.VarActionSe), zero_spread_share = J(r.ZeroSpreadShare), mean_s_local = J(r.MeanLocal), mean_action = J(r.MeanAction), onset_rate = J(r.OnsetRate),
            }),
        };
        string path = Path.Combine(s.Out, "credit");
        AtomicFile.WriteAllText(path + ".json", JsonSerializer.Serialize(json, WorldJson.Options));
        AtomicFile.WriteAllText(path + ".md", Markdown(report, command, source, s.Continuations, seconds));
        CliConsole.Result(JsonSerializer.Serialize(json, WorldJson.Options));
        CliConsole.Human.MarkupLine($"written to [bold]{Markup.Escape(path)}.md[/] and .json");
        return ExitCodes.Ok;
    }

    /// <summary>JSON has no NaN: an undefined statistic (no group, no action step) is null.</summary>
    private static double? J(double v) => double.IsFinite(v) ? v : null;

    private static string Name(CreditCondition c) => c switch
    {
        CreditCondition.ChunkB => "a: chunk b varies",
        CreditCondition.Later => "b: chunks b+1.. vary",
        _ => "c: all vary",
    };

    /// <summary>The table: per condition and window, the spreads (and their share of (c)'s) and the means.</summary>
    public static string Markdown(CreditReport report, string command, string source, int k, double seconds)
    {
        var md = new StringBuilder($"# `{command}`\n\n");
        md.Append(CultureInfo.InvariantCulture, $"{report.Plans} plans ({source}; {report.Unreadable} unreadable skipped, {report.WithoutSwitch} without a switch, {report.ActionSteps} with an action step at b), K = {k} per condition, {seconds:F0} s. ");
        md.Append(CultureInfo.InvariantCulture, $"Variances are within-group sample variances (K − 1) averaged over groups; ± is the standard error over groups; \"share\" is that variance over condition (c)'s at the same W. Chunk b in (b) identical across its K: max |diff| {report.SharedChunkMaxDiff:G3}.\n\n");
        md.Append("| condition | W | var S_local | share | var action | share | groups with zero S_local spread | mean S_local | mean action | onset rate |\n");
        md.Append("|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var r in report.Rows)
        {
            var all = report.Rows.Single(x => x.Condition == CreditCondition.All && x.Window == r.Window);
            md.Append(string.Create(CultureInfo.InvariantCulture,
                $"| {Name(r.Condition)} | {r.Window} | {r.VarLocal:F4} ± {r.VarLocalSe:F4} | {Share(r.VarLocal, all.VarLocal)} | {r.VarAction:F4} ± {r.VarActionSe:F4} | {Share(r.VarAction, all.VarAction)} | {r.ZeroSpreadShare:P0} | {r.MeanLocal:F3} | {r.MeanAction:F3} | {r.OnsetRate:P0} |\n"));
        }
        return md.ToString();
    }

    private static string Share(double part, double all) => all > 0 ? (part / all).ToString("F2", CultureInfo.InvariantCulture) : "–";
}
