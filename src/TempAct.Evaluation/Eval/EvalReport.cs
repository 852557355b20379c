using System.Globalization;
using System.Text;
using System.Text.Json;
using TempAct.Evaluation.Metrics;
using TempAct.Models.Executor;
using TempAct.World.Serialization;

namespace TempAct.Evaluation.Eval;

/// <summary>The results of an `eval` run: per mode, every metric's mean and 95% interval; the skipped lines; the time.
/// Saved as results.json and results.md.</summary>
/// <param name="Set">The set's name.</param>
/// <param name="Switch">The switch mode of the step and tempact modes.</param>
/// <param name="Seeds">Seeds per instruction.</param>
/// <param name="Modes">One result per mode, in the order run.</param>
/// <param name="Skipped">Lines whose instruction does not parse.</param>
/// <param name="Seconds">Wall-clock seconds of the run (plans, generation and scoring).</param>
public sealed record EvalReport(string Set, SwitchMode Switch, int Seeds, IReadOnlyList<ModeResult> Modes, IReadOnlyList<SkippedInstruction> Skipped,
    double Seconds)
{
    /// <summary>The results file's name.</summary>
    public const string JsonFile = "results.json";

    /// <summary>The table's file name.</summary>
    public const string MarkdownFile = "results.md";

    /// <summary>Every video's metrics, one row a video (mode, instruction, seed): the file to re-analyse a run from.</summary>
    public const string VideosFile = "videos.csv";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>The rows of the table: JSON key, label and the metric of a mode.</summary>
    public static IReadOnlyList<(string Key, string Label, Func<ModeResult, ConfidenceInterval> Of)> Metrics { get; } =
    [
        ("tfs", "Temporal-Following (S_video)", m => m.Temporal.SVideo),
        ("completion", "event completion", m => m.Temporal.Completion),
        ("order_accuracy", "order accuracy", m => m.Temporal.Order),
        ("transition_delay", "transition delay (frames)", m => m.Temporal.Delay),
        ("blending", "blending rate", m => m.Temporal.Blending),
        ("frame_quality", "frame quality (analytic)", m => m.Temporal.FrameQuality),
        ("aesthetic", "aesthetic (learned)", m => m.Aesthetic),
        ("identity", "identity consistency", m => m.Identity),
    ];

    /// <summary>The instructions' text by index in the set (the videos' <see cref="VideoScores.Item"/>); empty when
    /// not known (videos.csv then leaves the column empty).</summary>
    public IReadOnlyList<string> Instructions { get; init; } = [];

    /// <summary>Every other mode against step (or the first mode without step), paired on instruction and seed
    /// (computed on each read: a pass over the videos).</summary>
    public IReadOnlyList<PairedDifference> Paired => PairedDifference.Of(Modes);

    /// <summary>The switch mode's name: "none" or "recache".</summary>
    public string SwitchName => EvalMode.SwitchName(Switch);

    /// <summary>Seconds of each phase of the run (<see cref="EvalRunner.PhaseNames"/>), summed over modes; empty when
    /// not measured.</summary>
    public IReadOnlyList<(string Phase, double Seconds)> Phases { get; init; } = [];

    /// <summary>results.json: {set, switch, seeds, modes: {name: {metric: {mean, ci95, n}, n, plan_fallbacks, switch,
    /// look_ahead, uniform_spans}}, paired: {reference, modes: {name: {metric: {mean, ci95, n}}}} (mode − reference on
    /// the same instruction and seed; null with one mode), skipped, seconds, phase_seconds: {phase: seconds}}. An undefined
    /// mean or interval (no values, one value) is null. The top-level switch is the run's (--switch); a mode's is the one
    /// its videos were generated with.</summary>
    public string ToJson()
    {
        var modes = new Dictionary<string, object>();
        foreach (var m in Modes)
        {
            var entry = new Dictionary<string, object?>();
            foreach (var (key, _, of) in Metrics)
            {
                var c = of(m);
                entry[key] = new { mean = Finite(c.Mean), ci95 = Finite(c.HalfWidth), n = c.N };
            }
            entry["n"] = m.Videos.Count;
            entry["plan_fallbacks"] = m.PlanFallbacks;
            entry["switch"] = EvalMode.SwitchName(m.Switch);
            entry["look_ahead"] = m.LookAhead;
            entry["uniform_spans"] = m.Mode.Arm.HasFlag(TempAct.Training.Config.Ablation.UniformSpans);
            modes[m.Mode.Name] = entry;
        }
        var paired = Paired;
        object? pairedJson = paired.Count == 0 ? null : new
        {
            reference = paired[0].Reference,
            modes = paired.ToDictionary(p => p.Mode, p => p.Metrics.ToDictionary(kv => kv.Key,
                kv => new { mean = Finite(kv.Value.Mean), ci95 = Finite(kv.Value.HalfWidth), n = kv.Value.N })),
        };
        return JsonSerializer.Serialize(new
        {
            set = Set, @switch = SwitchName, seeds = Seeds, modes, paired = pairedJson,
            skipped = Skipped.Select(s => new { instruction = s.Instruction, error = s.Error }).ToArray(),
            seconds = Math.Round(Seconds, 1),
            phase_seconds = Phases.ToDictionary(p => p.Phase, p => Math.Round(p.Seconds, 1)),
        }, Options);
    }

    /// <summary>results.md: metrics down, modes across, "mean ± half-width" cells.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# eval: {Set}, switch {SwitchName}, {Seeds} seed(s) an instruction");
        sb.AppendLine();
        sb.AppendLine("Mean ± 95% confidence half-width over instructions × seeds.");
        sb.AppendLine();
        sb.AppendLine("| metric | " + string.Join(" | ", Modes.Select(m => m.Mode.Name)) + " |");
        sb.AppendLine("|---|" + string.Concat(Modes.Select(_ => "---|")));
        foreach (var (_, label, of) in Metrics)
            sb.AppendLine($"| {label} | " + string.Join(" | ", Modes.Select(m => Cell(of(m), label.Contains("delay", StringComparison.Ordinal) ? "0.00" : "0.000"))) + " |");
        sb.AppendLine("| videos | " + string.Join(" | ", Modes.Select(m => m.Videos.Count.ToString(CultureInfo.InvariantCulture))) + " |");
        sb.AppendLine("| plan fallbacks | " + string.Join(" | ", Modes.Select(m => m.PlanFallbacks.ToString(CultureInfo.InvariantCulture))) + " |");
        sb.AppendLine("| switch | " + string.Join(" | ", Modes.Select(m => EvalMode.SwitchName(m.Switch))) + " |");
        var paired = Paired;
        if (paired.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"Paired differences, mode − {paired[0].Reference} on the same instruction and seed (mean ± 95% half-width over the pairs; an interval that excludes 0 is a difference):");
            sb.AppendLine();
            sb.AppendLine("| metric | " + string.Join(" | ", paired.Select(p => $"{p.Mode} − {p.Reference}")) + " |");
            sb.AppendLine("|---|" + string.Concat(paired.Select(_ => "---|")));
            foreach (var (key, label, _) in Metrics)
                sb.AppendLine($"| {label} | " + string.Join(" | ", paired.Select(p => SignedCell(p.Metrics[key], key == "transition_delay" ? "0.00" : "0.000"))) + " |");
        }
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{Skipped.Count} instruction(s) skipped; {Seconds:0.0} s{PhaseText}.");
        foreach (var s in Skipped) sb.AppendLine($"- `{s.Instruction}`: {s.Error}");
        return sb.ToString();
    }

    /// <summary>videos.csv: mode, item, seed, instruction, then every metric (empty where undefined), one row a video in
    /// the order run; RFC 4180 quoting.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.AppendLine("mode,item,seed,instruction," + string.Join(",", Metrics.Select(m => m.Key)));
        foreach (var m in Modes)
            foreach (var v in m.Videos)
            {
                string text = v.Item >= 0 && v.Item < Instructions.Count ? Instructions[v.Item] : "";
                sb.Append(CultureInfo.InvariantCulture, $"{Csv(m.Mode.Name)},{v.Item},{v.Seed},{Csv(text)}");
                foreach (var (key, _, _) in Metrics)
                    sb.Append(',').Append(v.Value(key) is double x && double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "");
                sb.AppendLine();
            }
        return sb.ToString();
    }

    /// <summary>Writes results.json, results.md and videos.csv into <paramref name="dir"/> (created), each to a temp name
    /// then renamed; returns their paths.</summary>
    public IReadOnlyList<string> Save(string dir)
    {
        Directory.CreateDirectory(dir);
        string json = Path.Combine(dir, JsonFile), md = Path.Combine(dir, MarkdownFile), csv = Path.Combine(dir, VideosFile);
        AtomicFile.WriteAllText(json, ToJson());
        AtomicFile.WriteAllText(md, ToMarkdown());
        AtomicFile.WriteAllText(csv, ToCsv());
        return [json, md, csv];
    }

    private static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>"+0.012 ± 0.008": the sign always shown, since a difference's sign is its message.</summary>
    public static string SignedCell(ConfidenceInterval c, string format)
    {
        string signed = "+" + format + ";-" + format + ";" + format;
        return c.N switch
        {
            0 => "—",
            1 => c.Mean.ToString(signed, CultureInfo.InvariantCulture),
            _ => $"{c.Mean.ToString(signed, CultureInfo.InvariantCulture)} ± {c.HalfWidth.ToString(format, CultureInfo.InvariantCulture)}",
        };
    }

    /// <summary>" (planning 3.1 s, generation 200.4 s, …)", or "" when not measured.</summary>
    public string PhaseText => Phases.Count == 0 ? ""
        : " (" + string.Join(", ", Phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Phase} {p.Seconds:0.0} s"))) + ")";

    private static string Cell(ConfidenceInterval c, string format) => c.ToString(format).Replace("|", "\\|", StringComparison.Ordinal);

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;
}
