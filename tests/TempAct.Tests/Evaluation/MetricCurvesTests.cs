using SixLabors.ImageSharp;
using TempAct.Evaluation.Report;

namespace TempAct.Tests.Evaluation;

public sealed class MetricCurvesTests
{
    [Fact]
    public void MovingAverage_IsCentredAndShorterAtTheEnds()
    {
        // Window 3 over [1, 2, 6, 3]: (1+2)/2, (1+2+6)/3, (2+6+3)/3, (6+3)/2.
        Assert.Equal([1.5, 3.0, 11.0 / 3, 4.5], MetricCurves.MovingAverage([1, 2, 6, 3], 3));
        Assert.Equal([1.0, 2.0], MetricCurves.MovingAverage([1, 2], 1));
    }

    [Fact]
    public void Read_TakesTheFirstColumnAsX_SkipsNonNumbers_AndNamesWhatDoesNotFit()
    {
        string dir = Directory.CreateTempSubdirectory("tempact-curves").FullName;
        try
        {
            string csv = Path.Combine(dir, "m.csv");
            File.WriteAllLines(csv, ["epoch,a,b", "0,1.5,x", "1,2.5,NaN", "2,3.5,4"]);
            var s = MetricCurves.Read(csv, ["b", "a"]);
            Assert.Equal("b", s[0].Name);
            Assert.Equal([2.0], s[0].X); // "x" and NaN rows are skipped
            Assert.Equal([4.0], s[0].Y);
            Assert.Equal(new[] { 1.5, 2.5, 3.5 }, s[1].Y);
            Assert.Contains("no column 'c'", Assert.Throws<InvalidDataException>(() => MetricCurves.Read(csv, ["c"])).Message);
            File.AppendAllLines(csv, ["3,1"]);
            Assert.Contains("line 5 has 2 cells", Assert.Throws<InvalidDataException>(() => MetricCurves.Read(csv, ["a"])).Message);

            string png = Path.Combine(dir, "out", "c.png");
            MetricCurves.Write([new MetricCurves.Series("a", [0, 1, 2], [1, 2, 3]), new MetricCurves.Series("b", [0, 2], [5, 4])], png, "t", 3, 400, 150);
            var info = Image.Identify(png);
            Assert.Equal((400, 300), (info.Width, info.Height)); // two stacked panels
            Assert.Equal(["c.png"], Directory.GetFiles(Path.GetDirectoryName(png)!).Select(Path.GetFileName)); // no temp file left
        }
        finally { Directory.Delete(dir, true); }
    }
}
