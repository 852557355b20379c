using System.Collections.Concurrent;
using System.Diagnostics;
using TempAct.Models.Executor;
using static TorchSharp.torch;

namespace TempAct.Studio;

/// <summary>
/// The one thread that generates: every stream's chunks run here, one chunk at a time, taking turns (round robin), so
/// streams never fight over the two cores or over libtorch's process-wide thread setting, and all tensors are made and
/// freed on one thread. A stream is stepped when its next chunk is due (its pace) and its client has read what it was
/// sent; everything else (edits, starts, cancellations) is posted here and runs between two chunks — which is what makes
/// "switch at the next chunk boundary" exact. Every chunk runs in its own dispose scope.
/// </summary>
public sealed class StudioEngine : IDisposable
{
    private readonly ConcurrentQueue<Action> posted = new();
    private readonly SemaphoreSlim wake = new(0);
    private readonly List<StudioLane> lanes = [];
    private readonly Thread thread;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock slotsGate = new();
    private int slotsHeld, turn;
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

    /// <summary>Manual mode: runs what was posted, then one chunk of the next lane; false when no lane is left.</summary>
    internal bool RunOnce()
    {
        if (!manual) throw new InvalidOperationException("the engine runs its own thread");
        while (posted.TryDequeue(out var action)) Run(action);
        if (lanes.Count == 0) return false;
        var lane = lanes[turn++ % lanes.Count];
        StepLane(lane);
        while (posted.TryDequeue(out var action)) Run(action);
        return true;
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

    private void StepLane(StudioLane lane)
    {
        Interlocked.Exchange(ref stepStarted, Stopwatch.GetTimestamp());
        try
        {
            using (no_grad())
            using (NewDisposeScope()) lane.Step();
            Interlocked.Increment(ref chunks);
        }
        catch (Exception e) { lane.Fail(e); }
        finally
        {
            Interlocked.Exchange(ref stepStarted, 0);
            Interlocked.Exchange(ref lastStepEnded, Stopwatch.GetTimestamp());
        }
        if (lane.Finished) Remove(lane);
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
        // Batch 1 on the CPU: one intra-op thread, each forward's rows split over two cores (VideoGenerator's setting),
        // held for the engine's life since every stream is a batch of one.
        var executors = new[] { Models.Executor, Models.TempActExecutor }.OfType<ExecutorTransformer>().Distinct().ToArray();
        var settings = executors.Select(e => VideoGenerator.SmallBatchCpu(e, 1)).ToList();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                while (posted.TryDequeue(out var action)) Run(action);
                var lane = Next(out var wait);
                if (lane is null)
                {
                    try { wake.Wait(wait, stopping.Token); } catch (OperationCanceledException) { break; }
                    continue;
                }
                StepLane(lane);
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

    /// <summary>The next lane to step (round robin over those due whose clients keep up), or null and how long to wait.</summary>
    private StudioLane? Next(out TimeSpan wait)
    {
        wait = TimeSpan.FromMilliseconds(200);
        Volatile.Write(ref waitingForClients, 0);
        if (lanes.Count == 0) return null;
        var now = Stopwatch.GetTimestamp();
        for (int i = 0; i < lanes.Count; i++)
        {
            var lane = lanes[(turn + i) % lanes.Count];
            if (!lane.ClientKeepsUp)
            {
                // A client that reads nothing for this long is treated as gone: its run stops and frees its slots.
                if (lane.ClientStalledFor > Options.ClientTimeout) { lane.Run.CancelNow(); return null; }
                wait = Min(wait, TimeSpan.FromMilliseconds(5));
                Interlocked.Increment(ref waitingForClients);
                continue;
            }
            var due = lane.DueAt;
            if (due <= now) { turn = (turn + i + 1) % lanes.Count; return lane; }
            wait = Min(wait, Stopwatch.GetElapsedTime(now, due));
        }
        return null;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Stops the thread; every lane is removed and its tensors freed.</summary>
    public void Dispose()
    {
        stopping.Cancel();
        if (manual) foreach (var l in lanes.ToArray()) Remove(l);
        else thread.Join(TimeSpan.FromSeconds(30));
        stopping.Dispose();
        wake.Dispose();
    }
}
