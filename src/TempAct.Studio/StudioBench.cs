using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace TempAct.Studio;

/// <summary>One stream as a client saw it over the WebSocket.</summary>
/// <param name="Streams">Streams running at once in its round.</param>
/// <param name="Planned">True when it started from an instruction (planning counted in the time to first frame).</param>
/// <param name="FirstFrameMs">From sending Start to receiving the first chunk.</param>
/// <param name="Frames">Frames received.</param>
/// <param name="Seconds">From sending Start to receiving the last chunk.</param>
/// <param name="FramesPerSecond">Frames received after the first chunk over the time between the first and the last
/// chunk: the delivery rate once streaming.</param>
public sealed record StudioBenchStream(int Streams, bool Planned, double FirstFrameMs, int Frames, double Seconds, double FramesPerSecond);

/// <summary>Resident memory of the process at one moment of a long stream.</summary>
public sealed record StudioRssSample(double Seconds, int Frames, double RssMb, long LiveRollouts);

/// <summary>
/// The studio measured from the client's side of the WebSocket (the same messages the page gets): time from Start to the
/// first frame and frames per second delivered, with 1 or N streams at once, planned (from an instruction) or from a
/// given plan; and the process's RSS over a long stream.
/// </summary>
public static class StudioBench
{
    /// <summary>The instruction of the planned runs (3 events).</summary>
    public const string Instruction = "A red circle rests on the left. It slides to the right, then it turns blue, and then it jumps.";

    /// <summary>Runs <paramref name="rounds"/> rounds of <paramref name="streams"/> clients started together against the
    /// studio at <paramref name="page"/>; each client streams <paramref name="chunks"/> chunks at full speed.</summary>
    public static async Task<List<StudioBenchStream>> RoundsAsync(Uri page, int streams, int rounds, bool planned, int chunks, long seed,
        Action<StudioBenchStream>? progress = null, CancellationToken cancellation = default)
    {
        var results = new List<StudioBenchStream>();
        for (int r = 0; r < rounds; r++)
        {
            var tasks = Enumerable.Range(0, streams).Select(i => OneAsync(page, streams, planned, chunks, seed + r * 100 + i, cancellation)).ToArray();
            foreach (var s in await Task.WhenAll(tasks).ConfigureAwait(false)) { results.Add(s); progress?.Invoke(s); }
        }
        return results;
    }

    private static JsonObject Start(bool planned, int chunks, long seed, double pace) => planned
        ? new JsonObject { ["type"] = "start", ["instruction"] = Instruction, ["seed"] = seed, ["pace"] = pace, ["chunks_per_event"] = Math.Clamp(chunks / 3, 1, StudioRequest.MaxChunksPerEvent) }
        : new JsonObject
        {
            ["type"] = "start", ["seed"] = seed, ["pace"] = pace,
            ["steps"] = new JsonArray(
                new JsonObject { ["prompt"] = "red circle moves right", ["chunks"] = new JsonArray(0, chunks / 2) },
                new JsonObject { ["prompt"] = "red circle jumps", ["chunks"] = new JsonArray(chunks / 2, chunks) }),
        };

    private static async Task<StudioBenchStream> OneAsync(Uri page, int streams, bool planned, int chunks, long seed, CancellationToken cancellation)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new UriBuilder(new Uri(page, "api/stream")) { Scheme = "ws" }.Uri, cancellation).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        StudioTrace.Mark("client-send");
        await Send(socket, Start(planned, chunks, seed, 0), cancellation).ConfigureAwait(false);
        double first = -1, last = 0;
        int frames = 0, firstFrames = 0;
        var buffer = new byte[1 << 20];
        while (await Receive(socket, buffer, cancellation).ConfigureAwait(false) is { } m)
        {
            string? type = (string?)m["type"];
            if (type == "error") throw new InvalidOperationException($"the studio answered: {m["message"]} {m["detail"]}");
            if (type == "chunk")
            {
                last = clock.Elapsed.TotalMilliseconds;
                if (first < 0 && StudioTrace.On) StudioTrace.Mark($"client-first {last:0.0}");
                if (first < 0) { first = last; firstFrames = (int)m["frames"]!; }
                frames += (int)m["frames"]!;
            }
            if (type == "done") break;
        }
        await Close(socket).ConfigureAwait(false);
        double rate = (frames - firstFrames) / Math.Max((last - first) / 1000, 1e-9);
        return new StudioBenchStream(streams, planned, Math.Round(first, 1), frames, Math.Round(last / 1000, 3), Math.Round(rate, 1));
    }

    /// <summary>One stream of a given plan for <paramref name="duration"/> (paced at <paramref name="pace"/> frames/s, 0: full
    /// speed), the process's RSS sampled every <paramref name="every"/>; the client stops it at the end.</summary>
    public static async Task<List<StudioRssSample>> LongStreamAsync(Uri page, StudioEngine engine, TimeSpan duration, TimeSpan every, double pace,
        Action<StudioRssSample>? progress = null, CancellationToken cancellation = default)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new UriBuilder(new Uri(page, "api/stream")) { Scheme = "ws" }.Uri, cancellation).ConfigureAwait(false);
        int chunks = engine.Options.MaxFrames / engine.Models.Executor.Config.ChunkFrames;
        await Send(socket, Start(false, chunks, 1, pace), cancellation).ConfigureAwait(false);
        var samples = new List<StudioRssSample>();
        var clock = Stopwatch.StartNew();
        var next = TimeSpan.Zero;
        int frames = 0;
        var buffer = new byte[1 << 20];
        while (clock.Elapsed < duration)
        {
            JsonObject? m;
            using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            {
                quiet.CancelAfter(TimeSpan.FromSeconds(60));
                try { m = await Receive(socket, buffer, quiet.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                { throw new InvalidOperationException($"no message for 60 s after {frames} frames: {engine.Describe()}"); }
            }
            if (m is null) break;
            if ((string?)m["type"] == "error") throw new InvalidOperationException($"the studio answered after {frames} frames: {m["message"]} {m["detail"]}");
            if ((string?)m["type"] == "chunk") frames += (int)m["frames"]!;
            if ((string?)m["type"] == "done") break;
            if (clock.Elapsed >= next)
            {
                using var self = Process.GetCurrentProcess();
                var s = new StudioRssSample(Math.Round(clock.Elapsed.TotalSeconds, 1), frames, Math.Round(self.WorkingSet64 / 1048576.0, 1), engine.LiveRollouts);
                samples.Add(s);
                progress?.Invoke(s);
                next += every;
            }
        }
        await Send(socket, new JsonObject { ["type"] = "stop" }, cancellation).ConfigureAwait(false);
        await Close(socket).ConfigureAwait(false);
        return samples;
    }

    private static async Task Close(ClientWebSocket socket)
    {
        try { await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).ConfigureAwait(false); }
        catch (WebSocketException) { /* the server is gone: nothing to close */ }
    }

    private static Task Send(ClientWebSocket socket, JsonObject message, CancellationToken cancellation) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellation);

    private static async Task<JsonObject?> Receive(ClientWebSocket socket, byte[] buffer, CancellationToken cancellation)
    {
        int length = 0;
        while (true)
        {
            var r = await socket.ReceiveAsync(buffer.AsMemory(length), cancellation).ConfigureAwait(false);
            if (r.MessageType == WebSocketMessageType.Close) return null;
            length += r.Count;
            if (r.EndOfMessage) break;
        }
        return JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, length))!.AsObject();
    }

    /// <summary>Median of a list (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        if (v.Length == 0) return double.NaN;
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
