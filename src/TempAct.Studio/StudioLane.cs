using System.Diagnostics;
using System.Text.Json.Nodes;
using TempAct.Models.Executor;
using TempAct.World.Media;
using TempAct.World.Plans;
using static TorchSharp.torch;

namespace TempAct.Studio;

/// <summary>
/// One video of a run, stepped by the <see cref="StudioEngine"/> on its thread: its executor, switch mode, noise seed,
/// the prompt of every chunk (replaced from the next chunk on when the plan changes), the rollout (KV cache, text, noise),
/// the in-memory GIF and the live tracker. Only the generation thread touches the rollout and the prompts.
/// </summary>
internal sealed class StudioLane
{
    private readonly StudioRun run;
    private readonly StudioEngine engine;
    private readonly ExecutorTransformer model;
    private readonly SwitchMode mode;
    private readonly long seed;
    private readonly float[] context;
    private readonly double pace;
    private readonly long started;
    private readonly LiveTracker tracker;
    private readonly Lock gifGate = new();
    private readonly MemoryStream gifBytes = new();
    private readonly GifStreamWriter gif;
    private readonly int gifCap;
    private Rollout? rollout;
    private string? previous;
    private string[]? before;   // the prompts before the last change of plan, and what changed them
    private string cause = "plan";
    private double firstFrameMs = -1;

    public StudioLane(StudioRun run, StudioEngine engine, int index, string name, ExecutorTransformer model, SwitchMode mode, bool lookAhead,
        long seed, float[] context, StepPlan plan, double pace, long started)
    {
        this.run = run; this.engine = engine; this.model = model; this.mode = mode; this.seed = seed; this.context = context;
        this.pace = pace; this.started = started;
        Index = index; Name = name; LookAhead = lookAhead; Plan = plan;
        Prompts = VideoGenerator.ChunkPrompts(plan, lookAhead);
        int s = model.Config.FrameSize;
        tracker = new LiveTracker(s, s, engine.Options.TrackerSegmentFrames);
        gifCap = engine.Options.GifMaxFrames;
        gif = new GifStreamWriter(gifBytes, s, s, scale: 4, fps: pace > 0 ? (int)Math.Round(pace) : 24);
    }

    public int Index { get; }
    public string Name { get; }
    public bool LookAhead { get; }
    public StepPlan Plan { get; private set; }
    public string[] Prompts { get; private set; }
    /// <summary>The next chunk to generate: a change of plan takes effect from here.</summary>
    public int Next { get; private set; }
    public bool Finished { get; private set; }

    /// <summary>True while the plan is still being decoded (the lane plays the steps decoded so far, <see cref="Prompts"/>
    /// covering only their chunks): <see cref="Complete"/> gives the whole plan.</summary>
    public bool Provisional { get; private set; }

    /// <summary>True when the next chunk can be made now: the lane has not ended and its prompt is known.</summary>
    public bool CanStep => !Finished && Next < Prompts.Length;
    public bool ClientKeepsUp
    {
        get
        {
            bool keeps;
            try { keeps = run.Backlog() <= engine.Options.MaxBacklog; }
            catch (Exception) { keeps = true; } // a backlog that cannot be read holds nothing up
            if (keeps) waitingSince = 0;
            else if (waitingSince == 0) waitingSince = Stopwatch.GetTimestamp();
            return keeps;
        }
    }

    private long waitingSince;

    /// <summary>How long the client has left its messages unread (zero while it keeps up).</summary>
    public TimeSpan ClientStalledFor => waitingSince == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(waitingSince);

    /// <summary>The run this lane belongs to.</summary>
    public StudioRun Run => run;

    /// <summary>When the next chunk should be made: at once without a pace, else one chunk ahead of its frames' time,
    /// counted from the first chunk (planning does not put the stream behind its pace).</summary>
    public long DueAt => pace <= 0 || Next == 0 ? 0
        : paceStart + (long)((Next - 1) * model.Config.ChunkFrames / pace * Stopwatch.Frequency);

    private long paceStart;

    /// <summary>The executor this lane runs (lanes of one executor are stepped together).</summary>
    public ExecutorTransformer Model => model;

    /// <summary>Before chunk <see cref="Next"/> is generated: the rollout (made on the first chunk) and the chunk's
    /// prompt; a change of prompt is reported here ("switch").</summary>
    public (Rollout Rollout, string Prompt) Prepare()
    {
        int cf = model.Config.ChunkFrames, s = model.Config.FrameSize;
        if (rollout is null)
        {
            rollout = new Rollout(model, NoiseStreams.ForSeed(seed, 1, model.Device), mode);
            engine.RolloutMade();
            using var ctx = tensor(context, new long[] { 1, cf, 3, s, s });
            rollout.Begin([Prompts[0]], ctx);
        }
        int chunk = Next;
        string prompt = Prompts[chunk];
        if (previous is not null && prompt != previous)
        {
            bool changed = before is not null && (chunk >= before.Length || before[chunk] != prompt);
            run.Send(new JsonObject
            {
                ["type"] = "switch", ["lane"] = Index, ["chunk"] = chunk, ["frame"] = chunk * cf, ["prompt"] = prompt, ["from"] = previous,
                ["cause"] = changed ? cause : "plan", ["mode"] = mode == SwitchMode.Recache ? "recache" : "none",
            });
        }
        previous = prompt;
        return (rollout, prompt);
    }

    /// <summary>Sends chunk <see cref="Next"/> (its pixels [1, C, 3, S, S], made under <see cref="Prepare"/>'s prompt) with the
    /// tracker's events, feeds the GIF, and moves on to the next chunk.</summary>
    public void Deliver(Tensor chunkPixels)
    {
        int cf = model.Config.ChunkFrames, s = model.Config.FrameSize;
        int chunk = Next;
        string prompt = Prompts[chunk];
        var pixels = chunkPixels.cpu().contiguous().data<float>().ToArray();
        engine.ChunkMade?.Invoke(run, Index, chunk, pixels);
        double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (chunk == 0)
        {
            firstFrameMs = ms;
            paceStart = Stopwatch.GetTimestamp();
            if (StudioTrace.On) StudioTrace.Mark($"first-chunk {run.Id[..6]} {ms:0.0}");
        }
        firstFrame?.Done();
        lock (gifGate)
            if (gif.Frames < gifCap) gif.Write(pixels, 0, Math.Min(cf, gifCap - gif.Frames));
        bool last = chunk + 1 == Prompts.Length && !Provisional;
        var events = tracker.Add(pixels, 0, cf, last);
        run.Send(new JsonObject
        {
            ["type"] = "chunk", ["lane"] = Index, ["index"] = chunk, ["first_frame"] = chunk * cf, ["frames"] = cf,
            ["step"] = Plan.Steps.FirstOrDefault(st => chunk >= st.Chunks.First && chunk < st.Chunks.End)?.StepIndex ?? -1,
            ["prompt"] = prompt, ["elapsed_ms"] = Math.Round(ms, 1), ["size"] = s, ["pixels"] = Convert.ToBase64String(Rgb(pixels, cf, s)),
        });
        foreach (var e in events)
            run.Send(new JsonObject { ["type"] = "event", ["lane"] = Index, ["subject"] = e.Subject, ["action"] = e.Action, ["onset"] = e.Onset, ["end"] = e.End });
        Next = chunk + 1;
        if (last)
        {
            Finished = true;
            double seconds = ms / 1000;
            run.Send(new JsonObject
            {
                ["type"] = "done", ["lane"] = Index, ["frames"] = Next * cf, ["seconds"] = Math.Round(seconds, 3),
                ["first_frame_ms"] = Math.Round(firstFrameMs, 1), ["frames_per_second"] = Math.Round(Next * cf / Math.Max(seconds, 1e-9), 1),
                ["gif_frames"] = GifFrames,
            });
            run.LaneFinished(this);
        }
    }

    /// <summary>Replaces the plan from chunk <see cref="Next"/> on (generation thread): chunks already made keep their
    /// prompts. Returns false, changing nothing, when the video has ended or the new plan ends before the next chunk.</summary>
    public bool Replace(StepPlan plan, string why)
    {
        if (Finished || plan.TotalChunks <= Next) return false;
        var fresh = VideoGenerator.ChunkPrompts(plan, LookAhead);
        for (int c = 0; c < Next; c++) fresh[c] = Prompts[c];
        Provisional = false; // the client's plan replaces one still decoding
        before = Prompts;
        cause = why;
        Prompts = fresh;
        Plan = plan;
        return true;
    }

    /// <summary>Starts the lane on the first decoded steps of its plan (<see cref="Provisional"/>); before the first chunk.
    /// <paramref name="firstFrame"/> is done when the first chunk is made or the lane ends.</summary>
    public void BeginProvisional(StudioEngine.FirstFrame? firstFrame)
    {
        Provisional = true;
        this.firstFrame = firstFrame;
    }

    private StudioEngine.FirstFrame? firstFrame;

    /// <summary>More decoded steps of the plan while it decodes (generation thread): the chunks they add become known.</summary>
    public void Extend(StepPlan start)
    {
        if (!Provisional || Finished || start.TotalChunks <= Prompts.Length) return;
        var fresh = VideoGenerator.ChunkPrompts(start, LookAhead);
        for (int c = 0; c < Next; c++) fresh[c] = Prompts[c];
        Prompts = fresh;
        Plan = start;
    }

    /// <summary>The whole plan, once decoded (generation thread): chunks already made keep their prompts. Returns the first
    /// chunk whose prompt the whole plan changes against the decoded start the lane played (null when it changes none of
    /// the chunks already made or known).</summary>
    public int? Complete(StepPlan plan)
    {
        Provisional = false;
        var fresh = VideoGenerator.ChunkPrompts(plan, LookAhead);
        int? changed = null;
        for (int c = 0; c < Math.Min(Prompts.Length, fresh.Length); c++)
            if (fresh[c] != Prompts[c]) { changed = c; break; }
        if (changed is not null && changed < Next) { before = Prompts; cause = "plan"; }
        for (int c = 0; c < Next && c < fresh.Length; c++) fresh[c] = Prompts[c];
        Prompts = fresh;
        Plan = plan;
        return changed;
    }

    /// <summary>Called when the run fails on this lane: the lane ends.</summary>
    public void Fail(Exception e)
    {
        Finished = true;
        firstFrame?.Done();
        run.Send(new JsonObject { ["type"] = "error", ["code"] = "internal", ["lane"] = Index, ["message"] = $"generation failed: {e.Message}", ["detail"] = e.ToString() });
        run.LaneFinished(this);
    }

    /// <summary>Ends the lane without finishing the video (cancelled).</summary>
    public void Stop()
    {
        Finished = true;
        firstFrame?.Done();
    }

    /// <summary>Frames in the GIF.</summary>
    public int GifFrames { get { lock (gifGate) return gif.Frames; } }

    /// <summary>The GIF of the frames so far, complete (the trailer added to a copy), built in memory.</summary>
    public byte[]? GifSnapshot()
    {
        lock (gifGate)
        {
            if (gif.Frames == 0) return null;
            var bytes = new byte[gifBytes.Length + 1];
            gifBytes.GetBuffer().AsSpan(0, (int)gifBytes.Length).CopyTo(bytes);
            bytes[^1] = 0x3B;
            return bytes;
        }
    }

    public void DisposeRollout()
    {
        firstFrame?.Done();
        if (rollout is null) return;
        rollout.Dispose();
        rollout = null;
        engine.RolloutFreed();
    }

    /// <summary>[T, 3, S, S] floats in [−1, 1] → T frames of S × S RGB bytes, row by row.</summary>
    public static byte[] Rgb(float[] pixels, int frames, int size)
    {
        int plane = size * size;
        var result = new byte[frames * plane * 3];
        for (int t = 0; t < frames; t++)
            for (int i = 0; i < plane; i++)
                for (int c = 0; c < 3; c++)
                {
                    float v = (pixels[(t * 3 + c) * plane + i] + 1f) * 127.5f;
                    result[(t * plane + i) * 3 + c] = (byte)Math.Clamp((int)MathF.Round(v), 0, 255);
                }
        return result;
    }
}
