using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TempAct.Models.Planner;
using TempAct.Tests.Judges.Http;

namespace TempAct.Tests.Planner;

/// <summary>An OpenAI-compatible planner that answers HTTP 200 with something that is not a chat completion is
/// unavailable (a named error), while bad plan text inside a good completion is only a low format score.</summary>
public sealed class EndpointPlannerAnswerTests
{
    private const string Instruction = "A red circle rests on the left. It slides to the right.";

    private static async Task<(IReadOnlyList<PlanSample>? Samples, Exception? Error, int Hits)> Ask(Func<HttpContext, Task> answer)
    {
        await using var server = await FakeChatEndpoint.StartAsync((c, _) => answer(c));
        var planner = new EndpointPlanner(new Uri(server.ApiBase), "fake", new SamplingOptions(), TimeSpan.FromSeconds(10), maxRetries: 1);
        try { return (planner.Sample(Instruction, null, 4, 1, seed: 3), null, server.Hits); }
        catch (Exception e) { return (null, e, server.Hits); }
    }

    private static Task Raw(HttpContext c, string body, string type = "application/json")
    {
        c.Response.ContentType = type;
        return c.Response.WriteAsync(body);
    }

    [Theory]
    [InlineData("""[{"step_index": 0, "prompt": "red circle moves right", "chunks": ["0", "4"]}]""")]
    [InlineData("""[{"step_index": 0, "prompt": "red circle moves right", "chunks": [null, 4]}]""")]
    [InlineData("""[{"step_index": "0", "prompt": "red circle moves right", "chunks": [0, 4.0]}]""")]
    public async Task TypeConfusedPlanText_IsScoredHalf_NotAnError(string content)
    {
        var (samples, error, _) = await Ask(c => FakeChatEndpoint.Answer(c, content));
        Assert.Null(error);
        Assert.Equal(0.5, samples![0].Parsed.FormatScore);
        Assert.Equal("red circle moves right", samples[0].Parsed.Plan.Steps[0].Prompt);
    }

    [Theory]
    [InlineData("<html>502 Bad Gateway</html>", "text/html", "not JSON (starting \"<html>502")]
    [InlineData("", "application/json", "not JSON")]
    [InlineData("""{"id": "x", "choices": []}""", "application/json", "an empty 'choices' array")]
    [InlineData("""{"id": "x"}""", "application/json", "no 'choices' array")]
    [InlineData("""{"choices": {"0": {}}}""", "application/json", "no 'choices' array")]
    [InlineData("""{"choices": [{"index": 0}]}""", "application/json", "choice 0 without a 'message' object")]
    [InlineData("""{"choices": [{"message": {"role": "assistant", "content": null}}]}""", "application/json", "choice 0 without a string 'content'")]
    [InlineData("""{"choices": [{"message": {"content": "\ud800"}}]}""", "application/json", "not valid text")]
    [InlineData("""{"error": {"message": "model overloaded"}}""", "application/json", "an error object {\"message\": \"model overloaded\"}")]
    [InlineData("""[1, 2]""", "application/json", "a JSON array")]
    public async Task Http200ThatIsNotAChatCompletion_IsUnavailable_NamingUrlAndProblem(string body, string type, string problem)
    {
        var (_, error, hits) = await Ask(c => Raw(c, body, type));
        var unavailable = Assert.IsType<PlannerUnavailableException>(error);
        Assert.Contains("127.0.0.1", unavailable.Message);
        Assert.Contains(problem, unavailable.Message);
        Assert.Equal(1, hits);
    }

    [Fact]
    public async Task Request_CarriesModelSamplingAndSeed()
    {
        JsonElement request = default;
        var (samples, error, _) = await Ask(async c =>
        {
            request = (await JsonDocument.ParseAsync(c.Request.Body)).RootElement.Clone();
            await FakeChatEndpoint.Answer(c, """[{"step_index": 0, "prompt": "red circle moves right", "chunks": [0, 4]}]""");
        });
        Assert.Null(error);
        Assert.Equal(1.0, samples![0].Parsed.FormatScore);
        Assert.Equal("fake", request.GetProperty("model").GetString());
        Assert.Equal(["system", "user"], request.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(1.0, request.GetProperty("temperature").GetDouble());
        Assert.Equal(0.7, request.GetProperty("top_p").GetDouble(), 1e-9);
        Assert.Equal(3, request.GetProperty("seed").GetInt64());
        Assert.True(request.GetProperty("max_tokens").GetInt32() >= 256);
    }

    [Theory]
    [InlineData(double.NaN, 0.7)]
    [InlineData(double.PositiveInfinity, 0.7)]
    [InlineData(1.0, double.NaN)]
    [InlineData(0.0, 0.7)]
    [InlineData(1.0, 0.0)]
    public void NonFiniteOrOutOfRangeSampling_IsRefused(double temperature, double topP) =>
        Assert.Throws<ArgumentException>(() => new EndpointPlanner(new Uri("http://127.0.0.1:9/v1"), "x", new SamplingOptions { Temperature = temperature, TopP = topP }));
}
