using System.Net.Http.Json;
using System.Text.Json;
using Spectre.Console.Cli;
using TempAct.Cli;
using TempAct.Cli.Commands.Judges;
using TempAct.Models.Checkpoints;

namespace TempAct.Tests.Judges.Cli;

/// <summary>The Judges commands, registered as Program.cs will register them (`train aesthetic`, `serve`, `judges bench`).</summary>
[Collection(TorchCollection.Name)]
public sealed class JudgeCommandsTests
{
    private static CommandApp App() => TempAct.Cli.Program.Create(); // the real table of contents

    /// <summary>Runs the app with stdout and stderr captured (console redirection is process-wide: this collection is serial).</summary>
    private static async Task<(int Code, string Stdout, string Stderr)> Run(string[] args, Func<Func<string>, Task>? whileRunning = null, CancellationToken cancellation = default)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (syncOut, syncErr) = (TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr));
        Console.SetOut(syncOut); Console.SetError(syncErr);
        try
        {
            var running = App().RunAsync(args, cancellation);
            if (whileRunning is not null) await whileRunning(() => { lock (syncOut) return stdout.ToString(); });
            int code = await running;
            lock (syncOut) lock (syncErr) return (code, stdout.ToString(), stderr.ToString());
        }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }

    [Fact]
    public async Task Bench_MeasuresEveryJudge_InProcessAndOverHttp_WithIdenticalScores()
    {
        var (code, stdout, stderr) = await Run(["judges", "bench", "--videos", "2", "--events", "2", "--frames", "24", "--concurrency", "2", "--json"]);
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("path").GetString()!.StartsWith("HTTP") && r.GetProperty("judge").GetString() == "S_video");
        Assert.All(rows, r => Assert.True(r.GetProperty("per_second").GetDouble() > 0));
        Assert.All(rows, r => Assert.True(r.GetProperty("max_difference").GetDouble() <= 0.01, r.ToString()));
    }

    [Fact]
    public async Task Serve_AnswersOnLoopback_ThenStopsGracefully()
    {
        using var stop = new CancellationTokenSource();
        var (code, _, stderr) = await Run(["serve", "--judges", "oracle", "--port", "0", "--json"], async stdout =>
        {
            string url = "";
            for (int i = 0; i < 200 && url == ""; i++)
            {
                await Task.Delay(50);
                if (stdout().Trim() is { Length: > 0 } line) url = JsonDocument.Parse(line).RootElement.GetProperty("url").GetString()!;
            }
            Assert.StartsWith("http://127.0.0.1:", url);
            using var http = new HttpClient();
            using var models = await http.GetFromJsonAsync<JsonDocument>(url + "/models");
            Assert.Equal("tempact-oracle", models!.RootElement.GetProperty("data")[0].GetProperty("id").GetString());
            stop.Cancel();
        }, stop.Token);
        Assert.Equal(0, code);
        Assert.Contains("stopped", stderr);
    }

    [Fact]
    public async Task Serve_WithAMissingPlannerCheckpoint_IsAClearError()
    {
        var (code, _, stderr) = await Run(["serve", "--planner", "/nonexistent/planner", "--port", "0"]);
        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains("/nonexistent/planner", stderr);
    }

    [Fact]
    public async Task TrainAesthetic_WritesTheScorer_AndResumeWithNothingLeftIsADataError()
    {
        string dir = Directory.CreateTempSubdirectory("tempact-aes-cli").FullName;
        try
        {
            string config = Path.Combine(dir, "tiny.json"), output = Path.Combine(dir, "out");
            File.WriteAllText(config, "{\"steps\": 4, \"batchSize\": 6, \"trainFrames\": 24, \"heldOutFrames\": 6, \"model\": {\"widths\": [4, 4, 8, 8]}}");
            var (code, stdout, stderr) = await Run(["train", "aesthetic", "--out", output, "--config", config, "--seed", "3", "--json"]);
            Assert.True(code == 0, stderr);
            Assert.Equal(4, JsonDocument.Parse(stdout).RootElement.GetProperty("steps").GetInt32());
            foreach (var file in new[] { WeightStore.WeightsFile, WeightStore.ConfigFile, "eval.json" }) Assert.True(File.Exists(Path.Combine(output, file)), file);

            (code, _, stderr) = await Run(["train", "aesthetic", "--out", output, "--config", config, "--resume"]);
            Assert.Equal(ExitCodes.DataError, code);
            Assert.Contains("nothing to resume", stderr);
        }
        finally { Directory.Delete(dir, true); }
    }
}
