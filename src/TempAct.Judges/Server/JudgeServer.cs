using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TempAct.Judges.Server;

/// <summary>
/// An OpenAI-compatible chat-completions server (ASP.NET Core minimal APIs on Kestrel) for any <see cref="IChatModel"/>s:
/// <c>GET /v1/models</c>, <c>POST /v1/chat/completions</c> (non-streaming) and <c>GET /health</c>. Binds to loopback
/// unless told otherwise, rejects bodies over <see cref="JudgeServerOptions.MaxRequestBytes"/> with 413, answers bad
/// requests with OpenAI-shaped errors, and on <see cref="StopAsync"/> stops accepting and lets requests in flight finish.
/// </summary>
public sealed class JudgeServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly IReadOnlyDictionary<string, IChatModel> models;
    private readonly long created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private long served;

    private JudgeServer(WebApplication app, IReadOnlyDictionary<string, IChatModel> models)
    {
        this.app = app; this.models = models;
    }

    /// <summary>"http://127.0.0.1:PORT/" — the bound address (the real port when 0 was asked for).</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The OpenAI base URL clients use: BaseAddress + "v1".</summary>
    public Uri ApiBase => new(BaseAddress, "v1");

    /// <summary>Chat completions answered so far.</summary>
    public long Served => Interlocked.Read(ref served);

    /// <summary>Starts serving <paramref name="models"/> (distinct ids) and returns once the socket listens.</summary>
    public static async Task<JudgeServer> StartAsync(IReadOnlyList<IChatModel> models, JudgeServerOptions? options = null, CancellationToken cancellation = default)
    {
        var o = (options ?? new JudgeServerOptions()).Validate();
        if (models.Count == 0) throw new ArgumentException("the server needs at least one model to serve");
        var byId = new Dictionary<string, IChatModel>();
        foreach (var m in models)
            if (!byId.TryAdd(m.Id, m)) throw new ArgumentException($"two served models share the id '{m.Id}'");

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders(); // the CLI reports; Kestrel's console lines would garble its output
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = o.ShutdownTimeout ?? TimeSpan.FromSeconds(10));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = o.MaxRequestBytes;
            k.Listen(o.Address(), o.Port);
        });
        var server = new JudgeServer(builder.Build(), byId);
        server.Map();
        await server.app.StartAsync(cancellation).ConfigureAwait(false);
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Stops gracefully: no new connections, requests in flight finish (up to the shutdown timeout).</summary>
    public Task StopAsync(CancellationToken cancellation = default) => app.StopAsync(cancellation);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private void Map()
    {
        app.MapGet("/health", () => Results.Json(new { status = "ok", models = models.Keys.ToArray(), served = Served }));
        app.MapGet("/v1/models", () => Results.Json(new
        {
            @object = "list",
            data = models.Keys.Select(id => new { id, @object = "model", created, owned_by = "tempact" }).ToArray(),
        }));
        app.MapPost("/v1/chat/completions", (Delegate)Complete);
    }

    private async Task<IResult> Complete(HttpContext context)
    {
        JsonDocument body;
        try { body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false); }
        catch (BadHttpRequestException e) { return Error(e.StatusCode, e.Message, e.StatusCode == 413 ? "request_too_large" : null); }
        catch (JsonException e) { return Error(400, $"the request body is not JSON: {e.Message}"); }
        using (body)
        {
            string model;
            bool stream;
            ChatPrompt prompt;
            try { (model, stream, prompt) = ChatRequestReader.Read(body.RootElement); }
            catch (FormatException e) { return Error(400, e.Message); }
            if (stream) return Error(400, "streaming is not supported by this server; send \"stream\": false");
            if (!models.TryGetValue(model, out var served))
                return Error(404, $"the model '{model}' does not exist; this server has {string.Join(", ", models.Keys)}", "model_not_found");
            string answer;
            try { answer = await Task.Run(() => served.CompleteAsync(prompt, context.RequestAborted), context.RequestAborted).ConfigureAwait(false); }
            catch (ChatModelException e) { return Error(400, e.Message); }
            Interlocked.Increment(ref this.served);
            return Results.Json(new
            {
                id = "chatcmpl-" + Guid.NewGuid().ToString("N"),
                @object = "chat.completion",
                created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = answer }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 0, completion_tokens = 0, total_tokens = 0 },
            });
        }
    }

    /// <summary>An error in the OpenAI shape {"error": {"message", "type", "param", "code"}}.</summary>
    private static IResult Error(int status, string message, string? code = null) => Results.Json(new JsonObject
    {
        ["object"] = "error",
        ["error"] = new JsonObject
        {
            ["message"] = message,
            ["type"] = status == 404 ? "not_found_error" : status >= 500 ? "server_error" : "invalid_request_error",
            ["param"] = null,
            ["code"] = code,
        },
    }, statusCode: status);
}
