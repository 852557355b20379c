using TempAct.Evaluation.Eval;
using TempAct.Evaluation.Metrics;
using TempAct.World.Serialization;

namespace TempAct.Evaluation.Report;

/// <summary>
/// The report page's bar charts (ScottPlot, PNG): one chart a metric, one bar a mode at its mean, with the 95% interval
/// as error bars (none where the half-width is undefined: fewer than two values), the value written over each bar. A
/// metric without values in a mode has no bar there. With more than <see cref="UprightLabels"/> modes the chart widens
/// (<see cref="WidthFor"/>) and the mode names slant, so an ablation table's dozen bars stay readable. Written to a
/// temporary name and renamed.
/// </summary>
public static class EvalCharts
{
    /// <summary>Chart size in pixels (the width with up to <see cref="UprightLabels"/> bars).</summary>
    public const int Width = 360, Height = 250;

    /// <summary>Bars whose names are written upright; more slant at 35°.</summary>
    public const int UprightLabels = 4;

    /// <summary>Pixels a bar gets beyond <see cref="UprightLabels"/> bars.</summary>
    public const int PixelsPerBar = 64;

    /// <summary>The chart's width for <paramref name="bars"/> bars: <see cref="Width"/>, wider by
    /// <see cref="PixelsPerBar"/> a bar beyond <see cref="UprightLabels"/>.</summary>
    public static int WidthFor(int bars) => Width + Math.Max(0, bars - UprightLabels) * PixelsPerBar;

    /// <summary>The chart's height for <paramref name="bars"/> bars (slanted names need room).</summary>
    public static int HeightFor(int bars) => bars > UprightLabels ? Height + 50 : Height;

    private static readonly Dictionary<string, string> Colors = new()
    {
        ["single"] = "#8c8c8c", ["step"] = "#3a78c2", ["tempact"] = "#e0802a",
        ["flat"] = "#2ca02c", ["planner-frozen"] = "#d62728", ["executor-frozen"] = "#9467bd", ["no-kl"] = "#8c564b",
        ["no-aesthetic"] = "#e377c2", ["uniform-spans"] = "#17becf", ["look-ahead"] = "#bcbd22", ["shuffled-advantages"] = "#393b79",
    };

    /// <summary>The bar colour of a mode (the same on every chart and on the page): one a weights' name, darker for a
    /// "-recache" mode and lighter for a "-none" one.</summary>
    public static string ColorOf(EvalMode mode)
    {
        string hex = Colors.GetValueOrDefault(mode.Base, "#444444");
        if (mode.FixedSwitch is not { } fixedSwitch) return hex;
        var c = ScottPlot.Color.FromHex(hex);
        double f = fixedSwitch == TempAct.Models.Executor.SwitchMode.Recache ? 0.65 : 1.35;
        static byte Clamp(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);
        return $"#{Clamp(c.R * f):x2}{Clamp(c.G * f):x2}{Clamp(c.B * f):x2}";
    }

    /// <summary>The chart of every metric of <see cref="EvalReport.Metrics"/> as <c>KEY.png</c> in <paramref name="dir"/>
    /// (created); returns the paths in the metrics' order.</summary>
    public static IReadOnlyList<string> WriteAll(EvalReport report, string dir)
    {
        Directory.CreateDirectory(dir);
        var written = new List<string>();
        foreach (var (key, label, of) in EvalReport.Metrics)
        {
            string path = Path.Combine(dir, key + ".png");
            Write(label, report.Modes.Select(m => (m.Mode.Name, ColorOf(m.Mode), of(m))).ToList(), path,
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
        if (bars.Count > UprightLabels)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 35;
            plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = 70;
        }
        plot.HideGrid();
        plot.Title(title, 13);
        // Bars start at zero: keep it on the axis (below it only when a mean or an interval goes negative).
        double low = drawn.Count == 0 ? 0 : drawn.Min(b => b.Value - b.Error), high = drawn.Count == 0 ? 1 : drawn.Max(b => b.Value + b.Error);
        double bottom = Math.Min(0, low), top = Math.Max(high, bottom + 1e-6);
        double pad = 0.12 * (top - bottom);
        plot.Axes.SetLimits(-0.6, bars.Count - 0.4, bottom < 0 ? bottom - pad : 0, top + pad);
        var bytes = plot.GetImageBytes(WidthFor(bars.Count), HeightFor(bars.Count), ScottPlot.ImageFormat.Png);
        AtomicFile.Write(pngPath, stream => stream.Write(bytes));
    }
}
