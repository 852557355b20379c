using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using TempAct.World.Serialization;

namespace TempAct.Evaluation.Report;

/// <summary>
/// Training curves as a PNG (ScottPlot): chosen columns of a metrics CSV (the RL trainer's <c>metrics.csv</c>, or any
/// CSV with a header) against its first column, each as its raw points and a centred moving average, one panel a column
/// (columns differ in scale). Written to a temporary name and renamed.
/// </summary>
public static class MetricCurves
{
    /// <summary>One column: its name, the x values and the y values (rows whose cell is not a finite number are skipped).</summary>
    public sealed record Series(string Name, double[] X, double[] Y);

    /// <summary>Reads <paramref name="columns"/> of a CSV file against its first column.</summary>
    /// <exception cref="InvalidDataException">naming the file and the column or line when the file does not fit.</exception>
    public static IReadOnlyList<Series> Read(string csvPath, IReadOnlyList<string> columns)
    {
        if (!File.Exists(csvPath)) throw new FileNotFoundException($"{csvPath}: metrics file not found", csvPath);
        var lines = File.ReadAllLines(csvPath);
        if (lines.Length < 2) throw new InvalidDataException($"{csvPath}: a header and at least one row are needed");
        var header = lines[0].Split(',');
        var index = columns.Select(c => (Name: c, At: Array.IndexOf(header, c))).ToList();
        if (index.FirstOrDefault(c => c.At < 0) is { Name: not null } missing)
            throw new InvalidDataException($"{csvPath}: no column '{missing.Name}' (columns: {string.Join(", ", header)})");
        var xs = new List<double>(); var ys = index.Select(_ => new List<(double, double)>()).ToList();
        for (int l = 1; l < lines.Length; l++)
        {
            var cells = lines[l].Split(',');
            if (cells.Length != header.Length) throw new InvalidDataException($"{csvPath}: line {l + 1} has {cells.Length} cells, the header {header.Length}");
            if (!double.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double x))
                throw new InvalidDataException($"{csvPath}: line {l + 1}: '{cells[0]}' in column '{header[0]}' is not a number");
            for (int c = 0; c < index.Count; c++)
                if (double.TryParse(cells[index[c].At], NumberStyles.Float, CultureInfo.InvariantCulture, out double y) && double.IsFinite(y))
                    ys[c].Add((x, y));
        }
        return index.Select((c, i) => new Series(c.Name, ys[i].Select(p => p.Item1).ToArray(), ys[i].Select(p => p.Item2).ToArray())).ToList();
    }

    /// <summary>A centred moving average over <paramref name="window"/> points (shorter at the ends).</summary>
    public static double[] MovingAverage(IReadOnlyList<double> y, int window)
    {
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), "the window must be ≥ 1");
        var result = new double[y.Count];
        int half = window / 2;
        for (int i = 0; i < y.Count; i++)
        {
            int a = Math.Max(0, i - half), b = Math.Min(y.Count - 1, i + half);
            double sum = 0;
            for (int j = a; j <= b; j++) sum += y[j];
            result[i] = sum / (b - a + 1);
        }
        return result;
    }

    /// <summary>Draws the series one panel each (stacked), raw points and moving average, and writes the PNG.</summary>
    public static void Write(IReadOnlyList<Series> series, string pngPath, string title, int smooth = 5, int width = 900, int panelHeight = 220)
    {
        if (series.Count == 0) throw new ArgumentException("no columns to plot");
        // One ScottPlot plot a panel, stacked into one image (ImageSharp): panels keep their own y scales.
        using var sheet = new Image<Rgba32>(width, panelHeight * series.Count);
        for (int i = 0; i < series.Count; i++)
        {
            var plot = new ScottPlot.Plot();
            var s = series[i];
            if (s.X.Length > 0)
            {
                var raw = plot.Add.ScatterPoints(s.X, s.Y);
                raw.MarkerSize = 3;
                raw.LegendText = s.Name;
                var avg = plot.Add.ScatterLine(s.X, MovingAverage(s.Y, smooth));
                avg.LineWidth = 2;
                avg.LegendText = $"moving average of {smooth}";
            }
            plot.Title(i == 0 ? $"{title}: {s.Name}" : s.Name);
            plot.XLabel("epoch");
            plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
            using var panel = Image.Load<Rgba32>(plot.GetImageBytes(width, panelHeight, ScottPlot.ImageFormat.Png));
            int top = i * panelHeight;
            sheet.Mutate(c => c.DrawImage(panel, new Point(0, top), 1f));
        }
        using var png = new MemoryStream();
        sheet.SaveAsPng(png);
        var bytes = png.ToArray();
        AtomicFile.Write(pngPath, stream => stream.Write(bytes));
    }
}
