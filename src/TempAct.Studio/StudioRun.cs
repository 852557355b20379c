using System.Diagnostics;
using System.Text.Json.Nodes;
using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;
using TempAct.World.Scenes;
using TempAct.World.Simulation;

namespace TempAct.Studio;

/// <summary>
/// One Start of one client: the instruction (or an explicit plan), its plan, one lane (video) or two side by side, and
/// what the client may do while it streams — rewrite the plan (<see cref="Edit"/>) or type a new instruction
/// (<see cref="NewInstructionAsync"/>), both taking effect at the next chunk boundary, which the lane reports — or leave
/// (<see cref="Cancel"/>: generation stops between two chunks and the lane's tensors are freed). Messages go to the
/// client through <c>send</c> as JSON objects; nothing is written to disk.
/// </summary>
public sealed class StudioRun
{
    /// <summary>The nice value a planner thread takes once its own stream has started (0 is the default, 19 the lowest).</summary>
    private const int PlannerNiceOnceStarted = 5;
    private readonly StudioEngine engine;
    private readonly Action<JsonObject> send;
    private readonly Func<int> backlog;
    private readonly List<StudioLane> lanes = [];
    private readonly Lock gate = new();
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int finished, slots;
    private bool released;

    private StudioRun(StudioEngine engine, StudioRequest request, Action<JsonObject> send, Func<int> backlog)
    {
        this.engine = engine; this.send = send; this.backlog = backlog;
        Request = request;
    }

    /// <summary>The run's id (GIF downloads name it).</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N");

    /// <summary>What was asked.</summary>
    public StudioRequest Request { get; }

    /// <summary>The scene the video starts from.</summary>
    public Scene Scene { get; private set; } = null!;

    /// <summary>Completes when every lane has ended (finished, failed or cancelled).</summary>
    public Task Completion => done.Task;

    /// <summary>Lanes (videos) of the run.</summary>
    public int Lanes => lanes.Count;

    internal int Backlog() => backlog();

    internal void Send(JsonObject message)
    {
        message["run"] = Id;
        send(message);
    }

    /// <summary>
    /// Checks the request, takes the stream slots (<see cref="StudioBusyException"/> when they are taken: never waits),
    /// plans, sends the "plan" message and hands the lanes to the engine. Bad input is a
    /// <see cref="StudioInputException"/> naming the problem (an instruction's word and position).
    /// </summary>
    public static async Task<StudioRun> StartAsync(StudioEngine engine, StudioRequest request, Action<JsonObject> send, Func<int> backlog,
        CancellationToken cancellation = default)
    {
        long started = Stopwatch.GetTimestamp();
        var run = new StudioRun(engine, request, send, backlog);
        if (StudioTrace.On) StudioTrace.Mark($"start {run.Id[..6]}");
        var models = engine.Models;
        int cf = models.Executor.Config.ChunkFrames;

        // 1. The input, before any slot or model work.
        Instruction? instruction = request.Instruction is null ? null : Parse(request.Instruction);
        StepPlan? given = request.Steps is null ? null : Validate(engine, request.Steps);
        int chunks = given?.TotalChunks ?? instruction!.Events.Count * request.ChunksPerEvent;
        run.Scene = instruction?.Scene ?? SceneOf(given!, request.Seed);
        int streams = request.Compare ? 2 : 1;

        // 2. Slots: busy is said at once.
        if (!engine.TryReserve(streams))
            throw new StudioBusyException($"the studio is busy: {engine.ActiveStreams} of {engine.Options.MaxStreams} streams are running; try again when one ends");
        run.slots = streams;
        try
        {
            // 3. Plans (off the generation thread: other streams go on meanwhile). A single video (not side by side)
            //    planned by the local planner starts as soon as the first step has decoded, and plays the steps as they
            //    decode.
            StudioPlan? planned = null;
            if (instruction is not null && !request.Compare && models.Planner is LocalPlanner)
            {
                var firstSteps = new TaskCompletionSource<StepPlan>(TaskCreationOptions.RunContinuationsAsynchronously);
                bool gaveUp = false;
                // Once its stream has started, the planner yields the cores between two tokens while a stream (its own or
                // another's) waits for its first chunk: the rest of the plan is not needed before the first steps have
                // played, a first frame is (what is drawn does not change).
                void OnSteps(StepPlan start)
                {
                    if (StudioTrace.On) StudioTrace.Mark($"steps {run.Id[..6]} {start.TotalChunks}");
                    if (firstSteps.Task.IsCompleted) { run.MoreSteps(start); return; }
                    run.firstFrame = engine.ExpectFirstFrame(); // before the stream can start (and make it)
                    ThreadNice.Lower(PlannerNiceOnceStarted); // the rest of the plan only has to stay ahead of the playback
                    firstSteps.TrySetResult(start);
                }
                void Pause() { if (!gaveUp && !engine.YieldToFirstFrames()) gaveUp = true; } // after one wait in vain, no more
                var planning = StudioPlanning.OnOwnThread(() =>
                {
                    if (StudioTrace.On) StudioTrace.Mark($"plan-thread {run.Id[..6]} threads={TorchSharp.torch.get_num_threads()}");
                    return StudioPlanning.Plan(models.Planner, models.Executor, instruction, chunks, engine.Options.PlanSamples, request.Seed, OnSteps, Pause);
                });
                if (await Task.WhenAny(firstSteps.Task, planning).ConfigureAwait(false) == firstSteps.Task)
                {
                    await run.StartProvisional(instruction, firstSteps.Task.Result, chunks, started).ConfigureAwait(false);
                    _ = planning.ContinueWith(t => run.PlanDecoded(t, instruction, chunks, started), TaskScheduler.Default);
                    return run;
                }
                run.firstFrame?.Done();
                planned = await planning.ConfigureAwait(false); // no clean first step came before the whole plan: it is the plan
            }
            var (basePlan, tempactPlan) = planned is not null ? (planned, null)
                : await StudioPlanning.OnOwnThread(() => PlanBoth(engine, instruction, given, chunks, request)).ConfigureAwait(false);
            var context = ExecutorClips.InitialState(run.Scene);
            var mode = request.Switch == "none" ? SwitchMode.None : SwitchMode.Recache;
            if (!request.Compare)
                run.lanes.Add(new StudioLane(run, engine, 0, $"{models.ExecutorName}, switch {request.Switch}", models.Executor, mode, false, request.Seed, context, basePlan.Plan, request.Pace, started));
            else if (tempactPlan is not null)
            {
                run.lanes.Add(new StudioLane(run, engine, 0, $"base + step prompts ({models.ExecutorName}, switch {request.Switch})", models.Executor, mode, false, request.Seed, context, basePlan.Plan, request.Pace, started));
                run.lanes.Add(new StudioLane(run, engine, 1, "TempAct", models.TempActExecutor!, mode, models.TempActLookAhead, request.Seed, context, tempactPlan.Plan, request.Pace, started));
            }
            else
            {
                run.lanes.Add(new StudioLane(run, engine, 0, $"{models.ExecutorName}, switch none", models.Executor, SwitchMode.None, false, request.Seed, context, basePlan.Plan, request.Pace, started));
                run.lanes.Add(new StudioLane(run, engine, 1, $"{models.ExecutorName}, switch recache", models.Executor, SwitchMode.Recache, false, request.Seed, context, basePlan.Plan, request.Pace, started));
            }
            run.Send(new JsonObject
            {
                ["type"] = "plan", ["chunks"] = chunks, ["frames"] = chunks * cf, ["chunk_frames"] = cf, ["seed"] = request.Seed,
                ["instruction"] = instruction?.Text, ["source"] = basePlan.Source, ["steps"] = Steps(basePlan.Plan),
                ["scene"] = new JsonArray(run.Scene.Objects.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["placement"] = o.Placement.Name, ["visible"] = o.Visible }).ToArray()),
                ["planning_ms"] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1),
                ["lanes"] = new JsonArray(run.lanes.Select(l => (JsonNode)new JsonObject
                {
                    ["lane"] = l.Index, ["name"] = l.Name, ["steps"] = Steps(l.Plan),
                    ["source"] = l.Index == 1 && tempactPlan is not null ? tempactPlan.Source : basePlan.Source,
                }).ToArray()),
                ["compare_note"] = request.Compare && tempactPlan is null
                    ? "The RL-trained TempAct weights (models/tempact) are not shipped yet: side by side compares the base executor's two switch modes on the same plan and seed."
                    : null,
            });
            await engine.Invoke(() => { foreach (var l in run.lanes) engine.Add(l); }).ConfigureAwait(false);
            return run;
        }
        catch
        {
            run.firstFrame?.Done();
            run.ReleaseSlots();
            throw;
        }
    }

    // ---------------------------------------------------------------- a plan that streams

    private StepPlan? decodedStart;  // the longest clean start of the plan decoded so far (while it decodes)
    private StudioEngine.FirstFrame? firstFrame; // the first chunk to come of a stream started on its first decoded steps
    private bool planSent;

    /// <summary>One lane on the first decoded steps of the plan: the "plan" message says it is still decoding.</summary>
    private async Task StartProvisional(Instruction instruction, StepPlan start, int chunks, long started)
    {
        var models = engine.Models;
        int cf = models.Executor.Config.ChunkFrames;
        var mode = Request.Switch == "none" ? SwitchMode.None : SwitchMode.Recache;
        var lane = new StudioLane(this, engine, 0, $"{models.ExecutorName}, switch {Request.Switch}", models.Executor, mode, false, Request.Seed,
            ExecutorClips.InitialState(Scene), start, Request.Pace, started);
        lane.BeginProvisional(firstFrame);
        lanes.Add(lane);
        lock (gate) { decodedStart ??= start; planSent = true; }
        Send(new JsonObject
        {
            ["type"] = "plan", ["chunks"] = chunks, ["frames"] = chunks * cf, ["chunk_frames"] = cf, ["seed"] = Request.Seed,
            ["instruction"] = instruction.Text, ["source"] = "planner", ["partial"] = true, ["steps"] = Steps(start),
            ["scene"] = new JsonArray(Scene.Objects.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["placement"] = o.Placement.Name, ["visible"] = o.Visible }).ToArray()),
            ["planning_ms"] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1),
            ["lanes"] = new JsonArray(new JsonObject { ["lane"] = 0, ["name"] = lane.Name, ["steps"] = Steps(start), ["source"] = "planner" }),
            ["compare_note"] = null,
        });
        if (StudioTrace.On) StudioTrace.Mark($"provisional {Id[..6]}");
        await engine.Invoke(() => { if (StudioTrace.On) StudioTrace.Mark($"added {Id[..6]}"); engine.Add(lane); ExtendLanes(); }).ConfigureAwait(false);
    }

    /// <summary>More steps decoded (planning thread): the lanes play them once the generation thread takes them.</summary>
    private void MoreSteps(StepPlan start)
    {
        lock (gate) decodedStart = decodedStart is null || start.TotalChunks > decodedStart.TotalChunks ? start : decodedStart;
        engine.Post(ExtendLanes);
    }

    private void ExtendLanes() // generation thread
    {
        StepPlan? start;
        lock (gate) { if (!planSent) return; start = decodedStart; }
        if (start is null) return;
        foreach (var lane in lanes.Where(l => l.Provisional && !l.Finished && start.TotalChunks > l.Prompts.Length))
        {
            lane.Extend(start);
            Send(new JsonObject { ["type"] = "plan_progress", ["lane"] = lane.Index, ["steps"] = Steps(start), ["chunks_known"] = start.TotalChunks });
        }
    }

    /// <summary>The whole plan decoded (or failed: the rule teacher's plan then): the lanes play it from where they are; a
    /// chunk already made under a decoded step the whole plan does not keep stays as made, and the message says so.</summary>
    private void PlanDecoded(Task<StudioPlan> planning, Instruction instruction, int chunks, long started)
    {
        var plan = planning.IsCompletedSuccessfully ? planning.Result
            : new StudioPlan(RuleTeacher.Plan(instruction, chunks), $"rule teacher: planning failed ({planning.Exception?.GetBaseException().Message ?? "cancelled"})");
        double ms = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
        engine.Post(() =>
        {
            foreach (var lane in lanes.Where(l => l.Provisional && !l.Finished))
            {
                int made = lane.Next;
                int? changed = lane.Complete(plan.Plan);
                Send(new JsonObject
                {
                    ["type"] = "plan_complete", ["lane"] = lane.Index, ["steps"] = Steps(plan.Plan), ["source"] = plan.Source, ["planning_ms"] = ms,
                    ["chunks"] = plan.Plan.TotalChunks, ["differs_from_chunk"] = changed, ["chunks_made"] = made,
                });
            }
        });
    }

    /// <summary>Replaces the plan by the client's edited one from the next chunk on, in every lane; the lane reports the
    /// chunk where a changed prompt takes effect ("switch" with cause "edit").</summary>
    public Task Edit(IReadOnlyList<PlanStep> steps)
    {
        var plan = Validate(engine, steps);
        return Apply(_ => plan, "edit");
    }

    /// <summary>A new instruction mid-stream: parsed (its word marked when it is not in the language), planned over
    /// chunks-per-event × its events, and played from the next chunk boundary on (the video grows to hold it).</summary>
    public async Task NewInstructionAsync(string text)
    {
        var instruction = Parse(text);
        int chunks = instruction.Events.Count * Request.ChunksPerEvent;
        var (basePlan, tempactPlan) = await StudioPlanning.OnOwnThread(() => PlanBoth(engine, instruction, null, chunks, Request)).ConfigureAwait(false);
        await Apply(lane =>
        {
            var own = lane.Index == 1 && tempactPlan is not null ? tempactPlan.Plan : basePlan.Plan;
            // The plan is laid from the chunk the lane makes next: the chunks before keep the old plan's steps, cut there.
            var kept = lane.Plan.Steps.Where(st => st.Chunks.First < lane.Next)
                .Select(st => st with { Chunks = new ChunkSpan(st.Chunks.First, Math.Min(st.Chunks.End, lane.Next)) }).ToList();
            int at = lane.Next;
            var steps = kept.Concat(own.Steps.Select((st, i) => new PlanStep(kept.Count + i, st.Prompt, new ChunkSpan(at + st.Chunks.First, at + st.Chunks.End)))).ToList();
            return new StepPlan(steps, at + own.TotalChunks);
        }, "instruction", basePlan.Source, instruction.Text).ConfigureAwait(false);
    }

    private async Task Apply(Func<StudioLane, StepPlan> planFor, string cause, string? source = null, string? instruction = null)
    {
        string? refused = null;
        await engine.Invoke(() =>
        {
            foreach (var lane in lanes)
            {
                if (lane.Finished) { refused = "the video has ended: start again"; continue; }
                var plan = planFor(lane);
                if (plan.TotalChunks * engine.Models.Executor.Config.ChunkFrames > engine.Options.MaxFrames)
                { refused = $"the plan would make the video longer than {engine.Options.MaxFrames} frames"; continue; }
                int from = lane.Next;
                if (!lane.Replace(plan, cause)) { refused = $"the plan ends at chunk {plan.TotalChunks}, and chunk {lane.Next} is next: it must reach past the chunks already made"; continue; }
                Send(new JsonObject
                {
                    ["type"] = "replanned", ["lane"] = lane.Index, ["cause"] = cause, ["from_chunk"] = from, ["chunks"] = plan.TotalChunks,
                    ["steps"] = Steps(plan), ["source"] = source, ["instruction"] = instruction,
                });
            }
        }).ConfigureAwait(false);
        if (refused is not null) throw new StudioInputException("plan", refused);
    }

    /// <summary>Stops every lane between two chunks and frees its tensors; the slots are given back. The task completes
    /// when that has happened (on the generation thread).</summary>
    public Task Cancel() => engine.Invoke(CancelNow);

    /// <summary><see cref="Cancel"/> on the generation thread itself.</summary>
    internal void CancelNow()
    {
        foreach (var lane in lanes.Where(l => !l.Finished)) { lane.Stop(); LaneFinished(lane); }
        foreach (var lane in lanes) engine.Remove(lane);
    }

    /// <summary>The GIF of lane <paramref name="lane"/>'s frames so far (built in memory), or null.</summary>
    public byte[]? Gif(int lane) => lane >= 0 && lane < lanes.Count ? lanes[lane].GifSnapshot() : null;

    internal void LaneFinished(StudioLane lane)
    {
        lock (gate)
        {
            if (++finished < lanes.Count) return;
        }
        ReleaseSlots();
        done.TrySetResult();
    }

    private void ReleaseSlots()
    {
        lock (gate)
        {
            if (released) return;
            released = true;
        }
        engine.Release(slots);
    }

    // ---------------------------------------------------------------- input

    private static Instruction Parse(string text)
    {
        try { return InstructionParser.Parse(text); }
        catch (InstructionParseException e) { throw new StudioInputException("instruction", e.Message, e.Word, e.WordNumber, e.CharOffset); }
    }

    private static StepPlan Validate(StudioEngine engine, IReadOnlyList<PlanStep> steps)
    {
        StepPlan plan;
        int total = steps.Count == 0 ? 0 : steps[^1].Chunks.End;
        try { plan = new StepPlan(steps.Select((s, i) => s with { StepIndex = i }).ToList(), total); }
        catch (ArgumentException e) { throw new StudioInputException("plan", $"the steps do not tile the video: {e.Message}"); }
        int cf = engine.Models.Executor.Config.ChunkFrames;
        if ((long)total * cf > engine.Options.MaxFrames)
            throw new StudioInputException("plan", $"the plan spans {total} chunks ({total * cf} frames); the studio makes at most {engine.Options.MaxFrames} frames a video");
        foreach (var s in plan.Steps)
        {
            try { engine.Models.Executor.Tokenize(s.Prompt); }
            catch (PromptException e) { throw new StudioInputException("prompt", $"step {s.StepIndex + 1} \"{s.Prompt}\": {e.Message}", step: s.StepIndex); }
        }
        return plan;
    }

    /// <summary>A start scene in which an explicit plan's steps can happen (drawn from the seed), as `generate` does.</summary>
    private static Scene SceneOf(StepPlan plan, long seed)
    {
        var events = new List<WorldEvent>();
        foreach (var s in plan.Steps)
        {
            if (StepPrompt.TryParse(s.Prompt, out var problem) is { } e) { events.Add(e); continue; }
            throw new StudioInputException("prompt", $"step {s.StepIndex + 1} \"{s.Prompt}\": not one subject and one action ({problem})", step: s.StepIndex);
        }
        if (SceneForEvents.Impossible(events) is { } why)
            throw new StudioInputException("plan", $"no start scene lets these steps happen: {why.Message}", step: why.EventIndex >= 0 ? why.EventIndex : null);
        try { return SceneForEvents.Draw(events, new Random(unchecked((int)seed))); }
        catch (InvalidOperationException e) { throw new StudioInputException("plan", e.Message); }
    }

    private static (StudioPlan Base, StudioPlan? TempAct) PlanBoth(StudioEngine engine, Instruction? instruction, StepPlan? given, int chunks, StudioRequest request)
    {
        var m = engine.Models;
        if (given is not null) return (new StudioPlan(given, "given"), request.Compare && m.HasTempAct ? new StudioPlan(given, "given") : null);
        var basePlan = StudioPlanning.Plan(m.Planner, m.Executor, instruction!, chunks, engine.Options.PlanSamples, request.Seed);
        var tempact = request.Compare && m.HasTempAct
            ? StudioPlanning.Plan(m.TempActPlanner!, m.TempActExecutor!, instruction!, chunks, engine.Options.PlanSamples, request.Seed)
            : null;
        return (basePlan, tempact);
    }

    private static JsonArray Steps(StepPlan plan) => new(plan.Steps.Select(s => (JsonNode)new JsonObject
    {
        ["step_index"] = s.StepIndex, ["prompt"] = s.Prompt, ["chunks"] = new JsonArray(s.Chunks.First, s.Chunks.End),
    }).ToArray());
}
