using TempAct.Judges.Server;
using TempAct.Models.Checkpoints;
using TempAct.Models.Planner;
using TempAct.Tests.Cli;
using TempAct.World.Language;
using TempAct.World.Plans;

namespace TempAct.Tests.Planner;

[Collection(TorchCollection.Name)]
public sealed class PlannerEndToEndTests
{
    private static string BaseDir => Path.Combine(CliRunner.RepoRoot(), "models", "planner-base");
    private const string Instruction = "A small blue square sits at the top left and a red circle rests on the right. The circle slides to the left, then the square slowly grows.";

    [Fact]
    public void ShippedPlanner_WritesValidPlans_AndTheTeachersEventsInAtLeastHalfOfThem()
    {
        // The shipped planner samples (T = 1, top-p 0.7): its plans are always valid, and measured on this instruction 4 of
        // 8 name exactly the teacher's events — the others swap which colour goes with "the circle" / "the square", the
        // error docs/RESULTS.md reports for this planner (a longer SFT run is what should remove it).
        var (lm, tok) = PlannerCheckpoint.Load(BaseDir);
        var planner = new LocalPlanner(lm, tok, new SamplingOptions());
        var samples = planner.Sample(Instruction, null, 8, 8, seed: 0);
        Assert.All(samples, s => Assert.Equal(1.0, s.Parsed.FormatScore));
        var events = InstructionParser.Parse(Instruction);
        var matched = samples.Where(s => PlanQuality.Matches(s.Parsed.Plan, events)).ToList();
        Assert.True(matched.Count >= 4, $"{matched.Count} of 8 plans match: " + string.Join(" | ", samples.Select(s => s.Text)));
        Assert.All(matched, m => Assert.Equal(["red circle moves left", "blue square slowly grows"], m.Parsed.Plan.Steps.Select(s => s.Prompt)));
    }

    [Fact]
    public async Task EndpointPlanner_AgainstTheProjectsOwnOpenAiServer_GivesTheLocalPlannersPlan()
    {
        var (lm, tok) = PlannerCheckpoint.Load(BaseDir);
        var local = new LocalPlanner(lm, tok, new SamplingOptions());
        await using var server = await JudgeServer.StartAsync([new PlannerChatModel(local)], new JudgeServerOptions(Port: 0));
        var remote = new EndpointPlanner(server.ApiBase, "planner", new SamplingOptions(), TimeSpan.FromSeconds(30));
        var viaHttp = remote.Sample(Instruction, null, 8, 2, seed: 5);
        var direct = new[] { local.Sample(Instruction, null, 8, 1, 5)[0], local.Sample(Instruction, null, 8, 1, 6)[0] };
        Assert.Equal(direct.Select(d => d.Text), viaHttp.Select(v => v.Text));
        Assert.All(viaHttp, v => Assert.Equal(1.0, v.Parsed.FormatScore));
    }

    [Fact]
    public void EndpointPlanner_DownEndpoint_IsAClearError()
    {
        var remote = new EndpointPlanner(new Uri("http://127.0.0.1:9/v1"), "planner", new SamplingOptions(), TimeSpan.FromSeconds(2), maxRetries: 1);
        var ex = Assert.Throws<PlannerUnavailableException>(() => remote.Sample(Instruction, null, 8, 1, 0));
        Assert.Contains("127.0.0.1:9", ex.Message);
    }

    [Fact]
    public void CorruptCheckpoint_IsAClearError()
    {
        string dir = Directory.CreateTempSubdirectory("tempact-ckpt").FullName;
        try
        {
            foreach (var f in Directory.GetFiles(BaseDir)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
            var weights = Path.Combine(dir, WeightStore.WeightsFile);
            var bytes = File.ReadAllBytes(weights);
            File.WriteAllBytes(weights, bytes[..(bytes.Length / 2)]); // truncated download
            var ex = Assert.Throws<CheckpointException>(() => PlannerCheckpoint.Load(dir));
            Assert.Contains("truncated", ex.Message);
            File.Delete(weights);
            Assert.Contains("missing", Assert.Throws<CheckpointException>(() => PlannerCheckpoint.Load(dir)).Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void PlanCli_PrintsTheDocumentedJson()
    {
        var (code, stdout, stderr) = CliRunner.Run("plan", Instruction, "--samples", "2", "--seed", "1", "--json");
        Assert.True(code == 0, stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        var plans = doc.RootElement.GetProperty("plans");
        Assert.Equal(2, plans.GetArrayLength());
        var first = plans[0];
        Assert.Equal(1.0, first.GetProperty("format_score").GetDouble());
        Assert.True(first.GetProperty("logprob").GetDouble() < 0);
        var step = first.GetProperty("steps")[0];
        Assert.Equal(0, step.GetProperty("step_index").GetInt32());
        Assert.Equal("red circle moves left", step.GetProperty("prompt").GetString());
        Assert.Equal(2, step.GetProperty("chunks").GetArrayLength());
        Assert.Equal(3, CliRunner.Run("plan", "A red circle zorbles.").Code); // outside the language
    }

    [Fact]
    public void PlanCli_WritesAPlanFileThatReadsBackValid()
    {
        string path = Path.Combine(Path.GetTempPath(), $"tempact-{Guid.NewGuid():N}", "PLAN.json");
        try
        {
            var (code, _, stderr) = CliRunner.Run("plan", Instruction, "--chunks", "8", "--out", path);
            Assert.True(code == 0, stderr);
            var back = PlanParser.ParseFile(path, 8, 2, Instruction);
            Assert.Equal(1.0, back.FormatScore);
            Assert.Equal(2, back.Plan.Steps.Count);
            Assert.All(back.Plan.Steps, s => Assert.NotNull(StepPrompt.TryParse(s.Prompt))); // step prompts the executor reads
            Assert.Equal(8, back.Plan.Steps[^1].Chunks.End);
        }
        finally { Directory.Delete(Path.GetDirectoryName(path)!, true); }
    }
}
