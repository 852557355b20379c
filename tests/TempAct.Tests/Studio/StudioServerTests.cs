using System.Net;
using System.Text.Json.Nodes;
using TempAct.Studio;

namespace TempAct.Tests.Studio;

/// <summary>The web host over real sockets: the page, the stream protocol, busy, bad input, disconnects, the GIF.</summary>
[Collection(TorchCollection.Name)]
public sealed class StudioServerTests(StudioFixture fixture) : IClassFixture<StudioFixture>
{
    private static JsonObject Start(string? instruction = null, JsonArray? steps = null, double pace = 0, int seed = 1) => new()
    {
        ["type"] = "start", ["instruction"] = instruction, ["steps"] = steps, ["seed"] = seed, ["switch"] = "recache", ["pace"] = pace,
        ["chunks_per_event"] = 2,
    };

    private static JsonArray Steps(params (string Prompt, int First, int End)[] steps) =>
        new(steps.Select(s => (JsonNode)new JsonObject { ["prompt"] = s.Prompt, ["chunks"] = new JsonArray(s.First, s.End) }).ToArray());

    private static async Task Eventually(Func<bool> condition, string what)
    {
        for (int i = 0; i < 600 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition(), what);
    }

    [Fact]
    public async Task ThePage_ItsAssets_AndInfo_AreServed_OnLoopback()
    {
        await using var server = await StudioServer.StartAsync(fixture.Models, new StudioOptions(Port: 0));
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        Assert.Contains("TempAct studio", await http.GetStringAsync("/"));
        Assert.Contains("new WebSocket", await http.GetStringAsync("/studio.js"));
        Assert.Contains("image-rendering: pixelated", await http.GetStringAsync("/studio.css"));
        var info = JsonNode.Parse(await http.GetStringAsync("/api/info"))!;
        Assert.False((bool)info["tempact"]!);
        Assert.Contains("not shipped", (string)info["compare"]!);
        Assert.Equal(StudioExamples.Instructions.Count, info["examples"]!.AsArray().Count);
        var missing = await http.GetAsync("/nothing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no such page", await missing.Content.ReadAsStringAsync());
        var gif = await http.GetAsync("/api/runs/0123/gif");
        Assert.Equal(HttpStatusCode.NotFound, gif.StatusCode);
    }

    [Fact]
    public async Task AStream_SendsThePlanFramesEventsAndDone_AndTheGifDownloads()
    {
        await using var server = await StudioServer.StartAsync(fixture.Models, new StudioOptions(Port: 0));
        await using var client = await StudioClient.ConnectAsync(server.BaseAddress);
        await client.SendAsync(Start(steps: Steps(("red circle moves right", 0, 4), ("red circle jumps", 4, 8))));
        var seen = new List<JsonObject>();
        var done = await client.UntilAsync("done", seen);
        Assert.NotNull(done);
        var plan = seen.Single(m => (string?)m["type"] == "plan");
        Assert.Equal(8, (int)plan["chunks"]!);
        var chunks = seen.Where(m => (string?)m["type"] == "chunk").ToList();
        Assert.Equal(Enumerable.Range(0, 8), chunks.Select(c => (int)c["index"]!));
        Assert.All(chunks, c => Assert.Equal(3 * 32 * 32 * 3, Convert.FromBase64String((string)c["pixels"]!).Length));
        Assert.Equal(24, (int)done["frames"]!);
        var change = seen.Single(m => (string?)m["type"] == "switch");
        Assert.Equal(4, (int)change["chunk"]!);
        Assert.Equal("plan", (string)change["cause"]!);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var gif = await http.GetByteArrayAsync($"/api/runs/{plan["run"]}/gif?lane=0");
        Assert.Equal("GIF89a", System.Text.Encoding.ASCII.GetString(gif, 0, 6));
    }

    [Fact]
    public async Task BeyondTheBound_AStartIsAnsweredBusy_NotLeftHanging()
    {
        await using var server = await StudioServer.StartAsync(fixture.Models, new StudioOptions(Port: 0, MaxStreams: 1));
        await using var first = await StudioClient.ConnectAsync(server.BaseAddress);
        await first.SendAsync(Start(steps: Steps(("red circle moves right", 0, 2000)), pace: 6));
        Assert.NotNull(await first.UntilAsync("chunk"));
        await using var second = await StudioClient.ConnectAsync(server.BaseAddress);
        await second.SendAsync(Start(steps: Steps(("red circle jumps", 0, 4))));
        var answer = await second.ReceiveAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("error", (string?)answer!["type"]);
        Assert.Equal("busy", (string?)answer["code"]);
        Assert.Contains("1 of 1 streams", (string)answer["message"]!);
        // When the first stops, the second may start.
        await first.SendAsync(new JsonObject { ["type"] = "stop" });
        await Eventually(() => server.Engine.ActiveStreams == 0, "the stopped stream gives its slot back");
        await second.SendAsync(Start(steps: Steps(("red circle jumps", 0, 2))));
        Assert.NotNull(await second.UntilAsync("done"));
    }

    [Fact]
    public async Task AClientThatDisconnects_StopsItsGeneration_AndItsTensorsAreFreed()
    {
        await using var server = await StudioServer.StartAsync(fixture.Models, new StudioOptions(Port: 0));
        var client = await StudioClient.ConnectAsync(server.BaseAddress);
        await client.SendAsync(Start(steps: Steps(("red circle moves right", 0, 30_000))));
        for (int i = 0; i < 3; i++) Assert.NotNull(await client.UntilAsync("chunk"));
        Assert.Equal(1, server.Engine.LiveRollouts);
        client.Abort();                                                      // no closing handshake: a tab closed
        await Eventually(() => server.Engine.LiveRollouts == 0 && server.Engine.ActiveStreams == 0 && server.OpenRuns == 0,
            "the run stops and frees its rollout");
        long made = server.Engine.ChunksGenerated;
        await Task.Delay(300);
        Assert.Equal(made, server.Engine.ChunksGenerated);                  // nothing is generated for nobody
        Assert.True(made < 30_000 / 2, $"{made} chunks: generation went on after the client left");
        await client.DisposeAsync();
    }

    [Fact]
    public async Task AClientThatStopsReading_IsTreatedAsGone_AfterTheTimeout()
    {
        using var engine = new StudioEngine(fixture.Models, new StudioOptions(Port: 0, ClientTimeoutOrDefault: TimeSpan.FromMilliseconds(300)));
        var log = new MessageLog();
        // Its backlog never drains: no chunk is made for it, and after the timeout its run stops and gives everything back.
        var run = await StudioRun.StartAsync(engine, new StudioRequest(null, StudioFixture.Steps(("red circle moves right", 0, 100)), Pace: 0), log.Add, () => 1000);
        await Eventually(() => run.Completion.IsCompleted, "the stalled run ends");
        Assert.Equal(0, engine.ActiveStreams);
        Assert.Equal(0, engine.LiveRollouts);
        Assert.Empty(log.OfType("chunk"));
        Assert.Empty(log.OfType("done"));
    }

    [Fact]
    public async Task BadInput_IsAnsweredWithTheProblemNamed_AndTheStreamStaysUsable()
    {
        await using var server = await StudioServer.StartAsync(fixture.Models, new StudioOptions(Port: 0));
        await using var client = await StudioClient.ConnectAsync(server.BaseAddress);
        const string text = "A red circle rests on the left. It flies to the right.";
        await client.SendAsync(Start(instruction: text));
        var error = await client.ReceiveAsync();
        Assert.Equal("instruction", (string?)error!["code"]);
        Assert.Equal("flies", (string?)error["word"]);
        Assert.Equal(text.IndexOf("flies", StringComparison.Ordinal), (int)error["offset"]!);
        Assert.Contains("'flies' (word 9", (string)error["message"]!);

        await client.SendAsync(new JsonObject { ["type"] = "dance" });
        Assert.Contains("unknown message type 'dance'", (string)(await client.ReceiveAsync())!["message"]!);
        await client.SendAsync(new JsonObject { ["type"] = "edit", ["steps"] = Steps(("red circle jumps", 0, 2)) });
        Assert.Contains("press Start", (string)(await client.ReceiveAsync())!["message"]!);
        await client.SendAsync(Start(steps: Steps(("red circle moves right", 0, 2), ("red circle jumps", 3, 4))));
        var gap = await client.ReceiveAsync();
        Assert.Equal("plan", (string?)gap!["code"]);
        Assert.Contains("step 1", (string)gap["message"]!);
        var start = Start(instruction: "A red circle rests on the left. It jumps.");
        start["switch"] = "sideways";
        await client.SendAsync(start);
        Assert.Contains("switch must be none or recache", (string)(await client.ReceiveAsync())!["message"]!);

        await client.SendAsync(Start(instruction: "A red circle rests on the left. It jumps."));
        Assert.NotNull(await client.UntilAsync("done"));
        Assert.Equal(0, server.Engine.ActiveStreams);
    }

    [Fact]
    public async Task AWebSocketFromAnotherSite_IsRefused()
    {
        await using var server = await StudioServer.StartAsync(fixture.Models, new StudioOptions(Port: 0));
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", "http://evil.example");
        var uri = new UriBuilder(new Uri(server.BaseAddress, "api/stream")) { Scheme = "ws" }.Uri;
        await Assert.ThrowsAnyAsync<System.Net.WebSockets.WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None));
    }

    [Fact]
    public async Task SideBySide_WithoutTempActWeights_ComparesTheSwitchModesOnOneSeed()
    {
        await using var server = await StudioServer.StartAsync(fixture.Models, new StudioOptions(Port: 0));
        await using var client = await StudioClient.ConnectAsync(server.BaseAddress);
        var start = Start(steps: Steps(("red circle moves right", 0, 2), ("red circle jumps", 2, 4)));
        start["compare"] = true;
        await client.SendAsync(start);
        var seen = new List<JsonObject>();
        var plan = await client.UntilAsync("plan", seen);
        Assert.Contains("not shipped", (string)plan!["compare_note"]!);
        var lanes = plan["lanes"]!.AsArray();
        Assert.Equal(2, lanes.Count);
        Assert.Contains("switch none", (string)lanes[0]!["name"]!);
        Assert.Contains("switch recache", (string)lanes[1]!["name"]!);
        int done = 0;
        while (done < 2 && await client.ReceiveAsync() is { } m) { seen.Add(m); if ((string?)m["type"] == "done") done++; }
        var chunks = seen.Where(m => (string?)m["type"] == "chunk").ToList();
        Assert.Equal(4, chunks.Count(c => (int)c["lane"]! == 0));
        Assert.Equal(4, chunks.Count(c => (int)c["lane"]! == 1));
        // Same seed and prompts: identical until the switch, where the modes part.
        string Pixels(int lane, int index) => (string)chunks.Single(c => (int)c["lane"]! == lane && (int)c["index"]! == index)["pixels"]!;
        Assert.Equal(Pixels(0, 1), Pixels(1, 1));
        Assert.NotEqual(Pixels(0, 3), Pixels(1, 3));
    }
}
