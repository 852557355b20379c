using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using TempAct.Judges.Server;

namespace TempAct.Tests.Judges.Server;

public sealed class JudgeServerTests
{
    /// <summary>A chat model standing in for the planner: echoes the last user message, after an optional delay.</summary>
    private sealed class EchoModel(string id, TimeSpan delay = default) : IChatModel
    {
        public string Id => id;

        /// <summary>Completes when a request has reached the model.</summary>
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<IReadOnlyList<string>> CompleteAsync(ChatPrompt prompt, CancellationToken cancellation)
        {
            Started.TrySetResult();
            await Task.Delay(delay, CancellationToken.None); // finishes even while the server stops
            return Enumerable.Range(0, prompt.Choices).Select(_ => "[{\"step_index\": 0, \"prompt\": \"" + prompt.Turns[^1].Text + "\"}]").ToArray();
        }
    }

    private static Task<JudgeServer> Start(params IChatModel[] models) =>
        JudgeServer.StartAsync(models.Length > 0 ? models : [new OracleChatModel()], new JudgeServerOptions(Port: 0, MaxRequestBytes: 64 * 1024));

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Health_AndModels_AreServed()
    {
        await using var server = await Start(new OracleChatModel(), new EchoModel("planner"));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var health = await http.GetFromJsonAsync<JsonDocument>("health");
        Assert.Equal("ok", health!.RootElement.GetProperty("status").GetString());
        using var models = await http.GetFromJsonAsync<JsonDocument>("v1/models");
        Assert.Equal("list", models!.RootElement.GetProperty("object").GetString());
        Assert.Equal(["tempact-oracle", "planner"], models.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task ByDefault_TheServerBindsToLoopback()
    {
        Assert.False(new JudgeServerOptions().IsPublic);
        await using var server = await Start();
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.EndsWith("/v1", server.ApiBase.ToString());
    }

    [Fact]
    public async Task AChatModel_IsServed_ToTheOpenAiClient()
    {
        await using var server = await Start(new OracleChatModel(), new EchoModel("planner"));
        var chat = new ChatClient("planner", new ApiKeyCredential("any"), new OpenAIClientOptions { Endpoint = server.ApiBase });
        var answer = await chat.CompleteChatAsync([new UserChatMessage("red circle moves right")]);
        Assert.Equal("[{\"step_index\": 0, \"prompt\": \"red circle moves right\"}]", answer.Value.Content[0].Text);
        Assert.Equal(1, server.Served);
    }

    [Theory]
    [InlineData("{\"model\": \"gpt-9\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}", HttpStatusCode.NotFound, "model_not_found")]
    [InlineData("this is not json", HttpStatusCode.BadRequest, null)]
    [InlineData("{\"model\": \"tempact-oracle\"}", HttpStatusCode.BadRequest, null)]
    [InlineData("{\"model\": \"tempact-oracle\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}", HttpStatusCode.BadRequest, null)]
    [InlineData("{\"model\": \"tempact-oracle\", \"messages\": [{\"role\": \"user\", \"content\": \"hello\"}]}", HttpStatusCode.BadRequest, null)]
    [InlineData("{\"model\": \"tempact-oracle\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", \"image_url\": {\"url\": \"https://example.com/a.jpg\"}}]}]}", HttpStatusCode.BadRequest, null)]
    public async Task BadRequests_GetOpenAiShapedErrors(string body, HttpStatusCode status, string? code)
    {
        await using var server = await Start();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await http.PostAsync("v1/chat/completions", Json(body));
        Assert.Equal(status, response.StatusCode);
        using var error = await response.Content.ReadFromJsonAsync<JsonDocument>();
        Assert.False(string.IsNullOrEmpty(error!.RootElement.GetProperty("error").GetProperty("message").GetString()));
        if (code is not null) Assert.Equal(code, error.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ARequestOverTheSizeLimit_Gets413()
    {
        await using var server = await Start();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        string big = "{\"model\": \"tempact-oracle\", \"messages\": [{\"role\": \"user\", \"content\": \"" + new string('x', 100_000) + "\"}]}";
        using var response = await http.PostAsync("v1/chat/completions", Json(big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var error = await response.Content.ReadFromJsonAsync<JsonDocument>();
        Assert.Equal("request_too_large", error!.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Stopping_LetsTheRequestInFlightFinish_ThenRefusesNewOnes()
    {
        var slow = new EchoModel("slow", TimeSpan.FromMilliseconds(600));
        var server = await Start(slow);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var inFlight = http.PostAsync("v1/chat/completions", Json("{\"model\": \"slow\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"));
        await slow.Started.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the request is in flight
        await server.StopAsync();
        using var response = await inFlight;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("health"));
        await server.DisposeAsync();
    }

    [Fact]
    public void Options_RejectAHostName_AndAnOutOfRangePort()
    {
        Assert.Throws<ArgumentException>(() => new JudgeServerOptions(Host: "example.com").Validate());
        Assert.Throws<ArgumentException>(() => new JudgeServerOptions(Port: 70000).Validate());
        Assert.True(new JudgeServerOptions(Host: "0.0.0.0").IsPublic);
    }
}
