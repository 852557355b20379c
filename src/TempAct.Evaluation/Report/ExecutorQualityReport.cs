using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using TempAct.Evaluation.Metrics;
using TempAct.World.Benchmarks;
using TempAct.World.Media;
using TempAct.World.Serialization;

namespace TempAct.Evaluation.Report;

/// <summary>What <see cref="ExecutorQuality.Measure"/> found: the single-event part, the baselines per mode, example
/// videos; written as quality.json, quality.md and one GIF per example.</summary>
/// <param name="Options">The options of the run.</param>
/// <param name="Single">Single-event results.</param>
/// <param name="Items">The benchmark instructions of the baselines, in set order (the order of every mode's videos).</param>
/// <param name="Modes">One entry per baseline mode.</param>
/// <param name="Samples">Examples for GIFs.</param>
/// <param name="Seconds">Wall-clock time of the measurement.</param>
public sealed record ExecutorQualityReport(ExecutorQualityOptions Options, SingleEventQuality Single, IReadOnlyList<BenchmarkItem> Items,
    IReadOnlyList<ModeQuality> Modes, IReadOnlyList<QualitySample> Samples, double Seconds)
{
    /// <summary>JSON file name.</summary>
    public const string JsonFile = "quality.json";
    /// <summary>Markdown file name.</summary>
    public const string MarkdownFile = "quality.md";

    /// <summary>The executor measured (a label for the files).</summary>
    public string Model { get; init; } = "";
    /// <summary>The benchmark set of the baselines (a label for the files).</summary>
    public string Set { get; init; } = "";
    /// <summary>The switch-reaction part; null when it was not run.</summary>
    public Switching.SwitchReactionReport? Switch { get; init; }

    /// <summary>Writes quality.json, quality.md and the example GIFs into <paramref name="dir"/>; returns the paths.</summary>
    public IReadOnlyList<string> Save(string dir)
    {
        Directory.CreateDirectory(dir);
        var written = new List<string> { Path.Combine(dir, JsonFile), Path.Combine(dir, MarkdownFile) };
        AtomicFile.WriteAllText(written[0], ToJson());
        AtomicFile.WriteAllText(written[1], ToMarkdown());
        foreach (var s in Samples)
        {
            string gif = Path.Combine(dir, s.Name + ".gif");
            VideoImages.WriteGif(PanelStrip.Join(s.Panels.Select(p => p.Video).ToList()), gif);
            written.Add(gif);
        }
        return written;
    }

    /// <summary>Everything as indented JSON: summaries ({mean, ci95, n}; null when undefined) and per-video scores.</summary>
    public string ToJson()
    {
        var modes = new JsonObject();
        foreach (var m in Modes)
            modes[m.Name] = new JsonObject
            {
                ["summary"] = Summary(m.Summary),
                ["videos"] = new JsonArray(m.Videos.Select((v, i) => (JsonNode)new JsonObject
                {
                    ["index"] = i,
                    ["s_video"] = Round(v.SVideo), ["completion"] = Round(v.Completion), ["order"] = Round(v.Order),
                    ["delay"] = Round(v.Delay), ["blending"] = Round(v.Blending), ["frame_quality"] = Round(v.FrameQuality),
                }).ToArray()),
            };
        var root = new JsonObject
        {
            ["model"] = Model,
            ["seed"] = Options.Seed,
            ["seconds"] = Math.Round(Seconds, 1),
            ["single"] = new JsonObject
            {
                ["prompts"] = Single.Count, ["frames"] = Single.Frames, ["success"] = Interval(Single.Success),
                ["frame_quality_generated"] = Interval(Single.GeneratedQuality), ["frame_quality_truth"] = Interval(Single.TruthQuality),
            },
            ["multi"] = new JsonObject
            {
                ["set"] = Set, ["instructions"] = Items.Count,
                ["frames"] = new JsonArray(Items.Select(i => i.Frames).Distinct().Select(f => (JsonNode)f).ToArray()),
                ["modes"] = modes,
            },
            ["switch_reaction"] = Switch?.ToJson(),
            ["samples"] = new JsonArray(Samples.Select(s => (JsonNode)new JsonObject
            {
                ["gif"] = s.Name + ".gif", ["text"] = s.Text,
                ["panels"] = new JsonArray(s.Panels.Select(p => (JsonNode)p.Caption).ToArray()),
            }).ToArray()),
        };
        return root.ToJsonString(WorldJson.Indented);
    }

    /// <summary>The summary tables as Markdown.</summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Executor quality").AppendLine();
        md.AppendLine(Invariant($"Model `{Model}`, seed {Options.Seed}, {Seconds:0.0} s. Each cell: mean ± half-width of the 95% confidence interval (Student t over items)."));
        md.AppendLine();
        if (Single.Count > 0) AppendSingle(md);
        if (Items.Count > 0) AppendBaselines(md);
        Switch?.AppendMarkdown(md);
        if (Samples.Count > 0)
        {
            md.AppendLine("## Examples").AppendLine();
            foreach (var s in Samples)
                md.AppendLine($"- `{s.Name}.gif` ({string.Join(" | ", s.Panels.Select(p => p.Caption))}): {s.Text}");
        }
        return md.ToString();
    }

    private void AppendSingle(StringBuilder md)
    {
        md.AppendLine(Invariant($"## Single events ({Single.Count} held-out step prompts, {Single.Frames} frames)")).AppendLine();
        md.AppendLine("| metric | value | n |").AppendLine("|---|---|---|");
        md.AppendLine(Invariant($"| event success (tracker) | {Single.Success} | {Single.Success.N} |"));
        md.AppendLine(Invariant($"| frame quality, generated | {Single.GeneratedQuality} | {Single.GeneratedQuality.N} |"));
        md.AppendLine(Invariant($"| frame quality, ground truth | {Single.TruthQuality} | {Single.TruthQuality.N} |")).AppendLine();
    }

    private void AppendBaselines(StringBuilder md)
    {
        string frames = string.Join(", ", Items.Select(i => i.Frames).Distinct());
        md.AppendLine(Invariant($"## Baselines ({Items.Count} instructions of {(Set.Length > 0 ? Set : "the set")}, {frames} frames)")).AppendLine();
        md.AppendLine("| mode | S_video | completion | order | delay (frames) | blending | frame quality |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var m in Modes)
        {
            var s = m.Summary;
            md.AppendLine($"| {m.Name} | {s.SVideo} | {s.Completion} | {s.Order} | {s.Delay.ToString("0.00")} | {s.Blending} | {s.FrameQuality} |");
        }
        md.AppendLine();
        md.AppendLine("Order and delay average the videos where they are defined (at least two shown events; a shown event after a switch): n per metric in quality.json.");
        md.AppendLine("global: the instruction on every chunk, timing = the instruction's default spans; step-none / step-recache: the rule teacher's " +
                      "step prompts on uniform spans, switched keeping / re-encoding the KV cache, timing = the plan's spans.");
        md.AppendLine();
    }

    private static JsonObject Summary(TemporalSummary s) => new()
    {
        ["videos"] = s.Videos, ["s_video"] = Interval(s.SVideo), ["completion"] = Interval(s.Completion), ["order"] = Interval(s.Order),
        ["delay"] = Interval(s.Delay), ["blending"] = Interval(s.Blending), ["frame_quality"] = Interval(s.FrameQuality),
    };

    private static JsonObject Interval(ConfidenceInterval c) => new() { ["mean"] = Round(c.Mean), ["ci95"] = Round(c.HalfWidth), ["n"] = c.N };

    private static double? Round(double? x) => x is { } v && double.IsFinite(v) ? Math.Round(v, 4) : null;

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
