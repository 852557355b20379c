using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TempAct.Judges.Server;
using TempAct.World.Media;
using TempAct.World.Tests.Media;

namespace TempAct.Tests.Judges.Server;

/// <summary>The server as OpenAI's clients expect it: model retrieval, n choices, and every error in OpenAI's shape
/// {"error": {"message", "type", "param", "code"}} — bad bytes, bad n, unknown models and routes, bombs, failures.</summary>
public sealed class OpenAiConformanceTests
{
    /// <summary>A plan-judge request the oracle answers (text only).</summary>
    public const string PlanJudgeText = "Judge: plan\nInstruction: A red circle rests on the left. It slides to the right.\nChunks: 4\n" +
        "Plan: [{\"step_index\": 0, \"prompt\": \"red circle moves right\", \"chunks\": [0, 4]}]";

    /// <summary>A model that draws a fresh number for every choice, like a sampling LM.</summary>
    private sealed class SamplingModel(string id = "sampler") : IChatModel
    {
        private int draws;
        public string Id => id;
        public Task<IReadOnlyList<string>> CompleteAsync(ChatPrompt prompt, CancellationToken cancellation) =>
            Task.FromResult<IReadOnlyList<string>>(Enumerable.Range(0, prompt.Choices).Select(_ => $"draw {Interlocked.Increment(ref draws)}").ToArray());
    }

    /// <summary>A model that fails inside, as a bug would.</summary>
    private sealed class BrokenModel : IChatModel
    {
        public string Id => "broken";
        public Task<IReadOnlyList<string>> CompleteAsync(ChatPrompt prompt, CancellationToken cancellation) => throw new InvalidOperationException("boom");
    }

    /// <summary>A model that holds its request until released.</summary>
    private sealed class GateModel : IChatModel
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string Id => "gate";
        public async Task<IReadOnlyList<string>> CompleteAsync(ChatPrompt prompt, CancellationToken cancellation)
        {
            Started.TrySetResult();
            await Release.Task;
            return ["done"];
        }
    }

    private static Task<JudgeServer> Start(JudgeServerOptions? options = null, params IChatModel[] models) =>
        JudgeServer.StartAsync([new OracleChatModel(), .. models], options ?? new JudgeServerOptions(Port: 0));

    private static string Chat(string model, string content, string extra = "") =>
        $"{{\"model\": \"{model}\", \"messages\": [{{\"role\": \"user\", \"content\": {JsonSerializer.Serialize(content)}}}]{extra}}}";

    private static string ImageChat(IEnumerable<byte[]> images) =>
        "{\"model\": \"tempact-oracle\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"Judge: step_clip\"}" +
        string.Concat(images.Select(i => $", {{\"type\": \"image_url\", \"image_url\": {{\"url\": \"data:image/png;base64,{Convert.ToBase64String(i)}\"}}}}")) + "]}]}";

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpClient http, HttpMethod method, string path, byte[]? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };
        using var response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"HTTP {(int)response.StatusCode} came with an empty body");
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static Task<(HttpStatusCode, JsonElement)> Post(HttpClient http, string json) =>
        Send(http, HttpMethod.Post, "v1/chat/completions", Encoding.UTF8.GetBytes(json));

    /// <summary>Asserts OpenAI's error shape: exactly {"error": {message, type, param, code}}.</summary>
    private static JsonElement AssertError(JsonElement body, string type, string? code, string? param = null)
    {
        Assert.Equal(["error"], body.EnumerateObject().Select(p => p.Name));
        var error = body.GetProperty("error");
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        return error;
    }

    [Fact]
    public async Task InvalidUtf8_InsideAJsonString_IsA400InOpenAisShape()
    {
        await using var server = await Start();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        byte[] body = [.. Encoding.UTF8.GetBytes(Chat("tempact-oracle", "hello")[..^5]), 0xC3, 0x28, .. "\"}]}"u8]; // 0xC3 0x28: invalid
        var (status, error) = await Send(http, HttpMethod.Post, "v1/chat/completions", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("UTF-8", AssertError(error, "invalid_request_error", "invalid_encoding").GetProperty("message").GetString());
    }

    [Fact]
    public async Task RetrievingAModel_GivesIt_AndAnUnknownIdIs404ModelNotFound()
    {
        await using var server = await Start(null, new SamplingModel("Qwen/Qwen3-VL-8B"));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var (status, model) = await Send(http, HttpMethod.Get, "v1/models/tempact-oracle");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("tempact-oracle", "model", "tempact"), (model.GetProperty("id").GetString(), model.GetProperty("object").GetString(), model.GetProperty("owned_by").GetString()));
        foreach (var path in new[] { "v1/models/Qwen/Qwen3-VL-8B", "v1/models/Qwen%2FQwen3-VL-8B" })
            Assert.Equal("Qwen/Qwen3-VL-8B", (await Send(http, HttpMethod.Get, path)).Body.GetProperty("id").GetString());
        var (missing, error) = await Send(http, HttpMethod.Get, "v1/models/gpt-9");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        AssertError(error, "invalid_request_error", "model_not_found");
    }

    [Fact]
    public async Task AnUnknownModel_InChatCompletions_Is404ModelNotFound()
    {
        await using var server = await Start();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var (status, error) = await Post(http, Chat("gpt-9", PlanJudgeText));
        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertError(error, "invalid_request_error", "model_not_found");
    }

    [Fact]
    public async Task NChoices_AreIndependentSamples_OrTheOraclesAnswerRepeated()
    {
        await using var server = await Start(null, new SamplingModel());
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var (status, sampled) = await Post(http, Chat("sampler", "hi", ", \"n\": 3"));
        Assert.Equal(HttpStatusCode.OK, status);
        var choices = sampled.GetProperty("choices").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], choices.Select(c => c.GetProperty("index").GetInt32()));
        Assert.Equal(3, choices.Select(c => c.GetProperty("message").GetProperty("content").GetString()).Distinct().Count());

        var (oracleStatus, judged) = await Post(http, Chat("tempact-oracle", PlanJudgeText, ", \"n\": 2"));
        Assert.Equal(HttpStatusCode.OK, oracleStatus);
        var answers = judged.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("message").GetProperty("content").GetString()).ToList();
        Assert.Equal(2, answers.Count);
        Assert.Equal(answers[0], answers[1]); // deterministic: the same answer twice
        Assert.Equal(1.0, JsonDocument.Parse(answers[0]!).RootElement.GetProperty("coverage").GetDouble());
        Assert.Single((await Post(http, Chat("sampler", "hi", ", \"n\": null"))).Item2.GetProperty("choices").EnumerateArray());
    }

    [Theory]
    [InlineData("0", "integer_below_min_value")]
    [InlineData("-2", "integer_below_min_value")]
    [InlineData("17", "integer_above_max_value")]
    [InlineData("1.5", "invalid_type")]
    [InlineData("\"2\"", "invalid_type")]
    public async Task AnInvalidN_IsA400NamingN(string n, string code)
    {
        await using var server = await Start();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var (status, error) = await Post(http, Chat("tempact-oracle", PlanJudgeText, $", \"n\": {n}"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(error, "invalid_request_error", code, "n");
    }

    [Theory]
    [InlineData("PNG")]
    [InlineData("JPEG")]
    [InlineData("GIF")]
    public async Task AnImageBomb_IsA400ImageTooLarge(string format)
    {
        byte[] bomb = format switch { "PNG" => CraftedImages.Png(20000, 20000, 1), "JPEG" => CraftedImages.Jpeg(20000, 20000, 1), _ => CraftedImages.Gif(20000, 20000) };
        await using var server = await Start();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var (status, error) = await Post(http, ImageChat([CraftedImages.Png(128, 128), bomb]));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("image 1", AssertError(error, "invalid_request_error", "image_too_large", "messages").GetProperty("message").GetString());
    }

    [Fact]
    public async Task MoreImagesThanFrames_IsA400TooManyImages()
    {
        await using var server = await Start();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        byte[] tiny = CraftedImages.Png(32, 32);
        var (status, error) = await Post(http, ImageChat(Enumerable.Repeat(tiny, ImageLimits.Server.MaxFrames + 1)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(error, "invalid_request_error", "too_many_images", "messages");
    }

    [Fact]
    public async Task UnknownRoutes_WrongMethods_AndInternalFailures_AllCarryAnOpenAiError()
    {
        await using var server = await Start(null, new BrokenModel());
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var (notFound, e1) = await Send(http, HttpMethod.Get, "v1/embeddings");
        Assert.Equal(HttpStatusCode.NotFound, notFound);
        AssertError(e1, "invalid_request_error", "unknown_url");
        var (wrongMethod, e2) = await Send(http, HttpMethod.Get, "v1/chat/completions");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod);
        AssertError(e2, "invalid_request_error", "method_not_allowed");
        var (failed, e3) = await Post(http, Chat("broken", "hi"));
        Assert.Equal(HttpStatusCode.InternalServerError, failed);
        AssertError(e3, "server_error", null);
    }

    [Fact]
    public async Task BeyondTheQueue_ACompletionGets429()
    {
        var gate = new GateModel();
        await using var server = await Start(new JudgeServerOptions(Port: 0, MaxConcurrentCompletions: 1, MaxQueuedCompletions: 0), gate);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var first = Post(http, Chat("gate", "hi"));
        await gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the only slot is taken
        var (status, error) = await Post(http, Chat("tempact-oracle", PlanJudgeText));
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        AssertError(error, "requests", "rate_limit_exceeded");
        gate.Release.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await first).Item1);
    }
}
