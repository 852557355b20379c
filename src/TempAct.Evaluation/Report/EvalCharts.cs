using TempAct.Evaluation.Eval;
using TempAct.Evaluation.Metrics;
using TempAct.World.Serialization;

namespace TempAct.Evaluation.Report;

/// <summary>
/// The report page's bar charts (ScottPlot, PNG): one chart a metric, one bar a mode at its mean, with the 95% interval
/// as error bars (none where the half-width is undefined: fewer than two values), the value written over each bar. A
/// metric without values in a mode has no bar there. Written to a temporary name and renamed.
/// </summary>
public static class EvalCharts
{
    /// <summary>Chart size in pixels.</summary>
    public const int Width = 360, Height = 250;

    /// <summary>The bar colour of a mode (the same on every chart and on the page).</summary>
    public static string ColorOf(EvalMode mode) => mode switch
    {
        EvalMode.Single => "#8c8c8c",
        EvalMode.Step => "#3a78c2",
        EvalMode.TempAct => "#e0802a",
        _ => "#444444",
    };

    /// <summary>The chart of every metric of <see cref="EvalReport.Metrics"/> as <c>KEY.png</c> in <paramref name="dir"/>
    /// (created); returns the paths in the metrics' order.</summary>
    public static IReadOnlyList<string> WriteAll(EvalReport report, string dir)
    {
        Directory.CreateDirectory(dir);
        var written = new List<string>();
        foreach (var (key, label, of) in EvalReport.Metrics)
        {
            string path = Path.Combine(dir, key + ".png");
            Write(label, report.Modes.Select(m => (EvalModeNames.Name(m.Mode), ColorOf(m.Mode), of(m))).ToList(), path,
                label.Contains("delay", StringComparison.Ordinal) ? "0.00" : "0.000");
            written.Add(path);
        }
        return written;
    }

    /// <summary>One bar chart: a bar per (name, colour, interval), in order.</summary>
    public static void Write(string title, IReadOnlyList<(string Name, string Color, ConfidenceInterval Value)> bars, string pngPath, string format = "0.000")
    {
        if (bars.Count == 0) throw new ArgumentException("no bars to draw");
        var plot = new ScottPlot.Plot();
        var drawn = new List<ScottPlot.Bar>();
        for (int i = 0; i < bars.Count; i++)
        {
            var c = bars[i].Value;
            if (!double.IsFinite(c.Mean)) continue;
            drawn.Add(new ScottPlot.Bar
            {
                Position = i,
                Value = c.Mean,
                Error = double.IsFinite(c.HalfWidth) ? c.HalfWidth : 0,
                FillColor = ScottPlot.Color.FromHex(bars[i].Color),
                Label = c.Mean.ToString(format, System.Globalization.CultureInfo.InvariantCulture),
            });
        }
        if (drawn.Count > 0)
        {
            var series = plot.Add.Bars(drawn);
            series.ValueLabelStyle.FontSize = 11;
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, bars.Count).Select(i => (double)i).ToArray(), bars.Select(b => b.Name).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.HideGrid();
        plot.Title(title, 13);
        // Bars start at zero: keep it on the axis (below it only when a mean or an interval goes negative).
        double low = drawn.Count == 0 ? 0 : drawn.Min(b => b.Value - b.Error), high = drawn.Count == 0 ? 1 : drawn.Max(b => b.Value + b.Error);
        double bottom = Math.Min(0, low), top = Math.Max(high, bottom + 1e-6);
        double pad = 0.12 * (top - bottom);
        plot.Axes.SetLimits(-0.6, bars.Count - 0.4, bottom < 0 ? bottom - pad : 0, top + pad);
        var bytes = plot.GetImageBytes(Width, Height, ScottPlot.ImageFormat.Png);
        AtomicFile.Write(pngPath, stream => stream.Write(bytes));
    }
}
