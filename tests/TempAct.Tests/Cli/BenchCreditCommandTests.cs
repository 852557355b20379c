using System.Text.Json.Nodes;

namespace TempAct.Tests.Cli;

/// <summary>`bench credit` end to end on the CPU at tiny sizes: the report (three conditions × two windows), the shared
/// chunk honoured bit for bit, the same numbers for the same seed, the graded action, a benchmark set, and the refusals.</summary>
[Collection(TorchCollection.Name)]
public sealed class BenchCreditCommandTests
{
    [Fact]
    public void TinyRun_WritesTheTable_IsDeterministic_AndRefusesBadOptions()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tempact-credit-" + Guid.NewGuid().ToString("N"));
        try
        {
            string[] args = ["bench", "credit", "--config", "configs/tempact-tiny.json", "--instructions", "2", "--continuations", "2", "--device", "cpu"];
            var run = CliRunner.Run([.. args, "--out", Path.Combine(dir, "one")]);
            Assert.True(run.Code == 0, run.Stderr);
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "one", "credit.json")))!;
            var rows = json["rows"]!.AsArray();
            Assert.Equal(6, rows.Count);
            Assert.Equal(["a: chunk b varies", "a: chunk b varies", "b: chunks b+1.. vary", "b: chunks b+1.. vary", "c: all vary", "c: all vary"],
                rows.Select(r => (string)r!["condition"]!));
            Assert.Equal(0.0, (double)json["shared_chunk_max_diff"]!);
            Assert.Equal(2, (int)json["plans"]! + (int)json["unreadable"]!);
            Assert.All(rows, r => Assert.InRange((double)r!["mean_s_local"]!, 0, 1));
            Assert.All(rows, r => Assert.InRange((double)r!["zero_spread_share"]!, 0, 1));
            string md = File.ReadAllText(Path.Combine(dir, "one", "credit.md"));
            Assert.Contains("./tempact bench credit --config configs/tempact-tiny.json", md);
            Assert.Contains("| c: all vary | 2 |", md);

            var again = CliRunner.Run([.. args, "--out", Path.Combine(dir, "two")]);
            Assert.True(again.Code == 0, again.Stderr);
            Assert.Equal(rows.ToJsonString(), JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "two", "credit.json")))!["rows"]!.ToJsonString());

            // --graded: the same videos scored with the graded action; detected events (the onset rate) as before, the
            // action sub-score never lower (an undetected action earned 0 and now earns partial credit).
            var graded = CliRunner.Run([.. args, "--graded", "--out", Path.Combine(dir, "graded")]);
            Assert.True(graded.Code == 0, graded.Stderr);
            var gradedJson = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "graded", "credit.json")))!;
            Assert.True((bool)gradedJson["graded"]!);
            Assert.False((bool)json["graded"]!);
            Assert.EndsWith(" --graded", (string)gradedJson["command"]!);
            var gradedRows = gradedJson["rows"]!.AsArray();
            Assert.Equal(6, gradedRows.Count);
            for (int r = 0; r < rows.Count; r++)
            {
                Assert.Equal(rows[r]!["onset_rate"]?.ToJsonString(), gradedRows[r]!["onset_rate"]?.ToJsonString());
                Assert.True((double)gradedRows[r]!["mean_action"]! >= (double)rows[r]!["mean_action"]!, $"row {r}");
            }

            // A benchmark set, one instruction: statistics that need two groups (the standard errors) are null, not NaN.
            var hard = CliRunner.Run([.. args[..4], "--set", "hard", "--instructions", "1", "--continuations", "2", "--device", "cpu", "--out", Path.Combine(dir, "hard")]);
            Assert.True(hard.Code == 0, hard.Stderr);
            var hardJson = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "hard", "credit.json")))!;
            Assert.Equal("hard", (string)hardJson["instructions"]!);
            Assert.All(hardJson["rows"]!.AsArray(), r => Assert.Null(r!["var_s_local_se"]));

            var oneK = CliRunner.Run("bench", "credit", "--continuations", "1", "--out", Path.Combine(dir, "x"));
            Assert.Equal(2, oneK.Code);
            Assert.Contains("--continuations", oneK.Stderr);
            var window = CliRunner.Run([.. args, "--windows", "0", "--out", Path.Combine(dir, "y")]);
            Assert.Equal(2, window.Code);
            Assert.Contains("--windows: '0'", window.Stderr);
            var set = CliRunner.Run([.. args, "--set", Path.Combine(dir, "missing.jsonl"), "--out", Path.Combine(dir, "z")]);
            Assert.Equal(4, set.Code);
            Assert.Contains("missing.jsonl", set.Stderr);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
