using System.Globalization;
using System.Net;
using System.Text;
using TempAct.Evaluation.Eval;
using TempAct.Evaluation.Metrics;
using TempAct.World.Events;
using TempAct.World.Media;
using TempAct.World.Plans;
using TempAct.World.Serialization;
using TempAct.World.Tracking;

namespace TempAct.Evaluation.Report;

/// <summary>
/// The report page of an `eval` run, <c>index.html</c>, self-contained in its folder (inline style and script, relative
/// links only): the metrics table; a bar chart a metric with 95% error bars (<see cref="EvalCharts"/>, <c>charts/</c>);
/// then one row an instruction with the video of every mode and seed side by side (<c>videos/</c>, GIFs at the frames' own
/// size, shown <see cref="Zoom"/>× with pixelated scaling), each with its plan (step prompts and spans), a timeline
/// (expected event spans, switch points, the tracker's detected changes) and the detected events listed with their
/// frames. Rows sort by the gain (Temporal-Following score of the helped mode − the reference, mean over seeds: tempact −
/// step, else tempact − single, else step − single), by instruction and by set order. With many modes (an ablation table
/// has up to a dozen) the first <see cref="ModesShown"/> modes' videos are shown and the others are a checkbox away:
/// their GIFs are not even loaded until shown, so the page stays light and rows stay readable.
/// </summary>
/// <remarks>Use: <see cref="Add"/> for every video as the run scores it (the GIF is written at once, so the page never
/// holds frames), then <see cref="Write"/> with the run's report. Every file goes through <see cref="AtomicFile"/>.</remarks>
public sealed class EvalPage
{
    /// <summary>The page's file name.</summary>
    public const string IndexFile = "index.html";

    /// <summary>The charts' folder.</summary>
    public const string ChartsFolder = "charts";

    /// <summary>The videos' folder.</summary>
    public const string VideosFolder = "videos";

    /// <summary>How many times the GIFs are scaled up on the page.</summary>
    public const int Zoom = 4;

    /// <summary>GIF frame rate.</summary>
    public const int Fps = 8;

    /// <summary>How many modes' videos the page shows at first (the first ones of the run); the rest are shown on demand.</summary>
    public const int ModesShown = 3;

    /// <summary>What the page keeps of one video (no frames).</summary>
    private sealed record Shown(string Gif, int Frames, int Width, StepPlan? Plan, bool Fallback, IReadOnlyList<TimedEvent> Expected,
        IReadOnlyList<int> Switches, IReadOnlyList<DetectedEvent> Detected, VideoScores Scores);

    private readonly string dir;
    private readonly EvalSet set;
    private readonly IReadOnlyList<EvalMode> modes;
    private readonly int seeds;
    private readonly Dictionary<(EvalMode Mode, int Item, int Seed), Shown> videos = [];

    /// <summary>A page for a run of <paramref name="modes"/> × <paramref name="seeds"/> on <paramref name="set"/>, written
    /// into <paramref name="dir"/>.</summary>
    public EvalPage(string dir, EvalSet set, IReadOnlyList<EvalMode> modes, int seeds)
    {
        if (seeds < 1) throw new ArgumentOutOfRangeException(nameof(seeds), $"seeds must be ≥ 1, got {seeds}");
        this.dir = dir; this.set = set; this.modes = modes; this.seeds = seeds;
    }

    /// <summary>The mode whose gain the rows sort by and the mode it is compared with (tempact − step, tempact − single,
    /// step − single: the first pair whose modes both ran); null with no such pair.</summary>
    public static (EvalMode Helped, EvalMode Reference)? GainPair(IReadOnlyList<EvalMode> modes) =>
        new (EvalMode, EvalMode)[] { (EvalMode.TempAct, EvalMode.Step), (EvalMode.TempAct, EvalMode.Single), (EvalMode.Step, EvalMode.Single) }
            .Where(p => modes.Contains(p.Item1) && modes.Contains(p.Item2)).Cast<(EvalMode, EvalMode)?>().FirstOrDefault();

    /// <summary>The GIF of a video, relative to the page.</summary>
    public static string GifPath(EvalMode mode, int item, int seed) =>
        $"{VideosFolder}/{mode.Name}-{item.ToString("D3", CultureInfo.InvariantCulture)}-s{seed.ToString(CultureInfo.InvariantCulture)}.gif";

    /// <summary>Writes the video's GIF (through the streaming GIF writer, at its own size) and keeps what the page shows.</summary>
    public void Add(EvalVideo v)
    {
        string relative = GifPath(v.Mode, v.Item, v.SeedIndex);
        AtomicFile.Write(Path.Combine(dir, relative), stream =>
        {
            var gif = new GifStreamWriter(stream, v.Video.Width, v.Video.Height, scale: 1, fps: Fps);
            gif.Write(v.Video.Data, 0, v.Video.Frames);
            gif.Finish();
        });
        videos[(v.Mode, v.Item, v.SeedIndex)] = new Shown(relative, v.Video.Frames, v.Video.Width, v.Plan, v.Fallback, v.Expected, v.Switches,
            v.Tracking.Events, v.Scores);
    }

    /// <summary>Videos added so far.</summary>
    public int Count => videos.Count;

    /// <summary>The gain of item <paramref name="item"/> (see <see cref="GainPair"/>); null without a pair or videos.</summary>
    public double? Gain(int item)
    {
        if (GainPair(modes) is not var (helped, reference)) return null;
        double? Mean(EvalMode m)
        {
            var tfs = Enumerable.Range(0, seeds).Select(s => videos.GetValueOrDefault((m, item, s))).Where(v => v is not null).Select(v => v!.Scores.Temporal.SVideo).ToList();
            return tfs.Count == 0 ? null : tfs.Average();
        }
        return Mean(helped) - Mean(reference);
    }

    /// <summary>Writes the charts and index.html (after every video was added); returns the paths written.</summary>
    public IReadOnlyList<string> Write(EvalReport report)
    {
        var written = new List<string>(EvalCharts.WriteAll(report, Path.Combine(dir, ChartsFolder)));
        string index = Path.Combine(dir, IndexFile);
        AtomicFile.WriteAllText(index, Html(report));
        written.Add(index);
        return written;
    }

    /// <summary>The page's HTML.</summary>
    public string Html(EvalReport report)
    {
        var pair = GainPair(modes);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append(CultureInfo.InvariantCulture, $"<title>TempAct evaluation: {E(report.Set)}</title>\n<style>\n{Style}</style>\n</head>\n<body>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<h1>TempAct evaluation: <code>{E(report.Set)}</code></h1>\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"<p class=\"meta\">{set.Items.Count} instruction(s) × {report.Seeds} seed(s), modes {E(string.Join(", ", modes.Select(m => m.Name)))}, " +
            $"switch <code>{report.SwitchName}</code> (a mode's own is in the table), {report.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s{E(report.PhaseText)}. " +
            $"Every video starts from its instruction's own scene; the oracle (the tracker) scores it. " +
            $"Data: <a href=\"{EvalReport.JsonFile}\">{EvalReport.JsonFile}</a>, <a href=\"{EvalReport.MarkdownFile}\">{EvalReport.MarkdownFile}</a>, <a href=\"{EvalReport.VideosFile}\">{EvalReport.VideosFile}</a> (every video's metrics), <a href=\"{EventsTable.File}\">{EventsTable.File}</a> (every expected event: shown, or why not).</p>\n");

        // The metrics table and the charts.
        sb.Append("<h2>Metrics</h2>\n<p class=\"note\">Mean ± 95 % confidence half-width over instructions × seeds (n: videos where the metric is defined).</p>\n");
        sb.Append("<div class=\"scroll\"><table class=\"metrics\" id=\"metrics\">\n<thead><tr><th>metric</th>");
        foreach (var m in report.Modes) sb.Append(CultureInfo.InvariantCulture, $"<th class=\"mode-{m.Mode.Name}\">{Swatch(m.Mode)}{m.Mode.Name}</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        MetricRows(sb, report.Modes, (m, of, _) => of(m), (c, format) => c.ToString(format));
        sb.Append("<tr><th>plan fallbacks</th>");
        foreach (var m in report.Modes) sb.Append(CultureInfo.InvariantCulture, $"<td>{m.PlanFallbacks}</td>");
        sb.Append("</tr>\n<tr><th>switch</th>");
        foreach (var m in report.Modes) sb.Append(CultureInfo.InvariantCulture, $"<td>{EvalMode.SwitchName(m.Switch)}{(m.LookAhead ? ", look-ahead" : "")}</td>");
        sb.Append("</tr>\n</tbody>\n</table></div>\n");
        var paired = report.Paired;
        if (paired.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"<p class=\"note\">Paired on the same instruction and seed: mean of (mode − {E(paired[0].Reference)}) ± 95 % half-width over the pairs; an interval that excludes 0 is a difference even where the modes' own intervals overlap.</p>\n");
            sb.Append("<div class=\"scroll\"><table class=\"metrics\" id=\"paired\">\n<thead><tr><th>metric</th>");
            foreach (var p in paired) sb.Append(CultureInfo.InvariantCulture, $"<th>{E(p.Mode)} − {E(p.Reference)}</th>");
            sb.Append("</tr></thead>\n<tbody>\n");
            MetricRows(sb, paired, (p, _, key) => p.Metrics[key], EvalReport.SignedCell);
            sb.Append("</tbody>\n</table></div>\n");
        }
        if (report.Skipped.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{report.Skipped.Count} instruction(s) skipped (they do not parse):</p>\n<ul class=\"skipped\">\n");
            foreach (var s in report.Skipped) sb.Append(CultureInfo.InvariantCulture, $"<li><q>{E(s.Instruction)}</q>: {E(s.Error)}</li>\n");
            sb.Append("</ul>\n");
        }
        sb.Append("<h2>Charts</h2>\n<div class=\"charts\">\n");
        int chartWidth = EvalCharts.WidthFor(report.Modes.Count);
        foreach (var (key, label, _) in EvalReport.Metrics)
            sb.Append(CultureInfo.InvariantCulture, $"<img src=\"{ChartsFolder}/{key}.png\" width=\"{chartWidth}\" height=\"{EvalCharts.HeightFor(report.Modes.Count)}\" alt=\"{E(label)} by mode, 95 % error bars\">\n");
        sb.Append("</div>\n");

        // The videos.
        sb.Append("<h2>Videos</h2>\n<p class=\"note\">Each GIF is shown ").Append(Zoom)
          .Append("× (pixelated), ").Append(Fps).Append(" frames a second. Under it, the timeline: the expected event spans (numbered), the switch points (red lines: where the prompt changes to the next step), ")
          .Append("and the tracker's detected changes (dark bars); then the plan (step prompts with their spans; a chunk is 3 frames) and the detected events with their frames [onset–end].</p>\n");
        sb.Append("<div class=\"sort\" id=\"sort\">Sort: ");
        if (pair is var (helped, reference))
            sb.Append(CultureInfo.InvariantCulture,
                $"<button type=\"button\" id=\"sort-gain\" data-key=\"gain\">by gain ({helped.Name} − {reference.Name})</button> ");
        sb.Append("<button type=\"button\" id=\"sort-instruction\" data-key=\"instruction\">by instruction</button> ")
          .Append("<button type=\"button\" id=\"sort-order\" data-key=\"order\">set order</button> <span id=\"sort-state\"></span></div>\n");
        // Which modes' videos are shown: the first few at first, the others on demand (their GIFs load when shown).
        sb.Append("<div class=\"modes\" id=\"mode-toggles\">Videos of: ");
        for (int i = 0; i < modes.Count; i++)
            sb.Append(CultureInfo.InvariantCulture,
                $"<label>{Swatch(modes[i])}<input type=\"checkbox\" data-mode=\"{modes[i].Name}\"{(ShownAtFirst(i) ? " checked" : "")}> {modes[i].Name}</label> ");
        if (modes.Count > ModesShown)
            sb.Append("<button type=\"button\" id=\"modes-all\">all</button> <button type=\"button\" id=\"modes-first\">first ")
              .Append(ModesShown).Append("</button>");
        sb.Append("</div>\n");
        sb.Append("<table class=\"videos\" id=\"videos\">\n<thead><tr><th>#</th><th>instruction</th>");
        if (pair is var (h, r)) sb.Append(CultureInfo.InvariantCulture, $"<th>gain<br><span class=\"n\">tfs {h.Name} − {r.Name}</span></th>");
        for (int i = 0; i < modes.Count; i++)
            sb.Append(CultureInfo.InvariantCulture, $"<th class=\"mode-{modes[i].Name}\" data-mode=\"{modes[i].Name}\"{Hidden(i)}>{Swatch(modes[i])}{modes[i].Name}</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < set.Items.Count; i++) Row(sb, i, pair is not null);
        sb.Append("</tbody>\n</table>\n");
        sb.Append("<script>\n").Append(Script.Replace("MODES_SHOWN", ModesShown.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
          .Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private void Row(StringBuilder sb, int i, bool hasGain)
    {
        var item = set.Items[i];
        double? gain = Gain(i);
        string gainAttr = gain is { } g ? g.ToString("R", CultureInfo.InvariantCulture) : "";
        sb.Append(CultureInfo.InvariantCulture,
            $"<tr class=\"item\" data-order=\"{i}\" data-gain=\"{gainAttr}\" data-instruction=\"{E(item.Instruction.Text)}\">\n<td class=\"idx\">{i + 1}</td>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<td class=\"instruction\"><p>{E(item.Instruction.Text)}</p><p class=\"n\">{item.Frames} frames; events:</p><ol class=\"expected\">");
        foreach (var e in item.Instruction.Events) sb.Append(CultureInfo.InvariantCulture, $"<li>{E(e.ToString())}</li>");
        sb.Append("</ol></td>\n");
        if (hasGain)
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"gain\">{(gain is { } gv ? gv.ToString("+0.000;−0.000;0.000", CultureInfo.InvariantCulture) : "—")}</td>\n");
        for (int k = 0; k < modes.Count; k++)
        {
            var m = modes[k];
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"mode mode-{m.Name}\" data-mode=\"{m.Name}\"{Hidden(k)}><div class=\"seeds\">");
            for (int s = 0; s < seeds; s++)
                if (videos.TryGetValue((m, i, s), out var v)) Figure(sb, m, s, v, ShownAtFirst(k));
            sb.Append("</div></td>\n");
        }
        sb.Append("</tr>\n");
    }

    /// <summary>Whether the mode at <paramref name="index"/> is shown at first.</summary>
    private static bool ShownAtFirst(int index) => index < ModesShown;

    private static string Hidden(int index) => ShownAtFirst(index) ? "" : " hidden";

    /// <summary>One row a metric (<see cref="EvalReport.Metrics"/>), one cell a column: the interval <paramref name="cell"/>
    /// gives for (column, the metric's accessor on a mode, the metric's key), written by <paramref name="text"/> with
    /// the metric's number format, and its n.</summary>
    private static void MetricRows<T>(StringBuilder sb, IReadOnlyList<T> columns, Func<T, Func<ModeResult, ConfidenceInterval>, string, ConfidenceInterval> cell,
        Func<ConfidenceInterval, string, string> text)
    {
        foreach (var (key, label, of) in EvalReport.Metrics)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr data-metric=\"{key}\"><th>{E(label)}</th>");
            foreach (var column in columns)
            {
                var c = cell(column, of, key);
                sb.Append(CultureInfo.InvariantCulture, $"<td>{E(text(c, key == "transition_delay" ? "0.00" : "0.000"))} <span class=\"n\">n {c.N}</span></td>");
            }
            sb.Append("</tr>\n");
        }
    }

    private static string Swatch(EvalMode mode) => $"<span class=\"swatch\" style=\"background:{EvalCharts.ColorOf(mode)}\"></span>";

    /// <summary>A video with its timeline, plan and detected events. A hidden mode's GIF has its path in data-src and
    /// loads when the mode is shown.</summary>
    private static void Figure(StringBuilder sb, EvalMode mode, int seed, Shown v, bool load)
    {
        int px = v.Width * Zoom;
        var t = v.Scores.Temporal;
        sb.Append(CultureInfo.InvariantCulture,
            $"<figure class=\"video\" style=\"width:{px + 24}px\"><img class=\"gif\" {(load ? "src" : "data-src")}=\"{v.Gif}\" width=\"{px}\" height=\"{px}\" alt=\"{mode.Name}, seed {seed + 1}\">");
        Timeline(sb, v, px);
        sb.Append(CultureInfo.InvariantCulture,
            $"<figcaption><b>seed {seed + 1}</b> · tfs {F(t.SVideo)}<br>completion {F(t.Completion)} · blend {(t.Blending is { } b ? F(b) : "—")}</figcaption>");
        // The plan.
        if (!mode.Plans) sb.Append("<p class=\"plan-note\">the instruction on every chunk</p>");
        else if (v.Fallback || v.Plan is null) sb.Append("<p class=\"plan-note fallback\">plan unusable: the instruction on every chunk</p>");
        else
        {
            sb.Append("<ol class=\"plan\" start=\"0\">");
            foreach (var step in v.Plan.Steps)
            {
                var frames = step.Chunks.ToFrames(StepPlan.ChunkFrames);
                sb.Append(CultureInfo.InvariantCulture,
                    $"<li><span class=\"span\">chunks {step.Chunks.First}–{step.Chunks.End - 1} (frames {frames.Start}–{Math.Min(frames.End, v.Frames) - 1}):</span> {E(step.Prompt)}</li>");
            }
            sb.Append("</ol>");
        }
        // The tracker's events.
        sb.Append("<ul class=\"detected\">");
        if (v.Detected.Count == 0) sb.Append("<li class=\"none\">no change detected</li>");
        foreach (var e in v.Detected)
            sb.Append(CultureInfo.InvariantCulture, $"<li>{E(e.Subject)} {E(e.ActionCode)} <span class=\"frames\">[{e.Onset}–{e.End}]</span></li>");
        sb.Append("</ul></figure>");
    }

    /// <summary>The timeline under a video: expected spans (one lane), switch points (lines over both lanes), detected
    /// changes (second lane), all in % of the video's frames.</summary>
    private static void Timeline(StringBuilder sb, Shown v, int px)
    {
        double P(int frame) => 100.0 * frame / v.Frames;
        string S(double x) => x.ToString("0.##", CultureInfo.InvariantCulture);
        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"timeline\" style=\"width:{px}px\" data-frames=\"{v.Frames}\" data-switches=\"{string.Join(",", v.Switches)}\">");
        for (int m = 0; m < v.Expected.Count; m++)
        {
            var span = v.Expected[m].Span;
            int end = Math.Min(span.End, v.Frames);
            if (end <= span.Start) continue;
            sb.Append(CultureInfo.InvariantCulture,
                $"<span class=\"expect e{m % 2}\" style=\"left:{S(P(span.Start))}%;width:{S(P(end) - P(span.Start))}%\" title=\"event {m + 1}: {E(v.Expected[m].Event.ToString())}, frames {span.Start}–{end - 1}\">{m + 1}</span>");
        }
        foreach (var e in v.Detected)
            sb.Append(CultureInfo.InvariantCulture,
                $"<span class=\"det\" style=\"left:{S(P(e.Onset))}%;width:{S(Math.Max(P(e.End + 1) - P(e.Onset), 1))}%\" title=\"{E(e.ToString())}\"></span>");
        foreach (int f in v.Switches)
            sb.Append(CultureInfo.InvariantCulture, $"<span class=\"switch\" style=\"left:{S(P(f))}%\" title=\"switch at frame {f}\"></span>");
        sb.Append("</div>");
    }

    private static string F(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Style = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; background: #fff; }
        h1 { font-size: 1.5em; margin: 0 0 .3em; } h2 { font-size: 1.2em; margin: 1.4em 0 .4em; }
        .meta, .note { color: #555; max-width: 70em; }
        table { border-collapse: collapse; }
        table.metrics th, table.metrics td { border: 1px solid #ccc; padding: .25em .6em; text-align: right; }
        table.metrics th:first-child { text-align: left; font-weight: normal; }
        .scroll { overflow-x: auto; max-width: 100%; }
        .swatch { display: inline-block; width: .8em; height: .8em; margin-right: .3em; vertical-align: -.05em; border-radius: 2px; }
        .modes { margin: .5em 0; } .modes label { margin-right: .6em; white-space: nowrap; }
        .n { color: #888; font-size: .85em; }
        .charts { display: flex; flex-wrap: wrap; gap: .5em; }
        .charts img { border: 1px solid #ddd; }
        .sort { margin: .5em 0; } .sort button { margin-right: .3em; } .sort button.active { font-weight: bold; }
        table.videos td, table.videos th { border-top: 1px solid #ccc; padding: .5em; vertical-align: top; text-align: left; }
        td.instruction { max-width: 18em; } td.instruction p { margin: 0 0 .3em; }
        ol.expected { margin: 0; padding-left: 1.4em; color: #555; font-size: .9em; }
        td.gain { font-variant-numeric: tabular-nums; white-space: nowrap; }
        .seeds { display: flex; gap: .6em; }
        figure.video { margin: 0; font-size: .8em; }
        img.gif { display: block; image-rendering: pixelated; border: 1px solid #999; }
        .timeline { position: relative; height: 26px; margin: 3px 0; background: #f3f3f3; border: 1px solid #ccc; }
        .timeline .expect { position: absolute; top: 0; height: 13px; font-size: 10px; line-height: 13px; text-align: center; overflow: hidden; color: #333; }
        .timeline .e0 { background: #cfe0f5; } .timeline .e1 { background: #f5dfc4; }
        .timeline .det { position: absolute; top: 15px; height: 9px; background: #333; opacity: .75; }
        .timeline .switch { position: absolute; top: -2px; bottom: -2px; width: 2px; margin-left: -1px; background: #d22; }
        figcaption { margin: .1em 0 .2em; }
        ol.plan { margin: .2em 0; padding-left: 1.6em; } ol.plan .span { color: #777; }
        .plan-note { margin: .2em 0; color: #777; } .fallback { color: #b33; }
        ul.detected { margin: .2em 0; padding-left: 1.1em; } ul.detected .frames { color: #777; } ul.detected .none { color: #999; list-style: none; }
        th.mode-single, td.mode-single { background: #fafafa; } th.mode-tempact, td.mode-tempact { background: #fff8f0; }

        """;

    private const string Script = """
        (function () {
          var body = document.querySelector('#videos tbody');
          var state = document.getElementById('sort-state');
          var last = null, descending = false;
          function value(row, key) {
            if (key === 'gain') { var g = parseFloat(row.dataset.gain); return isNaN(g) ? -Infinity : g; }
            if (key === 'order') return parseInt(row.dataset.order, 10);
            return row.dataset.instruction.toLowerCase();
          }
          function sortBy(key) {
            // A second click on the same key reverses; the gain starts with the most helped, the others ascending.
            descending = key === last ? !descending : key === 'gain';
            last = key;
            var rows = Array.prototype.slice.call(body.rows);
            rows.sort(function (a, b) {
              var x = value(a, key), y = value(b, key), c = x < y ? -1 : x > y ? 1 : 0;
              if (descending) c = -c;
              return c !== 0 ? c : parseInt(a.dataset.order, 10) - parseInt(b.dataset.order, 10);
            });
            rows.forEach(function (r) { body.appendChild(r); });
            document.querySelectorAll('#sort button').forEach(function (b) { b.classList.toggle('active', b.dataset.key === key); });
            document.getElementById('videos').dataset.sort = key + (descending ? ':desc' : ':asc');
            state.textContent = descending ? '(descending)' : '(ascending)';
          }
          document.querySelectorAll('#sort button').forEach(function (b) {
            b.addEventListener('click', function () { sortBy(b.dataset.key); });
          });
          // Mode columns: shown or hidden by their checkbox; a GIF is loaded the first time its mode is shown.
          var boxes = Array.prototype.slice.call(document.querySelectorAll('#mode-toggles input[data-mode]'));
          function show(mode, on) {
            document.querySelectorAll('#videos [data-mode="' + mode + '"]').forEach(function (cell) {
              cell.hidden = !on;
              if (on) cell.querySelectorAll('img[data-src]').forEach(function (img) { img.src = img.dataset.src; img.removeAttribute('data-src'); });
            });
          }
          boxes.forEach(function (box) { box.addEventListener('change', function () { show(box.dataset.mode, box.checked); }); });
          function setAll(first) {
            boxes.forEach(function (box, i) { box.checked = first === undefined || i < first; show(box.dataset.mode, box.checked); });
          }
          var all = document.getElementById('modes-all'), firstFew = document.getElementById('modes-first');
          if (all) all.addEventListener('click', function () { setAll(); });
          if (firstFew) firstFew.addEventListener('click', function () { setAll(MODES_SHOWN); });
        })();

        """;
}
