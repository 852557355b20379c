using TempAct.Judges;
using TempAct.Judges.Http;
using TempAct.Judges.Oracle;
using TempAct.Judges.Server;
using TempAct.World.Plans;
using TempAct.World.Rendering;
using Xunit.Abstractions;

namespace TempAct.Tests.Judges.Http;

/// <summary>The HTTP judges against the real judge server on loopback give the in-process oracle's scores.</summary>
public sealed class HttpJudgeLoopbackTests(ITestOutputHelper output)
{
    private static readonly (string Name, Func<Video> Make)[] Videos =
        [("ground truth", JudgeScenarios.GroundTruth), ("wrong order", JudgeScenarios.WrongOrder),
         ("missing event", JudgeScenarios.MissingEvent), ("blended", JudgeScenarios.Blended)];

    /// <summary>The video as the server sees it: every frame through JPEG and back.</summary>
    private static Video RoundTrip(Video v, JudgeClientOptions o) =>
        JpegFrames.Decode(Enumerable.Range(0, v.Frames).Select(t => JpegFrames.Encode(v, t, o.FrameScale, o.JpegQuality)).ToList());

    private void AssertSame(string what, JudgeScore http, JudgeScore oracle, double tolerance)
    {
        output.WriteLine($"{what}: HTTP {http}\n{new string(' ', what.Length)}  oracle {oracle}");
        Assert.False(http.Failed, http.Failure);
        Assert.Equal(oracle.Total, http.Total, tolerance);
        foreach (var (name, value) in oracle.SubScores) Assert.Equal(value, http[name], tolerance);
    }

    [Fact]
    public async Task VideoStepAndPlanJudges_OverHttp_EqualTheInProcessOracle()
    {
        await using var server = await JudgeServer.StartAsync([new OracleChatModel()], new JudgeServerOptions(Port: 0));
        using var client = new JudgeClient(new JudgeClientOptions { Endpoints = [server.ApiBase.ToString()], MaxConcurrency = 4 });
        var ins = JudgeScenarios.Instruction;
        var window = JudgeScenarios.StepWindow(ins, JudgeScenarios.Frames, 1);
        var videos = Videos.Select(v => v.Make()).ToList();

        var httpVideo = await new HttpVideoJudge(client).ScoreAsync(videos.Select(v => new VideoJudgeItem(v, ins)).ToList());
        var httpStep = await new HttpStepJudge(client).ScoreAsync(videos.Select(v => new StepJudgeItem(v, window, "red circle turns blue")).ToList());
        var oracleVideo = new OracleVideoJudge();
        var oracleStep = new OracleStepJudge();
        for (int i = 0; i < videos.Count; i++)
        {
            // Exactly what the oracle says of the frames the server received (JPEG-coded) …
            var received = RoundTrip(videos[i], client.Options);
            AssertSame($"S_video {Videos[i].Name}", httpVideo[i], oracleVideo.Score(received, ins), 1e-12);
            AssertSame($"S_local {Videos[i].Name}", httpStep[i], oracleStep.Score(received, window, "red circle turns blue"), 1e-12);
            // … and what it says of the original frames: JPEG at 4× and quality 95 changes no decision.
            AssertSame($"S_video {Videos[i].Name} (original frames)", httpVideo[i], oracleVideo.Score(videos[i], ins), 0.01);
            AssertSame($"S_local {Videos[i].Name} (original frames)", httpStep[i], oracleStep.Score(videos[i], window, "red circle turns blue"), 0.01);
        }

        var plans = new[]
        {
            JudgeScenarios.TeacherPlan(ins, JudgeScenarios.Frames),
            StepPlan.Uniform(["red circle turns blue", "red circle moves right", "red circle jumps"], 12),
            StepPlan.Uniform(["red circle moves right and turns blue", "red circle jumps"], 12),
        };
        var httpPlan = await new HttpPlanJudge(client).ScoreAsync(plans.Select(p => new PlanJudgeItem(p, ins)).ToList());
        for (int i = 0; i < plans.Length; i++) AssertSame($"S_judge plan {i}", httpPlan[i], new OraclePlanJudge().Score(plans[i], ins), 1e-12);

        output.WriteLine($"client: {client.Stats}");
        Assert.Equal(0, client.Stats.Failures);
        Assert.Equal(2 * videos.Count + plans.Length, client.Stats.Answers);
    }
}
