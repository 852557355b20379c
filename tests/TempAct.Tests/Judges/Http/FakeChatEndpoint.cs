using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TempAct.Tests.Judges.Http;

/// <summary>A tiny misbehaving chat-completions server on loopback for the client tests: every POST to
/// /v1/chat/completions runs <c>handler(context, attempt)</c> (attempt counts from 1).</summary>
public sealed class FakeChatEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;
    private int hits;

    private FakeChatEndpoint(WebApplication app) => this.app = app;

    /// <summary>Requests received so far.</summary>
    public int Hits => Volatile.Read(ref hits);

    /// <summary>The OpenAI base URL ("http://127.0.0.1:PORT/v1").</summary>
    public string ApiBase { get; private set; } = "";

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeChatEndpoint> StartAsync(Func<HttpContext, int, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var fake = new FakeChatEndpoint(builder.Build());
        fake.app.MapPost("/v1/chat/completions", (HttpContext c) => handler(c, Interlocked.Increment(ref fake.hits)));
        await fake.app.StartAsync();
        fake.ApiBase = fake.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1";
        return fake;
    }

    /// <summary>Writes a well-formed completion whose message content is <paramref name="content"/>.</summary>
    public static Task Answer(HttpContext c, string content) => c.Response.WriteAsJsonAsync(new
    {
        id = "chatcmpl-fake", @object = "chat.completion", created = 0, model = "fake",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
    });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
