using System.Text.Json;
using TempAct.Evaluation.Eval;

namespace TempAct.Tests.Cli;

/// <summary>`eval` end to end on a tiny set (the documented results.json shape), a FILE.jsonl with an unparseable line
/// (listed under "skipped", never a crash), and the tempact mode without models/tempact (a clear checkpoint error).</summary>
[Collection(TorchCollection.Name)]
public sealed class EvalCommandTests
{
    private static readonly string[] MetricKeys =
        ["tfs", "completion", "order_accuracy", "transition_delay", "blending", "frame_quality", "aesthetic", "identity"];

    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tempact-eval-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Tiny_Run_WritesResultsJson_WithTheDocumentedShape()
    {
        string dir = TempDir();
        try
        {
            // A folder with an earlier report and a file of the user's: --overwrite replaces the report and keeps the file.
            File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
            Directory.CreateDirectory(Path.Combine(dir, "videos"));
            File.WriteAllText(Path.Combine(dir, "videos", "tempact-007-s3.gif"), "stale");
            var refused = CliRunner.Run("eval", "--set", "simple", "--limit", "2", "--seeds", "1", "--modes", "single,step", "--out", dir);
            Assert.True(refused.Code == 2, refused.Stderr);
            Assert.Contains("not empty", refused.Stderr);
            var r = CliRunner.Run("eval", "--set", "simple", "--limit", "2", "--seeds", "1", "--modes", "single,step", "--out", dir, "--json", "--overwrite");
            Assert.True(r.Code == 0, r.Stderr);
            Assert.True(File.Exists(Path.Combine(dir, "results.md")));
            Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "notes.txt")));
            // The report page: one GIF a video (2 instructions × 1 seed × 2 modes), a chart a metric, the page itself.
            Assert.Equal(["single-000-s0.gif", "single-001-s0.gif", "step-000-s0.gif", "step-001-s0.gif"],
                Directory.GetFiles(Path.Combine(dir, "videos")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Equal(MetricKeys.Select(k => k + ".png").Order(StringComparer.Ordinal),
                Directory.GetFiles(Path.Combine(dir, "charts")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            string html = File.ReadAllText(Path.Combine(dir, "index.html"));
            Assert.Contains("videos/step-001-s0.gif", html);
            Assert.Contains("report page: ", r.Stderr);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
            var root = doc.RootElement;
            Assert.Equal("simple", root.GetProperty("set").GetString());
            Assert.Equal("none", root.GetProperty("switch").GetString());
            Assert.Equal(0, root.GetProperty("skipped").GetArrayLength());
            Assert.True(root.GetProperty("seconds").GetDouble() > 0);
            foreach (var mode in new[] { "single", "step" })
            {
                var m = root.GetProperty("modes").GetProperty(mode);
                Assert.Equal(2, m.GetProperty("n").GetInt32());
                foreach (var key in MetricKeys)
                {
                    var metric = m.GetProperty(key);
                    Assert.True(metric.TryGetProperty("mean", out _), $"{mode}.{key}.mean");
                    Assert.True(metric.TryGetProperty("ci95", out _), $"{mode}.{key}.ci95");
                }
                double tfs = m.GetProperty("tfs").GetProperty("mean").GetDouble();
                Assert.InRange(tfs, 0, 1);
            }
            Assert.Equal(root.GetProperty("modes").GetProperty("single").GetProperty("tfs").GetProperty("mean").GetDouble(),
                JsonDocument.Parse(r.Stdout).RootElement.GetProperty("modes").GetProperty("single").GetProperty("tfs").GetProperty("mean").GetDouble());
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Jsonl_UnparseableLine_IsSkipped_WithTheParsersMessage()
    {
        string dir = TempDir();
        try
        {
            string set = Path.Combine(dir, "mine.jsonl");
            File.WriteAllLines(set,
            [
                """{"instruction": "A red circle rests on the left. It slides to the right."}""",
                """{"instruction": "A red circle rests on the left. It flibbers wildly."}""",
            ]);
            var r = CliRunner.Run("eval", "--set", set, "--seeds", "1", "--modes", "single", "--out", Path.Combine(dir, "out"));
            Assert.True(r.Code == 0, r.Stderr);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "results.json")));
            var skipped = doc.RootElement.GetProperty("skipped");
            Assert.Equal(1, skipped.GetArrayLength());
            Assert.Equal("A red circle rests on the left. It flibbers wildly.", skipped[0].GetProperty("instruction").GetString());
            Assert.Contains("line 2", skipped[0].GetProperty("error").GetString());
            Assert.Contains("flibbers", skipped[0].GetProperty("error").GetString());
            Assert.Equal(1, doc.RootElement.GetProperty("modes").GetProperty("single").GetProperty("n").GetInt32());
            Assert.Equal("mine", doc.RootElement.GetProperty("set").GetString());
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void SetReader_SkipsOnlyTheBadInstruction_AndDefaultsFramesTo12AnEvent()
    {
        string dir = TempDir();
        try
        {
            string set = Path.Combine(dir, "s.jsonl");
            File.WriteAllLines(set,
            [
                """{"instruction": "A red circle rests on the left. It slides to the right, then it turns blue."}""",
                "",
                """{"instruction": "A purple blob.", "frames": 12}""",
                """{"instruction": "A red circle rests on the left. It jumps.", "frames": 30}""",
            ]);
            var read = EvalSetReader.Read(set, "s");
            Assert.Equal([24, 30], read.Items.Select(i => i.Frames));
            Assert.StartsWith($"{set} line 3: ", Assert.Single(read.Skipped).Error);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void SetReader_LineThatIsNotJson_IsADataError()
    {
        string dir = TempDir();
        try
        {
            string set = Path.Combine(dir, "bad.jsonl");
            File.WriteAllLines(set, ["""{"instruction": "A red circle rests on the left. It jumps."}""", "not json"]);
            var r = CliRunner.Run("eval", "--set", set, "--modes", "single", "--out", Path.Combine(dir, "out"));
            Assert.True(r.Code == 4, r.Stderr);
            Assert.Contains("line 2: not valid JSON", r.Stderr);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void TempActMode_WithoutWeights_IsAClearCheckpointError()
    {
        string dir = TempDir();
        try
        {
            var r = CliRunner.Run("eval", "--set", "simple", "--limit", "1", "--modes", "single,tempact", "--tempact", Path.Combine(dir, "no-such"),
                "--out", Path.Combine(dir, "out"));
            Assert.True(r.Code == 4, r.Stderr);
            Assert.Contains("checkpoint error: --tempact", r.Stderr);
            Assert.Contains("no RL-trained weights", r.Stderr);
            Assert.DoesNotContain("   at ", r.Stderr);
            Assert.False(Directory.Exists(Path.Combine(dir, "out")));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void TempActMode_OnAFolderOfFreshAdapters_Runs()
    {
        // A models/tempact-style folder whose adapters are the fresh ones (LoRA B = 0: the bases' behaviour), written the
        // way the RL trainer exports: the mode loads it and scores every video.
        string dir = TempDir();
        try
        {
            FreshTempActFolder.Export(Path.Combine(dir, "tempact"));
            var r = CliRunner.Run("eval", "--set", "simple", "--limit", "1", "--seeds", "1", "--modes", "tempact", "--tempact", Path.Combine(dir, "tempact"),
                "--out", Path.Combine(dir, "out"));
            Assert.True(r.Code == 0, r.Stderr);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "results.json")));
            Assert.Equal(1, doc.RootElement.GetProperty("modes").GetProperty("tempact").GetProperty("n").GetInt32());
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void ArmMode_WithoutItsFolder_IsAClearCheckpointError_NamingTheFolder()
    {
        string dir = TempDir();
        try
        {
            string arms = Path.Combine(dir, "arms");
            var r = CliRunner.Run("eval", "--set", "simple", "--limit", "1", "--modes", "single,flat", "--arms", arms, "--out", Path.Combine(dir, "out"));
            Assert.True(r.Code == 4, r.Stderr);
            Assert.Contains($"no weights for the flat arm: {Path.Combine(arms, "flat")} holds no tempact.json", r.Stderr);
            Assert.Contains("leave flat out of --modes", r.Stderr);
            Assert.DoesNotContain("   at ", r.Stderr);
            Assert.False(Directory.Exists(Path.Combine(dir, "out")));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Arms_RunFromTheirFolders_ResultsHaveAColumnAnArm()
    {
        // Fresh adapters exported as the trainer exports them, one folder an arm; tempact-recache runs the no-kl folder
        // as --tempact with its switch fixed. A look-ahead folder whose manifest says LookAhead false is refused.
        string dir = TempDir();
        try
        {
            string arms = Path.Combine(dir, "arms"), noKl = FreshTempActFolder.Export(Path.Combine(arms, "no-kl"));
            FreshTempActFolder.Export(Path.Combine(arms, "look-ahead"));
            var refused = CliRunner.Run("eval", "--set", "simple", "--limit", "1", "--seeds", "1", "--modes", "look-ahead", "--arms", arms,
                "--out", Path.Combine(dir, "refused"));
            Assert.True(refused.Code == 4, refused.Stderr);
            Assert.Contains("LookAhead is false", refused.Stderr);

            var r = CliRunner.Run("eval", "--set", "simple", "--limit", "1", "--seeds", "1", "--modes", "single,no-kl,tempact-recache",
                "--arms", arms, "--tempact", noKl, "--out", Path.Combine(dir, "out"));
            Assert.True(r.Code == 0, r.Stderr);
            Assert.Contains("notice: tempact-recache: ", r.Stderr); // the fresh folder's manifest says switch none
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "results.json")));
            var modes = doc.RootElement.GetProperty("modes");
            Assert.Equal(["single", "no-kl", "tempact-recache"], modes.EnumerateObject().Select(p => p.Name));
            Assert.Equal(1, modes.GetProperty("no-kl").GetProperty("n").GetInt32());
            Assert.Equal("none", modes.GetProperty("no-kl").GetProperty("switch").GetString());
            Assert.Equal("recache", modes.GetProperty("tempact-recache").GetProperty("switch").GetString());
            Assert.InRange(modes.GetProperty("no-kl").GetProperty("tfs").GetProperty("mean").GetDouble(), 0, 1);
            Assert.True(File.Exists(Path.Combine(dir, "out", "videos", "no-kl-000-s0.gif")));
            Assert.True(File.Exists(Path.Combine(dir, "out", "videos", "tempact-recache-000-s0.gif")));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Demo_RefusesANonEmptyOut_BeforeAnyWork()
    {
        string dir = TempDir();
        try
        {
            File.WriteAllText(Path.Combine(dir, "index.html"), "an earlier page");
            var r = CliRunner.Run("demo", "--out", dir);
            Assert.True(r.Code == 2, r.Stderr);
            Assert.Contains($"--out {dir}: the folder is not empty (index.html)", r.Stderr);
            Assert.Contains("--overwrite", r.Stderr);
            Assert.Equal("an earlier page", File.ReadAllText(Path.Combine(dir, "index.html")));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("--modes", "single,blah", "unknown mode 'blah' (known: single, step, tempact, flat, planner-frozen")]
    [InlineData("--modes", "single-recache", "single never switches")]
    [InlineData("--modes", "single,single", "given twice")]
    [InlineData("--switch", "sometimes", "--switch must be none or recache")]
    [InlineData("--seeds", "0", "--seeds must be ≥ 1")]
    public void BadOptions_Exit2(string option, string value, string message)
    {
        var r = CliRunner.Run("eval", "--set", "simple", "--limit", "1", option, value, "--out", Path.Combine(Path.GetTempPath(), "tempact-eval-unused"));
        Assert.True(r.Code == 2, r.Stderr);
        Assert.Contains(message, r.Stderr);
    }
}
