using System.Collections.Concurrent;
using System.Diagnostics;
using TempAct.Models.Executor;
using static TorchSharp.torch;

namespace TempAct.Studio;

/// <summary>
/// The one thread that generates: every stream's chunks run here, so streams never fight over the two cores or over
/// libtorch's process-wide thread setting, and all tensors are made and freed on one thread. Each turn takes every
/// stream whose next chunk is due (its pace) and whose client has read what it was sent, and makes their next chunks
/// together — one packed forward per sampler step for all of them (<see cref="Rollout.StepTogether"/>), whatever chunk
/// each stream is at; a stream's frames do not depend on what shares its turn. Everything else (edits, starts,
/// cancellations) is posted here and runs between two turns — which is what makes "switch at the next chunk boundary"
/// exact. Every turn runs in its own dispose scope. Streams due for their first chunk take a turn of their own first.
/// </summary>
public sealed class StudioEngine : IDisposable
{
    private readonly ConcurrentQueue<Action> posted = new();
    private readonly SemaphoreSlim wake = new(0);
    private readonly List<StudioLane> lanes = [];
    private readonly Thread thread;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock slotsGate = new();
    private int slotsHeld;
    private long chunks, liveRollouts;

    private readonly bool manual;

    /// <summary>Starts the generation thread.</summary>
    public StudioEngine(StudioModels models, StudioOptions options) : this(models, options, false) { }

    /// <summary>With <paramref name="manual"/> no thread runs: the caller steps the engine with <see cref="RunOnce"/>
    /// (tests: every chunk boundary is where the test puts it; pace and backlog are ignored).</summary>
    internal StudioEngine(StudioModels models, StudioOptions options, bool manual)
    {
        Models = models;
        Options = options.Validate();
        this.manual = manual;
        thread = new Thread(Loop) { IsBackground = true, Name = "studio-generation" };
        if (!manual) thread.Start();
    }

    /// <summary>Manual mode: runs what was posted, then one turn — the next chunk of every lane, made together; false
    /// when no lane is left.</summary>
    internal bool RunOnce()
    {
        if (!manual) throw new InvalidOperationException("the engine runs its own thread");
        if (!AwaitPlans()) return false;
        StepLanes([.. lanes]);
        while (posted.TryDequeue(out var action)) Run(action);
        return true;
    }

    /// <summary>Manual mode: runs what was posted until every lane can make its next chunk (a lane playing a plan still
    /// decoding waits for its next steps); false when none is left.</summary>
    private bool AwaitPlans()
    {
        while (true)
        {
            while (posted.TryDequeue(out var action)) Run(action);
            if (lanes.Count == 0) return false;
            if (lanes.All(l => l.CanStep)) return true;
            Thread.Sleep(1);
        }
    }

    /// <summary>Manual mode: runs what was posted (starts, edits, cancellations) and steps nothing.</summary>
    internal void RunPosted()
    {
        if (!manual) throw new InvalidOperationException("the engine runs its own thread");
        while (posted.TryDequeue(out var action)) Run(action);
    }

    private long stepStarted, lastStepEnded = Stopwatch.GetTimestamp();
    private int waitingForClients;

    /// <summary>What the generation thread is doing, for a stalled client's report.</summary>
    public string Describe()
    {
        long started = Interlocked.Read(ref stepStarted);
        return $"{ActiveStreams} streams, {LiveRollouts} rollouts, {ChunksGenerated} chunks generated; " +
            (started != 0 ? $"inside a chunk for {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s" : $"last chunk {Stopwatch.GetElapsedTime(Interlocked.Read(ref lastStepEnded)).TotalSeconds:0.0} s ago") +
            $"; {Volatile.Read(ref waitingForClients)} lanes waiting for their clients to read";
    }

    /// <summary>One turn: the next chunk of every lane given, lanes of one executor made together.</summary>
    private void StepLanes(IReadOnlyList<StudioLane> due)
    {
        Interlocked.Exchange(ref stepStarted, Stopwatch.GetTimestamp());
        if (StudioTrace.On) StudioTrace.Mark($"turn {due.Count} first={string.Join(',', due.Where(l => l.Next == 0).Select(l => l.Run.Id[..6]))}");
        try
        {
            foreach (var group in due.GroupBy(l => l.Model))
            {
                var together = group.ToList();
                try
                {
                    using (no_grad())
                    using (NewDisposeScope())
                    {
                        long t0 = Stopwatch.GetTimestamp();
                        var prepared = together.Select(l => l.Prepare()).ToList();
                        var made = Rollout.StepTogether([.. prepared.Select(p => p.Rollout)], [.. prepared.Select(p => p.Prompt)]);
                        long t1 = Stopwatch.GetTimestamp();
                        Interlocked.Add(ref generatingTicks, t1 - t0);
                        Interlocked.Add(ref chunks, made.Length);
                        Interlocked.Add(ref batchedTurns, 1);
                        Interlocked.Add(ref batchedChunks, made.Length);
                        for (int i = 0; i < together.Count; i++)
                        {
                            try { together[i].Deliver(made[i]); }
                            catch (Exception e) { together[i].Fail(e); }
                        }
                        Interlocked.Add(ref deliveringTicks, Stopwatch.GetTimestamp() - t1);
                    }
                }
                catch (Exception e)
                {
                    // A failure inside the shared forward ends every lane of that forward (their rollouts' state is unknown).
                    foreach (var l in together.Where(l => !l.Finished)) l.Fail(e);
                }
            }
        }
        finally
        {
            Interlocked.Exchange(ref stepStarted, 0);
            if (StudioTrace.On) StudioTrace.Mark("turn-end");
            Interlocked.Exchange(ref lastStepEnded, Stopwatch.GetTimestamp());
        }
        foreach (var lane in due) if (lane.Finished) Remove(lane);
    }

    private long batchedTurns, batchedChunks, generatingTicks, deliveringTicks;

    /// <summary>Seconds the generation thread spent making chunks (the forwards, prompt switches, re-caches) and delivering
    /// them (pixels to bytes, the tracker, the GIF, the messages), since the start.</summary>
    public (double Generating, double Delivering) Seconds =>
        (Interlocked.Read(ref generatingTicks) / (double)Stopwatch.Frequency, Interlocked.Read(ref deliveringTicks) / (double)Stopwatch.Frequency);

    /// <summary>Chunks made per forward pass so far, on average (1 when streams never shared a turn).</summary>
    public double ChunksPerTurn
    {
        get
        {
            long t = Interlocked.Read(ref batchedTurns);
            return t == 0 ? 0 : (double)Interlocked.Read(ref batchedChunks) / t;
        }
    }

    /// <summary>The networks.</summary>
    public StudioModels Models { get; }

    /// <summary>The limits.</summary>
    public StudioOptions Options { get; }

    /// <summary>Streams (videos) being generated now, side-by-side runs counting two.</summary>
    public int ActiveStreams { get { lock (slotsGate) return slotsHeld; } }

    /// <summary>Chunks generated since the start.</summary>
    public long ChunksGenerated => Interlocked.Read(ref chunks);

    /// <summary>Rollouts (KV caches, text conditions, noise streams) alive now: 0 when no stream runs.</summary>
    public long LiveRollouts => Interlocked.Read(ref liveRollouts);

    /// <summary>Takes <paramref name="streams"/> of the <see cref="StudioOptions.MaxStreams"/> slots, or returns false at
    /// once when they are not free (never waits).</summary>
    public bool TryReserve(int streams)
    {
        lock (slotsGate)
        {
            if (slotsHeld + streams > Options.MaxStreams) return false;
            slotsHeld += streams;
            return true;
        }
    }

    /// <summary>Gives slots back.</summary>
    public void Release(int streams)
    {
        lock (slotsGate) slotsHeld = Math.Max(0, slotsHeld - streams);
    }

    /// <summary>Runs <paramref name="action"/> on the generation thread between two chunks.</summary>
    public void Post(Action action)
    {
        posted.Enqueue(action);
        wake.Release();
    }

    /// <summary>Runs <paramref name="action"/> on the generation thread and waits for it.</summary>
    public Task Invoke(Action action)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try { action(); done.SetResult(); }
            catch (Exception e) { done.SetException(e); }
        });
        return done.Task;
    }

    // ---------------------------------------------------------------- first frames before planners

    private readonly Lock firstGate = new();
    private readonly ManualResetEventSlim noFirstFramePending = new(true);
    private int firstFramesPending;

    /// <summary>Streams whose first step has decoded and whose first chunk is not made yet.</summary>
    public int FirstFramesPending { get { lock (firstGate) return firstFramesPending; } }

    /// <summary>Says that a stream's first step has decoded and its first chunk is to come: until it is made (or the
    /// stream ends), planners that already started their own streams yield the cores (<see cref="YieldToFirstFrames"/>).
    /// <see cref="FirstFrame.Done"/> (idempotent) ends it.</summary>
    internal FirstFrame ExpectFirstFrame()
    {
        lock (firstGate) { if (firstFramesPending++ == 0) noFirstFramePending.Reset(); }
        return new FirstFrame(this);
    }

    private void FirstFrameMade()
    {
        lock (firstGate) { if (--firstFramesPending == 0) noFirstFramePending.Set(); }
    }

    /// <summary>Called by a planning thread between two decoded tokens once its own stream has started: waits while a
    /// stream waits for its first chunk (at most <see cref="FirstFrameYield"/>), so the decoding of plans already playing
    /// does not take the cores from the first chunks of streams just started. Returns false when it gave up waiting.
    /// It only delays tokens: what is drawn does not change.</summary>
    internal bool YieldToFirstFrames() => noFirstFramePending.IsSet || noFirstFramePending.Wait(FirstFrameYield);

    /// <summary>The longest a planner waits in <see cref="YieldToFirstFrames"/> (a safety bound: a first chunk takes tens
    /// of milliseconds).</summary>
    internal static readonly TimeSpan FirstFrameYield = TimeSpan.FromSeconds(1);

    /// <summary>A first chunk to come (<see cref="ExpectFirstFrame"/>).</summary>
    internal sealed class FirstFrame(StudioEngine engine)
    {
        private int done;

        /// <summary>The first chunk is made, or the stream ended without it.</summary>
        public void Done() { if (Interlocked.Exchange(ref done, 1) == 0) engine.FirstFrameMade(); }
    }

    /// <summary>Tests: called on the generation thread with every chunk's pixels (run, lane, chunk, [C, 3, S, S] floats).</summary>
    internal Action<StudioRun, int, int, float[]>? ChunkMade { get; set; }

    internal void Add(StudioLane lane) { lanes.Add(lane); }          // generation thread only

    internal void Remove(StudioLane lane)                             // generation thread only
    {
        lanes.Remove(lane);
        lane.DisposeRollout();
    }

    internal void RolloutMade() => Interlocked.Increment(ref liveRollouts);

    internal void RolloutFreed() => Interlocked.Decrement(ref liveRollouts);

    private void Loop()
    {
        // Small batches on the CPU: one intra-op thread, each forward's rows split over two cores (VideoGenerator's
        // setting), held for the engine's life; a turn packs at most MaxStreams chunks.
        var executors = new[] { Models.Executor, Models.TempActExecutor }.OfType<ExecutorTransformer>().Distinct().ToArray();
        var settings = executors.Select(e => VideoGenerator.SmallBatchCpu(e, Options.MaxStreams)).ToList();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                while (posted.TryDequeue(out var action)) Run(action);
                var due = Due(out var wait);
                if (due.Count == 0)
                {
                    try { wake.Wait(wait, stopping.Token); } catch (OperationCanceledException) { break; }
                    continue;
                }
                StepLanes(due);
            }
        }
        finally
        {
            foreach (var l in lanes.ToArray()) Remove(l);
            foreach (var s in settings) s.Dispose();
        }
    }

    private static void Run(Action action)
    {
        try { action(); }
        catch (Exception e) { Trace.TraceError($"studio: a posted action failed: {e}"); }
    }

    /// <summary>The lanes to step this turn (those due whose clients keep up), or none and how long to wait.</summary>
    private List<StudioLane> Due(out TimeSpan wait)
    {
        wait = TimeSpan.FromMilliseconds(200);
        Volatile.Write(ref waitingForClients, 0);
        var due = new List<StudioLane>();
        var now = Stopwatch.GetTimestamp();
        foreach (var lane in lanes.ToArray())
        {
            if (!lane.CanStep) continue; // its plan's next steps are still decoding
            if (!lane.ClientKeepsUp)
            {
                // A client that reads nothing for this long is treated as gone: its run stops and frees its slots.
                if (lane.ClientStalledFor > Options.ClientTimeout) { lane.Run.CancelNow(); continue; }
                wait = Min(wait, TimeSpan.FromMilliseconds(5));
                Interlocked.Increment(ref waitingForClients);
                continue;
            }
            if (lane.Finished || !lanes.Contains(lane)) continue;
            var at = lane.DueAt;
            if (at <= now) due.Add(lane);
            else wait = Min(wait, Stopwatch.GetElapsedTime(now, at));
        }
        // Streams that have not shown a frame yet go first, in a turn of their own: a new stream waits for the turn under
        // way, never for a full turn of every stream (its first chunk also writes the context, so it is the larger part).
        if (due.Any(l => l.Next == 0)) due.RemoveAll(l => l.Next > 0);
        return due;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Stops the thread; every lane is removed and its tensors freed.</summary>
    public void Dispose()
    {
        stopping.Cancel();
        StudioTrace.Flush();
        if (manual) foreach (var l in lanes.ToArray()) Remove(l);
        else thread.Join(TimeSpan.FromSeconds(30));
        stopping.Dispose();
        wake.Dispose(); // noFirstFramePending stays: a planning thread may still look at it
    }
}
