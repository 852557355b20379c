using System.Text.Json;
using System.Threading.RateLimiting;
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
/// <c>GET /v1/models</c>, <c>GET /v1/models/{id}</c>, <c>POST /v1/chat/completions</c> (non-streaming, with <c>n</c>) and
/// <c>GET /health</c>. Binds to loopback unless told otherwise, rejects bodies over
/// <see cref="JudgeServerOptions.MaxRequestBytes"/> with 413, checks every image's header before any decoding, works on
/// at most <see cref="JudgeServerOptions.MaxConcurrentCompletions"/> completions at once, answers every error — unknown
/// routes and internal failures included — in OpenAI's error shape, and on <see cref="StopAsync"/> stops accepting and
/// lets requests in flight finish.
/// </summary>
public sealed class JudgeServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly IReadOnlyDictionary<string, IChatModel> models;
    private readonly JudgeServerOptions options;
    private readonly ConcurrencyLimiter slots;
    private readonly long created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private long served;

    private JudgeServer(WebApplication app, IReadOnlyDictionary<string, IChatModel> models, JudgeServerOptions options)
    {
        this.app = app; this.models = models; this.options = options;
        slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrentCompletions,
            QueueLimit = options.MaxQueuedCompletions,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
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
        var server = new JudgeServer(builder.Build(), byId, o);
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
        slots.Dispose();
    }

    private void Map()
    {
        // 1. Nothing leaves without a body in OpenAI's shape: a failure inside becomes a 500 server_error, and an empty
        //    4xx (unknown route, wrong method) gets a message.
        app.Use(async (context, next) =>
        {
            try { await next(context).ConfigureAwait(false); }
            catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
            { await OpenAiError.Write(context, 500, $"internal error: {e.Message}").ConfigureAwait(false); }
        });
        app.UseStatusCodePages(pages => pages.HttpContext.Response.StatusCode switch
        {
            404 => OpenAiError.Write(pages.HttpContext, 404, $"no such endpoint: {pages.HttpContext.Request.Method} {pages.HttpContext.Request.Path}", "unknown_url"),
            405 => OpenAiError.Write(pages.HttpContext, 405, $"{pages.HttpContext.Request.Method} is not allowed on {pages.HttpContext.Request.Path}", "method_not_allowed"),
            int status => OpenAiError.Write(pages.HttpContext, status, $"the request failed with HTTP {status}"),
        });

        // 2. The routes.
        app.MapGet("/health", () => Results.Json(new { status = "ok", models = models.Keys.ToArray(), served = Served }));
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = models.Keys.Select(Model).ToArray() }));
        app.MapGet("/v1/models/{**id}", (string id) =>
        {
            id = Uri.UnescapeDataString(id); // an id with '/' may arrive as %2F
            return models.ContainsKey(id) ? Results.Json(Model(id)) : UnknownModel(id);
        });
        app.MapPost("/v1/chat/completions", (Delegate)Complete);
    }

    private object Model(string id) => new { id, @object = "model", created, owned_by = "tempact" };

    private IResult UnknownModel(string id) =>
        OpenAiError.Result(404, $"The model '{id}' does not exist; this server has {string.Join(", ", models.Keys)}", "model_not_found");

    private async Task<IResult> Complete(HttpContext context)
    {
        // 1. Wait for a slot, so that only so many requests hold bodies and frames at once.
        using var slot = await slots.AcquireAsync(1, context.RequestAborted).ConfigureAwait(false);
        if (!slot.IsAcquired)
            return OpenAiError.Result(429, $"the server is busy: {options.MaxConcurrentCompletions} completions running and {options.MaxQueuedCompletions} waiting; retry later", "rate_limit_exceeded");

        // 2. Parse and check the request: JSON, fields, n, image headers.
        JsonDocument body;
        try { body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false); }
        catch (BadHttpRequestException e) { return OpenAiError.Result(e.StatusCode, e.StatusCode == 413 ? $"the request body is over the {options.MaxRequestBytes:N0}-byte limit" : e.Message, e.StatusCode == 413 ? "request_too_large" : null); }
        catch (JsonException e) { return OpenAiError.Result(400, $"the request body is not JSON: {e.Message}", "invalid_json"); }
        using (body)
        {
            ChatRequest request;
            try { request = ChatRequestReader.Read(body.RootElement, options.MaxChoices); }
            catch (ChatRequestException e) { return OpenAiError.Result(e.Status, e.Message, e.Code, e.Param); }
            if (request.Stream) return OpenAiError.Result(400, "streaming is not supported by this server; send \"stream\": false", "unsupported_value", "stream");
            if (!models.TryGetValue(request.Model, out var model)) return UnknownModel(request.Model);

            // 3. Answer: n choices from the model.
            IReadOnlyList<string> answers;
            try { answers = await Task.Run(() => model.CompleteAsync(request.Prompt, context.RequestAborted), context.RequestAborted).ConfigureAwait(false); }
            catch (ChatModelException e) { return OpenAiError.Result(400, e.Message, e.Code); }
            if (answers.Count != request.Prompt.Choices)
                throw new InvalidOperationException($"model '{model.Id}' returned {answers.Count} answers for n = {request.Prompt.Choices}");
            Interlocked.Increment(ref served);
            return Results.Json(new
            {
                id = "chatcmpl-" + Guid.NewGuid().ToString("N"),
                @object = "chat.completion",
                created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                model = request.Model,
                choices = answers.Select((answer, i) => new { index = i, message = new { role = "assistant", content = answer }, finish_reason = "stop" }).ToArray(),
                usage = new { prompt_tokens = 0, completion_tokens = 0, total_tokens = 0 },
            });
        }
    }
}
