using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TempAct.Tests.Judges.Http;

namespace TempAct.Tests.Cli;

/// <summary>`plan` on bad input and bad planners: the documented exit code and one line naming the problem, never a
/// stack trace (2 bad command line, 3 instruction, 5 endpoint unavailable).</summary>
[Collection(TorchCollection.Name)]
public sealed class PlanCommandTests
{
    private const string Instruction = "A red circle rests on the left. It slides to the right.";

    private static void AssertOneLineError((int Code, string Stdout, string Stderr) r, int code, string text)
    {
        Assert.True(r.Code == code, $"exit {r.Code}, expected {code}: {r.Stderr}");
        Assert.Contains(text, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr); // no .NET stack trace
        Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)); // one line
    }

    private static async Task<(int Code, string Stdout, string Stderr)> PlanAgainst(Func<HttpContext, Task> answer, params string[] extra)
    {
        await using var server = await FakeChatEndpoint.StartAsync((c, _) => answer(c));
        return CliRunner.Run(["plan", Instruction, "--planner", server.ApiBase, "--json", .. extra]);
    }

    [Theory]
    [InlineData("""[{"step_index": 0, "prompt": "red circle moves right", "chunks": ["0", "4"]}]""")]
    [InlineData("""[{"step_index": 0, "prompt": "red circle moves right", "chunks": [null, 4]}]""")]
    public async Task UrlPlanner_TypeConfusedChunks_Exit0_WithFormatScoreHalf(string content)
    {
        var r = await PlanAgainst(c => FakeChatEndpoint.Answer(c, content));
        Assert.True(r.Code == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var plan = doc.RootElement.GetProperty("plans")[0];
        Assert.Equal(0.5, plan.GetProperty("format_score").GetDouble());
        Assert.Contains("malformed 'chunks'", plan.GetProperty("problems")[0].GetString());
    }

    [Fact]
    public async Task UrlPlanner_NonJsonWithHttp200_Exit5()
    {
        var r = await PlanAgainst(c => c.Response.WriteAsync("Service temporarily overloaded"));
        AssertOneLineError(r, 5, "planner unavailable: planner endpoint http://127.0.0.1:");
        Assert.Contains("not JSON", r.Stderr);
    }

    [Fact]
    public async Task UrlPlanner_EmptyChoices_Exit5()
    {
        var r = await PlanAgainst(c => c.Response.WriteAsJsonAsync(new { id = "x", @object = "chat.completion", choices = Array.Empty<object>() }));
        AssertOneLineError(r, 5, "an empty 'choices' array (no answer)");
    }

    [Theory]
    [InlineData("--temperature", "NaN")]
    [InlineData("--temperature", "Infinity")]
    [InlineData("--temperature", "0")]
    [InlineData("--temperature", "1e-300")]
    [InlineData("--temperature", "1000")]
    [InlineData("--top-p", "NaN")]
    [InlineData("--top-p", "Infinity")]
    [InlineData("--top-p", "0")]
    [InlineData("--top-p", "1.5")]
    public void NonFiniteOrOutOfRangeSampling_Exit2_NamingTheOption(string option, string value)
    {
        var r = CliRunner.Run("plan", Instruction, option, value, "--json");
        AssertOneLineError(r, 2, $"{option} must be a number");
        Assert.Contains(value == "1e-300" ? "1E-300" : value, r.Stderr);
    }

    [Fact]
    public void OutIsAFolder_Exit2_BeforeAnyWork()
    {
        string dir = Directory.CreateTempSubdirectory("tempact-plan").FullName;
        try
        {
            // The planner named does not exist: an output check after loading it would exit 4 instead.
            var r = CliRunner.Run("plan", Instruction, "--planner", Path.Combine(dir, "no-planner"), "--out", dir);
            AssertOneLineError(r, 2, $"output error: --out {dir}: cannot write there ({dir} is a folder; give a file path)");
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void FailedRun_LeavesTheOldPlanFileAndNoTemporaryFile()
    {
        string dir = Directory.CreateTempSubdirectory("tempact-plan").FullName;
        try
        {
            string path = Path.Combine(dir, "PLAN.json");
            File.WriteAllText(path, "good");
            var r = CliRunner.Run("plan", "A red circle zorbles.", "--out", path);
            AssertOneLineError(r, 3, "zorbles");
            Assert.Equal("good", File.ReadAllText(path));
            Assert.Equal(["PLAN.json"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally { Directory.Delete(dir, true); }
    }
}
