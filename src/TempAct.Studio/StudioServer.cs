using System.Net.WebSockets;
using System.Reflection;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TempAct.Studio;

/// <summary>
/// The studio's web host: one page (embedded HTML/JS/CSS), a WebSocket at /api/stream through which a client starts a
/// run, steers it and receives its plan, frames, switches and events, and the GIF of a run at /api/runs/{id}/gif
/// (built in memory from the run's frames, while its client is connected). Loopback unless told otherwise. Nothing from
/// a request reaches the file system. A client that disconnects cancels its run: generation stops at the next chunk and
/// the run's tensors are freed.
/// </summary>
public sealed class StudioServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly StudioEngine engine;
    private readonly ConcurrentDictionary<string, StudioRun> runs = new();

    private StudioServer(WebApplication app, StudioEngine engine) { this.app = app; this.engine = engine; }

    /// <summary>The page's address, e.g. http://127.0.0.1:8080/.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The engine (tests read its counters).</summary>
    public StudioEngine Engine => engine;

    /// <summary>Runs whose clients are connected.</summary>
    public int OpenRuns => runs.Count;

    /// <summary>Starts the server on <see cref="StudioOptions.Host"/>:<see cref="StudioOptions.Port"/> (port 0: a free
    /// one) with a new engine over <paramref name="models"/>.</summary>
    public static async Task<StudioServer> StartAsync(StudioModels models, StudioOptions options, CancellationToken cancellation = default)
    {
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders(); // the CLI reports
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxMessageBytes;
            k.Listen(options.Address(), options.Port);
        });
        var engine = new StudioEngine(models, options);
        var server = new StudioServer(builder.Build(), engine);
        server.Map();
        try { await server.app.StartAsync(cancellation).ConfigureAwait(false); }
        catch { engine.Dispose(); throw; }
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Waits until the host stops (Ctrl+C or <paramref name="cancellation"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellation = default) => app.WaitForShutdownAsync(cancellation);

    private void Map()
    {
        app.Use(async (context, next) =>
        {
            try { await next(context).ConfigureAwait(false); }
            catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
            { await Error(context, 500, "internal", $"internal error: {e.Message}").ConfigureAwait(false); }
        });
        app.UseStatusCodePages(pages => pages.HttpContext.Response.StatusCode switch
        {
            404 => Error(pages.HttpContext, 404, "not_found", $"no such page: {pages.HttpContext.Request.Method} {pages.HttpContext.Request.Path}"),
            405 => Error(pages.HttpContext, 405, "method_not_allowed", $"{pages.HttpContext.Request.Method} is not allowed on {pages.HttpContext.Request.Path}"),
            int status => Error(pages.HttpContext, status, "error", $"the request failed with HTTP {status}"),
        });
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });

        app.MapGet("/", () => Asset("index.html", "text/html; charset=utf-8"));
        app.MapGet("/studio.js", () => Asset("studio.js", "text/javascript; charset=utf-8"));
        app.MapGet("/studio.css", () => Asset("studio.css", "text/css; charset=utf-8"));
        app.MapGet("/api/info", Info);
        app.MapGet("/api/runs/{id}/gif", (string id, int? lane) =>
        {
            if (!runs.TryGetValue(id, out var run)) return ErrorResult(404, "not_found", "no such run: a run's GIF is kept while its page is open");
            var gif = run.Gif(lane ?? 0);
            return gif is null
                ? ErrorResult(404, "not_found", $"run {id} has no frames in lane {lane ?? 0} yet")
                : Results.File(gif, "image/gif", $"tempact-studio-seed{run.Request.Seed}-lane{lane ?? 0}.gif");
        });
        app.Map("/api/stream", Stream);
    }

    private IResult Info() => Results.Json(new
    {
        executor = engine.Models.ExecutorName,
        planner = engine.Models.PlannerName,
        tempact = engine.Models.HasTempAct,
        compare = engine.Models.HasTempAct
            ? "base executor with the base planner's step prompts vs TempAct (RL-trained planner and executor), same seed"
            : "TempAct's RL-trained weights (models/tempact) are not shipped yet: side by side shows the base executor with switch none vs recache on the same plan and seed",
        max_streams = engine.Options.MaxStreams,
        active_streams = engine.ActiveStreams,
        max_frames = engine.Options.MaxFrames,
        gif_max_frames = engine.Options.GifMaxFrames,
        max_chunks_per_event = StudioRequest.MaxChunksPerEvent,
        chunk_frames = engine.Models.Executor.Config.ChunkFrames,
        examples = StudioExamples.Instructions,
    });

    private static IResult Asset(string name, string type)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("studio/" + name)
            ?? throw new InvalidOperationException($"the page asset {name} is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Results.Bytes(copy.ToArray(), type);
    }

    private static IResult ErrorResult(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);

    private static Task Error(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = new { code, message } });
    }

    // ---------------------------------------------------------------- the stream

    private async Task Stream(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest) { await Error(context, 400, "request", "/api/stream is a WebSocket").ConfigureAwait(false); return; }
        // A page of another site must not drive the studio through the visitor's browser.
        if (context.Request.Headers.Origin is { Count: > 0 } origin && Uri.TryCreate(origin.ToString(), UriKind.Absolute, out var o)
            && !string.Equals(o.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
        { await Error(context, 403, "origin", $"origin {origin} is not this studio's").ConfigureAwait(false); return; }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var outbox = Channel.CreateUnbounded<JsonObject>(); // not SingleReader: that one cannot count its backlog
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var writer = Task.Run(() => Write(socket, outbox.Reader, closing.Token));
        StudioRun? run = null;
        void Send(JsonObject m) => outbox.Writer.TryWrite(m);
        int Backlog() => outbox.Reader.Count;
        try
        {
            var buffer = new byte[engine.Options.MaxMessageBytes];
            while (socket.State == WebSocketState.Open)
            {
                var (text, tooBig) = await Receive(socket, buffer, closing.Token).ConfigureAwait(false);
                if (text is null) break;
                if (tooBig) { Send(ErrorMessage("request", $"messages are at most {engine.Options.MaxMessageBytes} bytes")); continue; }
                JsonElement message;
                try { using var doc = JsonDocument.Parse(text); message = doc.RootElement.Clone(); }
                catch (JsonException e) { Send(ErrorMessage("request", $"not JSON: {e.Message}")); continue; }
                string type = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                try
                {
                    switch (type)
                    {
                        case "start":
                            if (run is not null) { await Stop(run).ConfigureAwait(false); run = null; } // its slots are free before the new one takes any
                            run = await StudioRun.StartAsync(engine, StudioRequest.Read(message), Send, Backlog, closing.Token).ConfigureAwait(false);
                            runs[run.Id] = run;
                            break;
                        case "edit":
                            if (run is null) throw new StudioInputException("request", "nothing is streaming: press Start first");
                            if (!message.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
                                throw new StudioInputException("request", "an edit needs \"steps\": [...]");
                            await run.Edit(StudioRequest.ReadSteps(steps)).ConfigureAwait(false);
                            break;
                        case "instruction":
                            if (run is null) throw new StudioInputException("request", "nothing is streaming: press Start first");
                            string instruction = message.TryGetProperty("instruction", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : "";
                            if (string.IsNullOrWhiteSpace(instruction)) throw new StudioInputException("request", "type an instruction");
                            await run.NewInstructionAsync(instruction).ConfigureAwait(false);
                            break;
                        case "stop":
                            if (run is not null) { await run.Cancel().ConfigureAwait(false); Send(new JsonObject { ["type"] = "stopped", ["run"] = run.Id }); }
                            break;
                        default:
                            Send(ErrorMessage("request", $"unknown message type '{type}' (start, edit, instruction, stop)"));
                            break;
                    }
                }
                catch (StudioInputException e)
                {
                    var m = ErrorMessage(e.Code, e.Message);
                    if (e.Word is not null) { m["word"] = e.Word; m["word_number"] = e.WordNumber; m["offset"] = e.Offset; }
                    if (e.Step is { } st) m["step"] = st;
                    Send(m);
                }
                catch (StudioBusyException e)
                {
                    Send(ErrorMessage("busy", e.Message));
                }
            }
        }
        catch (OperationCanceledException) { }
        catch (WebSocketException) { }
        finally
        {
            // The client is gone (or closed): its run stops at the next chunk and frees its tensors.
            if (run is not null) _ = Stop(run); // not awaited: the engine may be stopping with the server
            outbox.Writer.TryComplete();
            await closing.CancelAsync().ConfigureAwait(false);
            try { await writer.ConfigureAwait(false); } catch (Exception) { /* the socket is gone */ }
            // Complete the closing handshake (the client's close, or ours), briefly: a client that is gone is not waited for.
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token).ConfigureAwait(false); }
                catch (Exception) { /* already gone */ }
            }
        }
    }

    private Task Stop(StudioRun run)
    {
        runs.TryRemove(run.Id, out _);
        return run.Cancel();
    }

    private static JsonObject ErrorMessage(string code, string message) => new() { ["type"] = "error", ["code"] = code, ["message"] = message };

    private static async Task<(string? Text, bool TooBig)> Receive(WebSocket socket, byte[] buffer, CancellationToken cancellation)
    {
        int length = 0;
        bool tooBig = false;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(Math.Min(length, buffer.Length - 1)), cancellation).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close) return (null, false);
            if (length + result.Count >= buffer.Length) tooBig = true; else length += result.Count;
            if (result.EndOfMessage) break;
        }
        return (tooBig ? "" : Encoding.UTF8.GetString(buffer, 0, length), tooBig);
    }

    private static async Task Write(WebSocket socket, ChannelReader<JsonObject> outbox, CancellationToken cancellation)
    {
        await foreach (var message in outbox.ReadAllAsync(cancellation).ConfigureAwait(false))
        {
            var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
            await socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellation).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        engine.Dispose();
    }
}
