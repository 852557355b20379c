using TempAct.Studio;

namespace TempAct.Tests.Studio;

/// <summary>The run policy on a manually stepped engine: every chunk boundary is where the test puts it.</summary>
[Collection(TorchCollection.Name)]
public sealed class StudioRunTests(StudioFixture fixture) : IClassFixture<StudioFixture>
{
    private static readonly StudioOptions Options = new(Port: 0, MaxStreams: 2);

    private static T Pump<T>(StudioEngine engine, Task<T> task) => StudioFixture.Pump(engine, task);

    private static void Pump(StudioEngine engine, Task task) => StudioFixture.Pump(engine, task);

    private static StudioRequest Given(params (string, int, int)[] steps) =>
        new(null, StudioFixture.Steps(steps), Seed: 3, Switch: "recache", Pace: 0);

    [Fact]
    public void AnEdit_TakesEffectAtTheNextChunkBoundary_AndTheRunReportsThatChunk()
    {
        using var engine = new StudioEngine(fixture.Models, Options, manual: true);
        var log = new MessageLog();
        var run = Pump(engine, StudioRun.StartAsync(engine, Given(("red circle moves right", 0, 4), ("red circle jumps", 4, 8)), log.Add, () => 0));
        for (int i = 0; i < 2; i++) engine.RunOnce();                     // chunks 0 and 1 under step 1
        // Rewrite the current step from here and the next one: chunk 2 is the next boundary.
        Pump(engine, run.Edit(StudioFixture.Steps(("red circle moves right", 0, 2), ("red circle turns blue", 2, 5), ("red circle jumps", 5, 8))));
        while (engine.RunOnce()) { }

        var chunks = log.OfType("chunk");
        Assert.Equal(8, chunks.Count);
        Assert.Equal(["red circle moves right", "red circle moves right", "red circle turns blue", "red circle turns blue", "red circle turns blue",
            "red circle jumps", "red circle jumps", "red circle jumps"], chunks.Select(c => (string)c["prompt"]!));
        var replanned = Assert.Single(log.OfType("replanned"));
        Assert.Equal(2, (int)replanned["from_chunk"]!);
        var switches = log.OfType("switch");
        Assert.Equal([2, 5], switches.Select(s => (int)s["chunk"]!));
        Assert.Equal("edit", (string)switches[0]["cause"]!);          // the prompt the user wrote, at the boundary after the edit
        Assert.Equal("turns blue", ((string)switches[0]["prompt"]!)[11..]);
        Assert.Single(log.OfType("done"));
        Assert.Equal(0, engine.LiveRollouts);
        Assert.Equal(0, engine.ActiveStreams);
    }

    [Fact]
    public void AnEditOfAFutureStep_TakesEffectWhereThatStepStarts()
    {
        using var engine = new StudioEngine(fixture.Models, Options, manual: true);
        var log = new MessageLog();
        var run = Pump(engine, StudioRun.StartAsync(engine, Given(("red circle moves right", 0, 3), ("red circle jumps", 3, 6)), log.Add, () => 0));
        engine.RunOnce();
        Pump(engine, run.Edit(StudioFixture.Steps(("red circle moves right", 0, 3), ("red circle turns green", 3, 6))));
        while (engine.RunOnce()) { }
        var change = Assert.Single(log.OfType("switch"));
        Assert.Equal(3, (int)change["chunk"]!);
        Assert.Equal("red circle turns green", (string)change["prompt"]!);
        Assert.Equal("edit", (string)change["cause"]!);
    }

    [Fact]
    public void AnEditThatEndsBeforeTheNextChunk_IsRefused_AndChangesNothing()
    {
        using var engine = new StudioEngine(fixture.Models, Options, manual: true);
        var log = new MessageLog();
        var run = Pump(engine, StudioRun.StartAsync(engine, Given(("red circle moves right", 0, 6)), log.Add, () => 0));
        for (int i = 0; i < 4; i++) engine.RunOnce();
        var e = Assert.Throws<StudioInputException>(() => Pump(engine, run.Edit(StudioFixture.Steps(("red circle jumps", 0, 3)))));
        Assert.Equal("plan", e.Code);
        Assert.Contains("chunk 4 is next", e.Message);
        while (engine.RunOnce()) { }
        Assert.All(log.OfType("chunk"), c => Assert.Equal("red circle moves right", (string)c["prompt"]!));
    }

    [Fact]
    public void ANewInstruction_IsPlannedAndPlayedFromTheNextChunk_TheVideoGrowing()
    {
        using var engine = new StudioEngine(fixture.Models, Options, manual: true);
        var log = new MessageLog();
        var request = new StudioRequest("A red circle rests on the left. It slides to the right.", null, Seed: 2, ChunksPerEvent: 4, Pace: 0);
        var run = Pump(engine, StudioRun.StartAsync(engine, request, log.Add, () => 0));
        Assert.Equal(4, (int)log.OfType("plan")[0]["chunks"]!);
        engine.RunOnce(); engine.RunOnce();
        Pump(engine, run.NewInstructionAsync("A red circle rests on the left. It jumps, then it turns blue."));
        while (engine.RunOnce()) { }
        var replanned = Assert.Single(log.OfType("replanned"));
        Assert.Equal(2, (int)replanned["from_chunk"]!);
        Assert.Equal(2 + 8, (int)replanned["chunks"]!);                   // two chunks made, then 2 events × 4 chunks
        var chunks = log.OfType("chunk");
        Assert.Equal(10, chunks.Count);
        Assert.Equal("red circle slides right", NormalizeSlide((string)chunks[1]["prompt"]!));
        Assert.Contains("jump", (string)chunks[2]["prompt"]!);
        var first = log.OfType("switch").First();
        Assert.Equal(2, (int)first["chunk"]!);
        Assert.Equal("instruction", (string)first["cause"]!);
    }

    private static string NormalizeSlide(string prompt) => prompt.Replace("moves", "slides", StringComparison.Ordinal);

    [Fact]
    public void AStartBeyondTheSlots_IsAnsweredBusyAtOnce()
    {
        using var engine = new StudioEngine(fixture.Models, Options with { MaxStreams = 1 }, manual: true);
        var run = Pump(engine, StudioRun.StartAsync(engine, Given(("red circle moves right", 0, 4)), _ => { }, () => 0));
        var second = StudioRun.StartAsync(engine, Given(("red circle jumps", 0, 4)), _ => { }, () => 0);
        Assert.True(second.IsCompleted);                                   // no wait: the answer is immediate
        var e = Assert.Throws<StudioBusyException>(() => second.GetAwaiter().GetResult());
        Assert.Contains("busy", e.Message);
        Assert.Contains("1 of 1", e.Message);
        // A side-by-side start needs two slots.
        using var wide = new StudioEngine(fixture.Models, Options with { MaxStreams = 1 }, manual: true);
        Assert.Throws<StudioBusyException>(() => StudioRun.StartAsync(wide, Given(("red circle jumps", 0, 4)) with { Compare = true }, _ => { }, () => 0).GetAwaiter().GetResult());
        _ = run.Cancel();
        engine.RunOnce();
        Assert.Equal(0, engine.ActiveStreams);
        Pump(engine, StudioRun.StartAsync(engine, Given(("red circle jumps", 0, 4)), _ => { }, () => 0)); // free again
    }

    [Fact]
    public void Cancel_StopsGenerationAtTheNextChunk_AndFreesTheRollout()
    {
        using var engine = new StudioEngine(fixture.Models, Options, manual: true);
        var log = new MessageLog();
        var run = Pump(engine, StudioRun.StartAsync(engine, Given(("red circle moves right", 0, 40)), log.Add, () => 0));
        for (int i = 0; i < 3; i++) engine.RunOnce();
        Assert.Equal(1, engine.LiveRollouts);
        Assert.Equal(1, engine.ActiveStreams);
        long made = engine.ChunksGenerated;
        _ = run.Cancel();
        Assert.False(engine.RunOnce());                                     // the cancel ran; no lane is left to step
        Assert.Equal(made, engine.ChunksGenerated);
        Assert.Equal(0, engine.LiveRollouts);
        Assert.Equal(0, engine.ActiveStreams);
        Assert.True(run.Completion.IsCompleted);
        Assert.Equal(3, log.OfType("chunk").Count);
        Assert.Empty(log.OfType("done"));
    }

    [Fact]
    public void AnInstructionOutsideTheLanguage_NamesTheWordAndItsPosition()
    {
        using var engine = new StudioEngine(fixture.Models, Options, manual: true);
        const string text = "A red circle rests on the left. It flies to the right.";
        var e = Assert.Throws<StudioInputException>(() =>
            StudioRun.StartAsync(engine, new StudioRequest(text, null), _ => { }, () => 0).GetAwaiter().GetResult());
        Assert.Equal("instruction", e.Code);
        Assert.Equal("flies", e.Word);
        Assert.Equal(text.IndexOf("flies", StringComparison.Ordinal), e.Offset);
        Assert.Equal(9, e.WordNumber);
        Assert.Equal(0, engine.ActiveStreams);                              // nothing was taken
    }

    [Fact]
    public void AStepPromptTheExecutorCannotRead_IsNamedWithItsStep()
    {
        using var engine = new StudioEngine(fixture.Models, Options, manual: true);
        var e = Assert.Throws<StudioInputException>(() => StudioRun.StartAsync(engine,
            Given(("red circle moves right", 0, 2), ("red circle dances", 2, 4)), _ => { }, () => 0).GetAwaiter().GetResult());
        Assert.Equal("prompt", e.Code);
        Assert.Equal(1, e.Step);
        Assert.Contains("dances", e.Message);
    }

    [Fact]
    public void TheGif_IsBuiltInMemory_FromTheFramesSoFar()
    {
        using var engine = new StudioEngine(fixture.Models, Options with { GifMaxFrames = 5 }, manual: true);
        var run = Pump(engine, StudioRun.StartAsync(engine, Given(("red circle moves right", 0, 4)), _ => { }, () => 0));
        Assert.Null(run.Gif(0));
        engine.RunOnce();
        var gif = run.Gif(0)!;
        Assert.Equal("GIF89a", System.Text.Encoding.ASCII.GetString(gif, 0, 6));
        Assert.Equal(0x3B, gif[^1]);
        while (engine.RunOnce()) { }
        var whole = run.Gif(0)!;
        Assert.True(whole.Length > gif.Length);
        string file = Path.Combine(Path.GetTempPath(), $"studio-test-{Guid.NewGuid():N}.gif");
        try
        {
            File.WriteAllBytes(file, whole);
            Assert.Equal(5, TempAct.World.Media.VideoImages.ReadFrames(file).Frames); // capped at GifMaxFrames
        }
        finally { File.Delete(file); }
        Assert.Null(run.Gif(1));
    }

    [Fact]
    public void SideBySide_WithTempActWeights_PlaysBaseStepPromptsBesideTempAct_OnOneSeed()
    {
        // Any executor and planner plug in as the RL-trained pair; here the bases stand in, with the look-ahead prompts a
        // models/tempact manifest may ask for.
        var models = fixture.Models with { TempActExecutor = fixture.Executor, TempActPlanner = fixture.Planner, TempActLookAhead = true };
        using var engine = new StudioEngine(models, Options, manual: true);
        var log = new MessageLog();
        var request = new StudioRequest("A red circle rests on the left. It slides to the right, then it jumps.", null, Seed: 4, ChunksPerEvent: 2, Pace: 0, Compare: true);
        Pump(engine, StudioRun.StartAsync(engine, request, log.Add, () => 0));
        while (engine.RunOnce()) { }
        var plan = Assert.Single(log.OfType("plan"));
        Assert.Null(plan["compare_note"]);
        var lanes = plan["lanes"]!.AsArray();
        Assert.StartsWith("base + step prompts", (string)lanes[0]!["name"]!);
        Assert.Equal("TempAct", (string)lanes[1]!["name"]!);
        var chunks = log.OfType("chunk");
        Assert.Equal(4, chunks.Count(c => (int)c["lane"]! == 0));
        Assert.Equal(4, chunks.Count(c => (int)c["lane"]! == 1));
        // TempAct's executor reads "s_m ; s_{m+1}" before the last step; the base reads the step alone.
        Assert.Contains(" ; ", (string)chunks.First(c => (int)c["lane"]! == 1)["prompt"]!);
        Assert.DoesNotContain(" ; ", (string)chunks.First(c => (int)c["lane"]! == 0)["prompt"]!);
        Assert.Equal(2, log.OfType("done").Count);
        Assert.Equal(0, engine.LiveRollouts);
    }

    [Fact]
    public void TheExamples_AreInTheLanguage()
    {
        foreach (var example in StudioExamples.Instructions) TempAct.World.Language.InstructionParser.Parse(example);
    }
}
