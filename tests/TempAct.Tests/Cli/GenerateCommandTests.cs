using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace TempAct.Tests.Cli;

/// <summary>`generate` and `train executor` on bad input: the documented exit code and one line naming the problem,
/// found before any model work (2 bad command line, 3 unknown word, 4 bad or impossible file); and the output files:
/// whole or not at all, the plan's own length by default.</summary>
[Collection(TorchCollection.Name)]
public sealed class GenerateCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("tempact-gen").FullName;
    private static string Model => Path.Combine(CliRunner.RepoRoot(), "models", "executor-ll");
    private string NoModel => Path.Combine(dir, "no-model"); // any model work would fail with exit 4 on it

    public void Dispose() => Directory.Delete(dir, true);

    private string File_(string name, string text)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void AssertError((int Code, string Stdout, string Stderr) r, int code, string text)
    {
        Assert.True(r.Code == code, $"exit {r.Code}, expected {code}: {r.Stderr}");
        Assert.Contains(text, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr); // no .NET stack trace
    }

    private const string Spans = """[{"step_index": 0, "prompt": "red circle moves right", "chunks": [0, 2]}, {"step_index": 1, "prompt": "red circle jumps", "chunks": [2, 3]}]""";

    [Fact]
    public void MalformedPlan_MissingPlan_BadConfig_AreNamed()
    {
        string plan = File_("plan.json", "not json");
        var bad = CliRunner.Run("generate", "--model", Model, "--plan", plan, "--frames", "12", "--out", Path.Combine(dir, "x.gif"));
        AssertError(bad, 4, "plan.json: not a usable plan for 4 chunks");

        var missing = CliRunner.Run("generate", "--model", Model, "--plan", Path.Combine(dir, "none.json"), "--out", Path.Combine(dir, "x.gif"));
        AssertError(missing, 4, "none.json: plan file not found");

        string config = File_("cfg.json", "{\"Model\": {\"Dim\": 100, \"Heads\": 3}}");
        var shape = CliRunner.Run("train", "executor", "--config", config, "--out", Path.Combine(dir, "run"));
        AssertError(shape, 4, "cfg.json: Model.Dim 100");
        Assert.False(Directory.Exists(Path.Combine(dir, "run")), "nothing is written for a bad config");
    }

    [Fact]
    public void UnwritableOutput_Exit2_BeforeAnyWork()
    {
        AssertError(CliRunner.Run("generate", "--model", NoModel, "--prompt", "red circle moves right", "--out", dir), 2,
            $"output error: --out {dir}: cannot write there ({dir} is a folder; give a file path)");
        string file = File_("plain", "x");
        AssertError(CliRunner.Run("generate", "--model", NoModel, "--prompt", "red circle moves right", "--out", Path.Combine(file, "v.gif")), 2,
            "output error: --out");
        AssertError(CliRunner.Run("generate", "--model", NoModel, "--prompt", "red circle moves right", "--out", Path.Combine(dir, "v.gif"), "--sheet", Path.Combine(file, "v.png")), 2,
            "output error: --sheet");
        AssertError(CliRunner.Run("generate", "--model", NoModel, "--prompt", "red circle moves right", "--out", Path.Combine(dir, "v.gif"), "--sheet", Path.Combine(dir, "v.gif")), 2,
            "--out and --sheet name the same file");
        Assert.Equal(["plain"], Directory.GetFiles(dir).Select(Path.GetFileName)); // no temporary file left behind
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("1000000000")]
    [InlineData("100001")]
    [InlineData("0")]
    [InlineData("-3")]
    public void FramesOutOfRange_Exit2(string frames) =>
        AssertError(CliRunner.Run("generate", "--model", NoModel, "--prompt", "red circle moves right", "--frames", frames, "--out", Path.Combine(dir, "v.gif")), 2,
            $"--frames must be 1..100,000, got {frames}");

    [Fact]
    public void ImpossiblePlan_Exit4_NamingFileStepAndReason_BeforeTheModelLoads()
    {
        string plan = File_("impossible.json", """
            [{"step_index": 0, "prompt": "red circle moves right", "chunks": [0, 2]},
             {"step_index": 1, "prompt": "red circle moves right", "chunks": [2, 4]},
             {"step_index": 2, "prompt": "red circle moves right", "chunks": [4, 6]}]
            """);
        AssertError(CliRunner.Run("generate", "--model", NoModel, "--plan", plan, "--out", Path.Combine(dir, "v.gif")), 4,
            $"{plan}: no start scene lets these steps happen: step 2 \"red circle moves right\": the red circle cannot move right: it is at the edge (from any start)");
        string stepPrompt = File_("notastep.json", """[{"step_index": 0, "prompt": "red circle moves right and jumps", "chunks": [0, 2]}]""");
        AssertError(CliRunner.Run("generate", "--model", NoModel, "--plan", stepPrompt, "--out", Path.Combine(dir, "v.gif")), 4,
            $"{stepPrompt}: step 0 prompt \"red circle moves right and jumps\": not one subject and one action");
    }

    [Fact]
    public void PlanLength_AndFramesThatDisagree()
    {
        string plan = File_("spans.json", Spans);
        AssertError(CliRunner.Run("generate", "--model", NoModel, "--plan", plan, "--frames", "36", "--out", Path.Combine(dir, "v.gif")), 2,
            $"--frames 36 needs 12 chunks, but {plan} spans 3 chunks (9 frames): leave out --frames to use the plan's length, or give 7..9");
        string uniform = File_("uniform.json", """[{"step_index": 0, "prompt": "red circle moves right"}]""");
        AssertError(CliRunner.Run("generate", "--model", NoModel, "--plan", uniform, "--out", Path.Combine(dir, "v.gif")), 2,
            $"{uniform} gives no chunk spans, so it does not say how long the video is: give --frames");
        string confused = File_("confused.json", """[{"step_index": 0, "prompt": "red circle moves right", "chunks": ["0", "4"]}]""");
        AssertError(CliRunner.Run("generate", "--model", NoModel, "--plan", confused, "--out", Path.Combine(dir, "v.gif")), 4,
            "malformed 'chunks' [\"0\", \"4\"]");
        string huge = File_("huge.json", """[{"step_index": 0, "prompt": "red circle moves right", "chunks": [0, 2147483647]}]""");
        AssertError(CliRunner.Run("generate", "--model", NoModel, "--plan", huge, "--out", Path.Combine(dir, "v.gif")), 4,
            $"{huge}: the spans end at chunk 2147483647; a video has 1..33333 chunks");
    }

    [Fact]
    public void Plan_DefaultsToItsOwnLength_AndTheFilesAppearWhole()
    {
        string plan = File_("spans.json", Spans);
        string gif = Path.Combine(dir, "out", "v.gif"), sheet = Path.Combine(dir, "out", "v.png");
        var r = CliRunner.Run("generate", "--model", Model, "--plan", plan, "--seed", "1", "--out", gif, "--sheet", sheet, "--json");
        Assert.True(r.Code == 0, r.Stderr);
        using var json = System.Text.Json.JsonDocument.Parse(r.Stdout);
        Assert.Equal(9, json.RootElement.GetProperty("frames").GetInt32()); // 3 chunks × 3 frames, not the prompt default of 12
        using (var image = Image.Load<Rgba32>(gif))
        {
            Assert.Equal(9, image.Frames.Count);
            Assert.Equal((128, 128), (image.Width, image.Height));
        }
        using (var image = Image.Load<Rgba32>(sheet)) Assert.Equal((9 * 97 + 1, 97 + 1), (image.Width, image.Height));
        Assert.Equal(["v.gif", "v.png"], Directory.GetFiles(Path.Combine(dir, "out")).Select(Path.GetFileName).Order());

        // A failing run (an unknown word) leaves the good files as they were and no temporary file.
        byte[] before = File.ReadAllBytes(gif);
        AssertError(CliRunner.Run("generate", "--model", Model, "--prompt", "red circle zooms right", "--start", "noise", "--out", gif, "--sheet", sheet), 3, "zooms");
        Assert.Equal(before, File.ReadAllBytes(gif));
        Assert.Equal(["v.gif", "v.png"], Directory.GetFiles(Path.Combine(dir, "out")).Select(Path.GetFileName).Order());
    }
}
