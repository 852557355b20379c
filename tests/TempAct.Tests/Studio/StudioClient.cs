using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace TempAct.Tests.Studio;

/// <summary>A WebSocket client of the studio's /api/stream, as the page is one.</summary>
public sealed class StudioClient : IAsyncDisposable
{
    private readonly ClientWebSocket socket = new();
    private readonly byte[] buffer = new byte[1 << 20];

    /// <summary>Connects to the studio at <paramref name="page"/>.</summary>
    public static async Task<StudioClient> ConnectAsync(Uri page)
    {
        var client = new StudioClient();
        var uri = new UriBuilder(new Uri(page, "api/stream")) { Scheme = "ws" }.Uri;
        await client.socket.ConnectAsync(uri, CancellationToken.None);
        return client;
    }

    /// <summary>Sends one message.</summary>
    public Task SendAsync(JsonObject message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next message, or null when the server closed; waits at most <paramref name="timeout"/> (a hang
    /// fails the test instead of blocking it).</summary>
    public async Task<JsonObject?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        int length = 0;
        while (true)
        {
            var r = await socket.ReceiveAsync(buffer.AsMemory(length), cts.Token);
            if (r.MessageType == WebSocketMessageType.Close) return null;
            length += r.Count;
            if (r.EndOfMessage) break;
        }
        return JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, length))!.AsObject();
    }

    /// <summary>Reads messages until one of <paramref name="type"/> comes (or the server closes: null).</summary>
    public async Task<JsonObject?> UntilAsync(string type, List<JsonObject>? seen = null)
    {
        while (await ReceiveAsync() is { } m)
        {
            seen?.Add(m);
            if ((string?)m["type"] == type) return m;
        }
        return null;
    }

    /// <summary>Drops the connection without a closing handshake (a closed tab, a lost network).</summary>
    public void Abort() => socket.Abort();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try { await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None); }
            catch (WebSocketException) { }
        }
        socket.Dispose();
    }
}
