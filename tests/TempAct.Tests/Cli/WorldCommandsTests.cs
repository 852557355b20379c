using System.Text.Json;

namespace TempAct.Tests.Cli;

[Collection(TorchCollection.Name)]
public sealed class WorldCommandsTests
{
    [Fact]
    public void Parse_Json_HasTheDocumentedShape()
    {
        var (code, stdout, _) = CliRunner.Run("world", "parse",
            "A red circle rests on the left. It slides to the right, then turns blue, and finally jumps twice.", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var obj = doc.RootElement.GetProperty("objects")[0];
        Assert.Equal("red circle", obj.GetProperty("name").GetString());
        Assert.Equal("red", obj.GetProperty("color").GetString());
        Assert.Equal("circle", obj.GetProperty("shape").GetString());
        Assert.Equal("large", obj.GetProperty("size").GetString());
        Assert.Equal("left", obj.GetProperty("position").GetString());
        var actions = doc.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToArray();
        Assert.Equal(["move_right", "turn_blue", "jump", "jump"], actions);
        Assert.All(doc.RootElement.GetProperty("events").EnumerateArray(), e => Assert.Equal("red circle", e.GetProperty("subject").GetString()));
    }

    [Fact]
    public void Parse_BadInstruction_ExitsNonZeroWithTheWordOnStderr()
    {
        var (code, stdout, stderr) = CliRunner.Run("world", "parse", "A red circle rests on the left. It zorbles.", "--json");
        Assert.Equal(3, code);
        Assert.Equal("", stdout);
        Assert.Contains("zorbles", stderr);
    }

    [Fact]
    public void Sample_ThenTrack_FindsTheGroundTruthEvents_AndIsDeterministic()
    {
        string dir = Directory.CreateTempSubdirectory("tempact-cli").FullName;
        try
        {
            string a = Path.Combine(dir, "a"), b = Path.Combine(dir, "b");
            Assert.Equal(0, CliRunner.Run("world", "sample", "--n", "2", "--events", "3", "--frames", "36", "--seed", "7", "--out", a).Code);
            Assert.Equal(0, CliRunner.Run("world", "sample", "--n", "2", "--events", "3", "--frames", "36", "--seed", "7", "--out", b).Code);
            foreach (var name in new[] { "sample_000.gif", "sample_000.png", "sample_000.json", "sample_001.video.json", "samples.jsonl" })
                Assert.Equal(File.ReadAllBytes(Path.Combine(a, name)), File.ReadAllBytes(Path.Combine(b, name)));

            using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(a, "sample_000.json")));
            var expected = truth.RootElement.GetProperty("events").EnumerateArray()
                .Where(e => e.GetProperty("action").GetString() != "stay")
                .Select(e => (e.GetProperty("subject").GetString(), e.GetProperty("action").GetString(), e.GetProperty("start").GetInt32())).ToList();
            var (code, stdout, _) = CliRunner.Run("world", "track", Path.Combine(a, "sample_000.video.json"), "--json");
            Assert.Equal(0, code);
            using var tracked = JsonDocument.Parse(stdout);
            var found = tracked.RootElement.GetProperty("events").EnumerateArray()
                .Select(e => (e.GetProperty("subject").GetString(), e.GetProperty("action").GetString(), e.GetProperty("onset").GetInt32())).ToList();
            Assert.Equal(expected, found);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Track_MissingOrCorruptFile_IsADataError()
    {
        var (code, _, stderr) = CliRunner.Run("world", "track", "/nonexistent/video.json");
        Assert.Equal(4, code);
        Assert.Contains("/nonexistent/video.json", stderr);
        string path = Path.Combine(Path.GetTempPath(), $"tempact-{Guid.NewGuid():N}.gif");
        File.WriteAllText(path, "this is not a gif");
        try
        {
            (code, _, stderr) = CliRunner.Run("world", "track", path);
            Assert.Equal(4, code);
            Assert.Contains(path, stderr);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Sample_InvalidOption_IsAUsageError()
    {
        var (code, _, stderr) = CliRunner.Run("world", "sample", "--events", "9");
        Assert.Equal(2, code); // the README's exit code for a bad command line
        Assert.Contains("events", stderr);
    }

    [Fact]
    public void Track_AFolderWithACorruptPng_Exits4NamingTheFile_WithoutAStackTrace()
    {
        string dir = Directory.CreateTempSubdirectory("tempact-cli").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "000.png"), TempAct.World.Tests.Media.CraftedImages.Png(32, 32));
            File.WriteAllBytes(Path.Combine(dir, "001.png"), TempAct.World.Tests.Media.CraftedImages.Png(32, 32)[..60]); // truncated
            var (code, stdout, stderr) = CliRunner.Run("world", "track", dir, "--json");
            Assert.Equal(4, code);
            Assert.Equal("", stdout);
            Assert.Contains("001.png", stderr);
            Assert.DoesNotContain("   at ", stderr);
            Assert.Single(stderr.Trim().Split('\n'));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Track_AGifBomb_Exits4FromItsHeader()
    {
        string dir = Directory.CreateTempSubdirectory("tempact-cli").FullName;
        try
        {
            string path = Path.Combine(dir, "bomb.gif");
            File.WriteAllBytes(path, TempAct.World.Tests.Media.CraftedImages.Gif(20000, 20000)); // 35 bytes declaring 20000×20000
            var (code, _, stderr) = CliRunner.Run("world", "track", path);
            Assert.Equal(4, code);
            Assert.Contains("bomb.gif", stderr);
            Assert.Contains("20,000×20,000", stderr);
        }
        finally { Directory.Delete(dir, true); }
    }
}
