using Microsoft.AspNetCore.Http;
using TempAct.Judges;
using TempAct.Judges.Http;
using TempAct.World.Plans;

namespace TempAct.Tests.Judges.Http;

/// <summary>Each way a judge server can fail: retried with backoff, then scored 0 and counted.</summary>
public sealed class JudgeClientFailureTests
{
    private const string GoodPlanAnswer = "{\"faithfulness\": 1, \"coverage\": 1, \"temporal_order\": 1, \"hallucination\": 0}";

    private static PlanJudgeItem Item => new(JudgeScenarios.TeacherPlan(JudgeScenarios.Instruction, JudgeScenarios.Frames), JudgeScenarios.Instruction);

    private static JudgeClient Client(FakeChatEndpoint server, int attempts = 3, double timeoutSeconds = 10) => new(new JudgeClientOptions
    {
        Endpoints = [server.ApiBase], MaxAttempts = attempts, Timeout = TimeSpan.FromSeconds(timeoutSeconds), Backoff = TimeSpan.FromMilliseconds(10),
    });

    private static async Task<(JudgeScore Score, JudgeClientStats Stats, int Hits)> Run(Func<HttpContext, int, Task> handler, int attempts = 3, double timeout = 10)
    {
        await using var server = await FakeChatEndpoint.StartAsync(handler);
        using var client = Client(server, attempts, timeout);
        var scores = await new HttpPlanJudge(client).ScoreAsync([Item]);
        return (scores[0], client.Stats, server.Hits);
    }

    private static void AssertScoredZero(JudgeScore score)
    {
        Assert.True(score.Failed);
        Assert.Equal(0, score.Total);
        Assert.All(SubScoreNames.Plan, n => Assert.Equal(0, score[n]));
    }

    [Fact]
    public async Task Timeout_IsRetried_ThenScoredZeroAndCounted()
    {
        var (score, stats, hits) = await Run(async (c, _) => await Task.Delay(TimeSpan.FromSeconds(5), c.RequestAborted), attempts: 2, timeout: 0.3);
        AssertScoredZero(score);
        Assert.Contains("no answer within", score.Failure);
        // The client's counts are exact; how many attempts reached the server's handler before their 0.3 s ran out is
        // not (on a loaded machine the second connection can time out before the handler runs; seen in CI).
        Assert.Equal((2, 1, 1), ((int)stats.Timeouts, (int)stats.Retries, (int)stats.Failures));
        Assert.InRange(hits, 1, 2);
    }

    [Fact]
    public async Task ServerError500_IsRetried_ThenScoredZeroAndCounted()
    {
        var (score, stats, hits) = await Run((c, _) => { c.Response.StatusCode = 500; return c.Response.WriteAsync("boom"); });
        AssertScoredZero(score);
        Assert.Contains("HTTP 500", score.Failure);
        Assert.Equal((3, 3, 2, 1), (hits, (int)stats.HttpErrors, (int)stats.Retries, (int)stats.Failures));
    }

    [Fact]
    public async Task NonJsonAnswer_IsRetried_ThenScoredZeroAndCounted()
    {
        var (score, stats, hits) = await Run((c, _) => FakeChatEndpoint.Answer(c, "The plan looks great, 9/10."));
        AssertScoredZero(score);
        Assert.Contains("no JSON", score.Failure);
        Assert.Equal((3, 3, 1), (hits, (int)stats.ParseFailures, (int)stats.Failures));
    }

    [Theory]
    [InlineData("{\"score\": 0.9}")]                                                                          // wrong names
    [InlineData("{\"faithfulness\": 1, \"coverage\": 1, \"temporal_order\": 7, \"hallucination\": 0}")]        // out of [0, 1]
    [InlineData("{\"faithfulness\": \"high\", \"coverage\": 1, \"temporal_order\": 1, \"hallucination\": 0}")] // not a number
    public async Task WrongFields_AreRetried_ThenScoredZeroAndCounted(string answer)
    {
        var (score, stats, hits) = await Run((c, _) => FakeChatEndpoint.Answer(c, answer));
        AssertScoredZero(score);
        Assert.Contains("wrong fields", score.Failure);
        Assert.Equal((3, 3, 1), (hits, (int)stats.FieldErrors, (int)stats.Failures));
    }

    [Fact]
    public async Task AResponseThatIsNotAChatCompletion_IsRetried_ThenScoredZeroAndCounted()
    {
        var (score, stats, hits) = await Run((c, _) => { c.Response.ContentType = "text/html"; return c.Response.WriteAsync("<html>proxy error</html>"); });
        AssertScoredZero(score);
        Assert.Equal((3, 3, 1), (hits, (int)stats.ParseFailures, (int)stats.Failures));
    }

    [Fact]
    public async Task AFailureFollowedByAGoodAnswer_IsRecovered_ByTheRetry()
    {
        var (score, stats, hits) = await Run((c, attempt) =>
        {
            if (attempt == 1) { c.Response.StatusCode = 503; return Task.CompletedTask; }
            return FakeChatEndpoint.Answer(c, "```json\n" + GoodPlanAnswer + "\n```");
        });
        Assert.False(score.Failed);
        Assert.Equal(0.9, score.Total, 12);
        Assert.Equal((2, 1, 1, 0), (hits, (int)stats.Retries, (int)stats.Answers, (int)stats.Failures));
    }

    [Fact]
    public async Task ABadRequest_IsNotRetried()
    {
        var (score, stats, hits) = await Run((c, _) => { c.Response.StatusCode = 400; return Task.CompletedTask; });
        AssertScoredZero(score);
        Assert.Equal((1, 0), (hits, (int)stats.Retries));
    }

    [Fact]
    public async Task SeveralEndpoints_AreUsedRoundRobin()
    {
        await using var a = await FakeChatEndpoint.StartAsync((c, _) => FakeChatEndpoint.Answer(c, GoodPlanAnswer));
        await using var b = await FakeChatEndpoint.StartAsync((c, _) => FakeChatEndpoint.Answer(c, GoodPlanAnswer));
        using var client = new JudgeClient(new JudgeClientOptions { Endpoints = [a.ApiBase, b.ApiBase], MaxConcurrency = 1 });
        var scores = await new HttpPlanJudge(client).ScoreAsync(Enumerable.Repeat(Item, 6).ToList());
        Assert.All(scores, s => Assert.Equal(0.9, s.Total, 12));
        Assert.Equal((3, 3), (a.Hits, b.Hits));
    }

    [Fact]
    public async Task ARetry_GoesToTheNextEndpoint()
    {
        await using var down = await FakeChatEndpoint.StartAsync((c, _) => { c.Response.StatusCode = 502; return Task.CompletedTask; });
        await using var up = await FakeChatEndpoint.StartAsync((c, _) => FakeChatEndpoint.Answer(c, GoodPlanAnswer));
        using var client = new JudgeClient(new JudgeClientOptions { Endpoints = [down.ApiBase, up.ApiBase], Backoff = TimeSpan.Zero });
        var scores = await new HttpPlanJudge(client).ScoreAsync([Item]);
        Assert.False(scores[0].Failed);
        Assert.Equal((1, 1), (down.Hits, up.Hits));
    }

    [Fact]
    public async Task NoReachableEndpoint_IsAJudgeUnavailableException()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0)) { probe.Start(); port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port; }
        using var client = new JudgeClient(new JudgeClientOptions { Endpoints = [$"http://127.0.0.1:{port}/v1"], MaxAttempts = 2, Backoff = TimeSpan.Zero });
        var e = await Assert.ThrowsAsync<JudgeUnavailableException>(() => new HttpPlanJudge(client).ScoreAsync([Item]));
        Assert.Contains($"127.0.0.1:{port}", e.Message);
        Assert.Equal(2, client.Stats.ConnectionErrors);
    }

    [Fact]
    public void Options_AreValidated()
    {
        Assert.Throws<ArgumentException>(() => new JudgeClient(new JudgeClientOptions()));
        Assert.Throws<ArgumentException>(() => new JudgeClient(new JudgeClientOptions { Endpoints = ["localhost:8000"] }));
        Assert.Throws<ArgumentException>(() => new JudgeClient(new JudgeClientOptions { Endpoints = ["http://127.0.0.1:8000/v1"], MaxAttempts = 0 }));
    }

    [Fact]
    public void PlanJson_RoundTrips()
    {
        var plan = JudgeScenarios.TeacherPlan(JudgeScenarios.Instruction, JudgeScenarios.Frames);
        var back = PlanJson.Read(PlanJson.Write(plan), plan.TotalChunks);
        Assert.Equal(plan.Steps, back.Steps);
        Assert.Throws<FormatException>(() => PlanJson.Read("[{\"step_index\": 0}]", 12));
    }
}
