using System.Text.Json.Nodes;
using TempAct.Training.Metrics;

namespace TempAct.Tests.Training;

/// <summary>A run logged by an older version (fewer metrics columns) and resumed by this one keeps one header and
/// lines of one width in metrics.csv.</summary>
[Collection(TorchCollection.Name)]
public sealed class RlMetricsColumnsTests
{
    [Fact]
    public void ResumingAnOlderRunsLogs_BringsItsRowsToTheCurrentColumns()
    {
        string dir = TrainingRuns.TempDir("metrics-columns");
        try
        {
            // Two epochs logged without the "blend" column (as before it existed), and a third, cut by the resume.
            var old = RlMetrics.Columns.Where(c => c != "blend").ToArray();
            string Row(int epoch) => new JsonObject(old.Select(c => KeyValuePair.Create(c, (JsonNode?)JsonValue.Create(c == "epoch" ? epoch : 0.5)))).ToJsonString();
            File.WriteAllLines(Path.Combine(dir, "metrics.jsonl"), [Row(0), Row(1), Row(2)]);
            using (var metrics = new RlMetrics(dir, 2))
                metrics.Write(new EpochMetrics { Epoch = 2, Blend = 0.25 });

            var lines = File.ReadAllLines(Path.Combine(dir, "metrics.csv"));
            Assert.Equal(4, lines.Length);
            Assert.Equal(string.Join(",", RlMetrics.Columns), lines[0]);
            Assert.All(lines, l => Assert.Equal(RlMetrics.Columns.Length, l.Split(',').Length));
            int blend = Array.IndexOf(RlMetrics.Columns, "blend");
            Assert.Equal(["NaN", "NaN", "0.25"], lines[1..].Select(l => l.Split(',')[blend]).ToArray());
            Assert.Equal(["0", "1", "2"], lines[1..].Select(l => l.Split(',')[0]).ToArray());
            Assert.Equal(3, File.ReadAllLines(Path.Combine(dir, "metrics.jsonl")).Length);
        }
        finally { Directory.Delete(dir, true); }
    }
}
