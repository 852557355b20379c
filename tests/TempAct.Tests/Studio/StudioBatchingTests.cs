using TempAct.Studio;
using TempAct.Tests.Precision;
using static TorchSharp.torch;

namespace TempAct.Tests.Studio;

/// <summary>Streams made together (one packed forward per sampler step for every stream due): a stream's frames are
/// those it gets alone; the bound, cancellation and slots work as with one stream.</summary>
[Collection(TorchCollection.Name)]
public sealed class StudioBatchingTests(StudioFixture fixture) : IClassFixture<StudioFixture>
{
    private static readonly StudioOptions Options = new(Port: 0, MaxStreams: 3);

    private static T Pump<T>(StudioEngine engine, Task<T> task) => StudioFixture.Pump(engine, task);

    private static StudioRequest Given(long seed, string mode, params (string, int, int)[] steps) =>
        new(null, StudioFixture.Steps(steps), Seed: seed, Switch: mode, Pace: 0);

    /// <summary>Every chunk's float pixels of each run, by run id, in chunk order.</summary>
    private static Dictionary<string, List<float[]>> Record(StudioEngine engine)
    {
        var made = new Dictionary<string, List<float[]>>();
        engine.ChunkMade = (run, lane, chunk, pixels) =>
        {
            if (!made.TryGetValue(run.Id, out var list)) made[run.Id] = list = [];
            Assert.Equal(list.Count, chunk);
            list.Add(pixels);
        };
        return made;
    }

    private static readonly (string, int, int)[] PlanX = [("red circle moves right", 0, 3), ("red circle jumps", 3, 6), ("red circle turns blue", 6, 9)];

    [Theory]
    [InlineData("recache")]
    [InlineData("none")]
    public void AStream_MadeWithTwoOthers_HasTheFramesItHasAlone(string mode)
    {
        // Alone.
        float[] alone;
        using (var engine = new StudioEngine(fixture.Models, Options, manual: true))
        {
            var made = Record(engine);
            var run = Pump(engine, StudioRun.StartAsync(engine, Given(7, mode, PlanX), _ => { }, () => 0));
            while (engine.RunOnce()) { }
            Assert.Equal(1.0, engine.ChunksPerTurn);
            alone = [.. made[run.Id].SelectMany(p => p)];
        }
        // With two other streams at other chunks of their own plans (other seeds, prompts and switch points), started
        // before it: Y is at chunk 3 and Z at chunk 1 when X starts, and every later chunk of X is made with theirs.
        using (var engine = new StudioEngine(fixture.Models, Options, manual: true))
        {
            var made = Record(engine);
            var y = Pump(engine, StudioRun.StartAsync(engine, Given(11, "recache", ("blue square moves left", 0, 4), ("blue square jumps", 4, 14)), _ => { }, () => 0));
            engine.RunOnce(); engine.RunOnce();
            var z = Pump(engine, StudioRun.StartAsync(engine, Given(12, "none", ("green triangle moves up", 0, 2), ("green triangle turns red", 2, 12)), _ => { }, () => 0));
            engine.RunOnce();
            var x = Pump(engine, StudioRun.StartAsync(engine, Given(7, mode, PlanX), _ => { }, () => 0));
            while (engine.RunOnce()) { }
            Assert.True(engine.ChunksPerTurn > 2.2, $"the streams were not made together ({engine.ChunksPerTurn:0.00} chunks a turn)");
            Assert.Equal(9, made[x.Id].Count);
            Assert.Equal(14, made[y.Id].Count);
            using var a = tensor(alone);
            using var b = tensor([.. made[x.Id].SelectMany(p => p)]);
            Close.Tensors(a, b, Close.Chained, $"{mode}: stream X alone vs made with two others");
            using var other = tensor([.. made[y.Id].Take(9).SelectMany(p => p)]);
            Assert.True(Close.MaxDiff(a, other) > 0.1, "the streams must differ, else the check proves nothing");
            Assert.Equal(0, engine.LiveRollouts);
            Assert.Equal(0, engine.ActiveStreams);
        }
    }

    [Fact]
    public void WithThreeStreamsMadeTogether_AFourthIsBusy_AndACancelledOneFreesItsSlot_WhileTheOthersGoOn()
    {
        using var engine = new StudioEngine(fixture.Models, Options, manual: true);
        var logs = Enumerable.Range(0, 3).Select(_ => new MessageLog()).ToArray();
        var runs = Enumerable.Range(0, 3).Select(i =>
            Pump(engine, StudioRun.StartAsync(engine, Given(20 + i, "recache", ("red circle moves right", 0, 10)), logs[i].Add, () => 0))).ToArray();
        for (int i = 0; i < 3; i++) engine.RunOnce();
        Assert.Equal(3, engine.LiveRollouts);
        Assert.Equal(3.0, engine.ChunksPerTurn);
        // A fourth is answered busy at once.
        var fourth = StudioRun.StartAsync(engine, Given(30, "recache", ("red circle jumps", 0, 4)), _ => { }, () => 0);
        Assert.True(fourth.IsCompleted);
        Assert.Contains("3 of 3", Assert.Throws<StudioBusyException>(() => fourth.GetAwaiter().GetResult()).Message);
        // The middle one leaves (what a closed socket does): its lane leaves the turn, its rollout and slot are freed.
        _ = runs[1].Cancel();
        engine.RunOnce();
        Assert.Equal(2, engine.LiveRollouts);
        Assert.Equal(2, engine.ActiveStreams);
        Assert.True(runs[1].Completion.IsCompleted);
        // Its slot takes a new stream, made with the two still running.
        var fifth = new MessageLog();
        Pump(engine, StudioRun.StartAsync(engine, Given(31, "recache", ("red circle jumps", 0, 4)), fifth.Add, () => 0));
        while (engine.RunOnce()) { }
        Assert.Equal(10, logs[0].OfType("chunk").Count);
        Assert.Equal(10, logs[2].OfType("chunk").Count);
        Assert.Equal(3, logs[1].OfType("chunk").Count);
        Assert.Empty(logs[1].OfType("done"));
        Assert.Equal(4, fifth.OfType("chunk").Count);
        Assert.Single(fifth.OfType("done"));
        Assert.Equal(0, engine.LiveRollouts);
        Assert.Equal(0, engine.ActiveStreams);
    }
}

/// <summary>A plan that streams: the video starts on the first decoded step and plays the rest as it decodes; the plan is
/// the one planning gives without streaming.</summary>
[Collection(TorchCollection.Name)]
public sealed class StudioStreamedPlanTests(StudioFixture fixture) : IClassFixture<StudioFixture>
{
    private static T Pump<T>(StudioEngine engine, Task<T> task) => StudioFixture.Pump(engine, task);

    private const string Instruction = "A red circle rests on the left. It slides to the right, then it turns blue, and then it jumps.";

    [Theory]
    [InlineData(5)]
    [InlineData(8)]
    public void TheStreamedStarts_ArePrefixesOfTheWholePlan_WhichIsThePlanWithoutStreaming(long seed)
    {
        var instruction = TempAct.World.Language.InstructionParser.Parse(Instruction);
        var starts = new List<TempAct.World.Plans.StepPlan>();
        var streamed = StudioPlanning.Plan(fixture.Planner, fixture.Executor, instruction, 24, 3, seed, starts.Add);
        var whole = StudioPlanning.Plan(fixture.Planner, fixture.Executor, instruction, 24, 3, seed);
        Assert.Equal(whole.Source, streamed.Source);
        Assert.Equal(whole.Plan.Steps, streamed.Plan.Steps);
        Assert.Equal("planner", whole.Source);
        Assert.Equal([1, 2], starts.Select(s => s.Steps.Count));           // the last step comes with the whole plan
        foreach (var s in starts) Assert.Equal(whole.Plan.Steps.Take(s.Steps.Count), s.Steps);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(8)]
    public void APlannerThatPausesAfterItsFirstStep_DrawsThePlanItDrawsWithoutPausing(long seed)
    {
        // The studio's planners wait between two tokens once their stream has started (while first chunks are made):
        // the pauses come only after the first start and change no token.
        var instruction = TempAct.World.Language.InstructionParser.Parse(Instruction);
        var starts = new List<TempAct.World.Plans.StepPlan>();
        var startsAtPause = new List<int>();
        var paused = StudioPlanning.Plan(fixture.Planner, fixture.Executor, instruction, 24, 3, seed, starts.Add,
            () => { startsAtPause.Add(starts.Count); Thread.Sleep(2); });
        var plain = new List<TempAct.World.Plans.StepPlan>();
        var unpaused = StudioPlanning.Plan(fixture.Planner, fixture.Executor, instruction, 24, 3, seed, plain.Add);
        Assert.Equal("planner", paused.Source);
        Assert.Equal(unpaused.Plan.Steps, paused.Plan.Steps);
        Assert.Equal(plain.Count, starts.Count);
        for (int i = 0; i < plain.Count; i++) Assert.Equal(plain[i].Steps, starts[i].Steps);
        Assert.NotEmpty(startsAtPause);                       // it did pause …
        Assert.All(startsAtPause, n => Assert.True(n >= 1));  // … and only once the stream could start
    }

    [Fact]
    public void AStreamStartedOnItsFirstStep_HoldsThePlannersUntilItsFirstChunk()
    {
        using var engine = new StudioEngine(fixture.Models, new StudioOptions(Port: 0), manual: true);
        var log = new MessageLog();
        Pump(engine, StudioRun.StartAsync(engine, new StudioRequest(Instruction, null, Seed: 5, ChunksPerEvent: 2, Pace: 0), log.Add, () => 0));
        Assert.Equal(1, engine.FirstFramesPending);           // its first chunk is to come: planners yield
        Assert.True(engine.RunOnce());
        Assert.Single(log.OfType("chunk"));
        Assert.Equal(0, engine.FirstFramesPending);           // made: planners go on
        while (engine.RunOnce()) { }
        Assert.Single(log.OfType("plan_complete"));
        Assert.Single(log.OfType("done"));
    }

    [Fact]
    public void AStreamCancelledBeforeItsFirstChunk_HoldsNoPlanner()
    {
        using var engine = new StudioEngine(fixture.Models, new StudioOptions(Port: 0), manual: true);
        var log = new MessageLog();
        var run = Pump(engine, StudioRun.StartAsync(engine, new StudioRequest(Instruction, null, Seed: 5, ChunksPerEvent: 2, Pace: 0), log.Add, () => 0));
        Assert.Equal(1, engine.FirstFramesPending);
        StudioFixture.Pump(engine, run.Cancel());
        Assert.Equal(0, engine.FirstFramesPending);
        Assert.Empty(log.OfType("chunk"));
        Assert.Equal(0, engine.LiveRollouts);
    }

    [Fact]
    public void ARunFromAnInstruction_StartsOnTheFirstStep_AndPlaysTheWholePlan()
    {
        using var engine = new StudioEngine(fixture.Models, new StudioOptions(Port: 0), manual: true);
        var log = new MessageLog();
        var request = new StudioRequest(Instruction, null, Seed: 5, ChunksPerEvent: 2, Pace: 0);
        Pump(engine, StudioRun.StartAsync(engine, request, log.Add, () => 0));
        var plan = Assert.Single(log.OfType("plan"));
        Assert.True((bool)plan["partial"]!);
        Assert.Single(plan["steps"]!.AsArray());
        Assert.Equal(6, (int)plan["chunks"]!);
        while (engine.RunOnce()) { }

        var whole = StudioPlanning.Plan(fixture.Planner, fixture.Executor, TempAct.World.Language.InstructionParser.Parse(Instruction), 6, 3, 5);
        var complete = Assert.Single(log.OfType("plan_complete"));
        Assert.Equal(whole.Source, (string)complete["source"]!);
        Assert.Null(complete["differs_from_chunk"]);
        Assert.Equal(whole.Plan.Steps.Select(s => s.Prompt), complete["steps"]!.AsArray().Select(s => (string)s!["prompt"]!));
        var prompts = TempAct.Models.Executor.VideoGenerator.ChunkPrompts(whole.Plan, false);
        Assert.Equal(prompts, log.OfType("chunk").Select(c => (string)c["prompt"]!));
        Assert.Single(log.OfType("done"));
        Assert.Equal(0, engine.LiveRollouts);
        Assert.Equal(0, engine.ActiveStreams);
    }
}
