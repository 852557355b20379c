using static TorchSharp.torch;

namespace TempAct.Models.Executor;

/// <summary>
/// A batch of videos being generated chunk by chunk — the spine that streaming generation, RL exploration and RL's
/// update share (as Self-Forcing's pipeline is). It holds the KV cache, the last chunk not yet written into it (the
/// σ = 0 re-run is lazy: a chunk is handed out the moment its last denoising step ends, and written at the start of the
/// next), the text condition and one noise stream per video. Every step takes one prompt per video: a video whose
/// prompt changes is re-encoded (and under <see cref="SwitchMode.Recache"/> its cache re-encoded) on its own, a video
/// whose prompt stays is never touched, so a video's frames do not depend on what else shares its batch (up to float
/// rounding of batched kernels). <see cref="Branch"/> turns each video into K continuations with fresh noise.
/// </summary>
public sealed class Rollout : IDisposable
{
    private readonly ExecutorTransformer model;
    private readonly FewStepSampler sampler;
    private readonly KvCache cache;
    private NoiseStreams noise;
    private TextCondition? text;
    private Tensor? pending; // [B, C, 3, S, S], the last chunk, not yet in the cache

    /// <summary>An empty rollout of <see cref="NoiseStreams.Count"/> videos; it owns <paramref name="noise"/>.</summary>
    public Rollout(ExecutorTransformer model, NoiseStreams noise, SwitchMode mode)
        : this(model, new KvCache(model.Config, noise.Count, model.Device), noise, null, mode, 0) { }

    private Rollout(ExecutorTransformer model, KvCache cache, NoiseStreams noise, TextCondition? text, SwitchMode mode, int chunks)
    {
        this.model = model;
        sampler = new FewStepSampler(model);
        this.cache = cache;
        this.noise = noise;
        this.text = text;
        Mode = mode;
        Chunks = chunks;
    }

    /// <summary>The model.</summary>
    public ExecutorTransformer Model => model;

    /// <summary>Videos in the batch.</summary>
    public int Batch => cache.Batch;

    /// <summary>What a prompt change does.</summary>
    public SwitchMode Mode { get; }

    /// <summary>Chunks generated or fed so far (the context chunk not counted).</summary>
    public int Chunks { get; private set; }

    /// <summary>The cache (the last chunk is in it only after <see cref="Prepare"/> or the next step).</summary>
    public KvCache Cache => cache;

    /// <summary>The current text condition (null before the first prompts).</summary>
    public TextCondition? Text => text;

    /// <summary>The noise streams, one per video.</summary>
    public NoiseStreams Noise => noise;

    /// <summary>Starts from a context chunk <paramref name="context"/> [B, C, 3, S, S] (the scene's still initial state),
    /// written into the cache under <paramref name="prompts"/> with the first chunk's first forward; not part of the
    /// output.</summary>
    public void Begin(IReadOnlyList<string> prompts, Tensor context)
    {
        if (text is not null || Chunks > 0) throw new InvalidOperationException("Begin comes before the first chunk");
        CheckBatch(prompts);
        if (context.shape[0] != Batch || context.shape[1] != model.Config.ChunkFrames)
            throw new ArgumentException($"context [{string.Join(", ", context.shape)}]: one chunk of {model.Config.ChunkFrames} frames per video is needed for {Batch} videos");
        text = model.EncodeText(prompts).Detach();
        using (no_grad()) pending = context.to(model.Device).clone().DetachFromDisposeScope();
    }

    /// <summary>Generates the next chunk under <paramref name="prompts"/> (one per video): [B, C, 3, S, S] in [−1, 1].</summary>
    public Tensor Step(IReadOnlyList<string> prompts) => Step(prompts, false, out _);

    /// <summary>
    /// Generates the next chunk; with <paramref name="record"/> its trajectory (states, velocities, transition
    /// log-probs) comes back too. The previous chunk's write is merged into this chunk's first forward while no prompt
    /// changes and the window has room (the same cache either way), else done on its own under its own prompts.
    /// </summary>
    public Tensor Step(IReadOnlyList<string> prompts, bool record, out ChunkTrajectory? trajectory)
    {
        CheckBatch(prompts);
        using var scope = NewDisposeScope();
        bool same = SamePrompts(prompts);
        Tensor? merge = null;
        if (pending is not null && same && model.CanMergeCommit(cache)) { merge = pending; pending = null; }
        else Commit();
        LastSwitched = SwitchedRows(prompts);
        if (!same) Switch(prompts);
        var x = sampler.SampleChunk(text!, cache, noise, record, out trajectory, merge, LastSwitched);
        merge?.Dispose();
        pending = x.DetachFromDisposeScope();
        Chunks++;
        return pending.alias().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The next chunk of several rollouts of one video each (streams that may sit at different chunks, with caches of
    /// different lengths), computed together: the pending writes that cannot merge are one packed forward, each
    /// rollout's prompt switch and re-cache its own, then every denoising step one packed forward for all
    /// (<see cref="FewStepSampler.SampleChunks"/>). A rollout's chunk, cache and stream afterwards are what
    /// <see cref="Step(IReadOnlyList{string})"/> would give it alone, up to float rounding of the packed kernels.
    /// <paramref name="prompts"/>[i] is rollout i's prompt. Returns one chunk [1, C, 3, S, S] per rollout.
    /// </summary>
    public static Tensor[] StepTogether(IReadOnlyList<Rollout> rollouts, IReadOnlyList<string> prompts)
    {
        if (rollouts.Count == 0) throw new ArgumentException("no rollout to step");
        if (prompts.Count != rollouts.Count) throw new ArgumentException($"{prompts.Count} prompts for {rollouts.Count} rollouts");
        var model = rollouts[0].model;
        for (int i = 0; i < rollouts.Count; i++)
        {
            var r = rollouts[i];
            if (r.model != model) throw new ArgumentException($"rollout {i} runs another model");
            if (r.Batch != 1) throw new ArgumentException($"rollout {i} holds {r.Batch} videos; stepping together takes rollouts of one");
            if (r.text is null) throw new InvalidOperationException($"rollout {i}: Begin comes before the first chunk");
            if (rollouts.Take(i).Contains(r)) throw new ArgumentException($"rollout {i} is listed twice");
        }
        if (rollouts.Count == 1) return [rollouts[0].Step([prompts[0]])];
        using var scope = NewDisposeScope();
        var one = prompts.Select(p => (IReadOnlyList<string>)[p]).ToArray();
        var merge = new Tensor?[rollouts.Count];
        var commits = new List<Rollout>();
        for (int i = 0; i < rollouts.Count; i++)
        {
            var r = rollouts[i];
            if (r.pending is not null && r.SamePrompts(one[i]) && model.CanMergeCommit(r.cache)) { merge[i] = r.pending; r.pending = null; }
            else if (r.pending is not null) commits.Add(r);
        }
        if (commits.Count > 0)
        {
            using (NewDisposeScope())
                model.ForwardPacked([.. commits.Select(r => new PackedChunk(r.pending!, 0.0, r.text!, r.cache, Write: true))], [.. commits.Select(_ => false)]);
            foreach (var r in commits) { r.pending!.Dispose(); r.pending = null; }
        }
        // With gated adapters, the rollouts whose prompt switches here are the items the adapters act on.
        var switched = new bool[rollouts.Count];
        for (int i = 0; i < rollouts.Count; i++)
        {
            var r = rollouts[i];
            r.LastSwitched = r.SwitchedRows(one[i]);
            switched[i] = r.LastSwitched.Count > 0;
            if (switched[i]) r.Switch(one[i]);
        }
        var x = rollouts[0].sampler.SampleChunks([.. rollouts.Select(r => r.text!)], [.. rollouts.Select(r => r.cache)], [.. rollouts.Select(r => r.noise)], merge, switched);
        foreach (var m in merge) m?.Dispose();
        var result = new Tensor[rollouts.Count];
        for (int i = 0; i < rollouts.Count; i++)
        {
            var r = rollouts[i];
            r.pending = x[i].DetachFromDisposeScope();
            r.Chunks++;
            result[i] = r.pending.alias().MoveToOuterDisposeScope();
        }
        return result;
    }

    /// <summary>Takes <paramref name="clean"/> [B, C, 3, S, S] as the next chunk instead of sampling it (replaying a
    /// recorded prefix under new weights): the same commits and switches as <see cref="Step(IReadOnlyList{string})"/>.</summary>
    public void Feed(IReadOnlyList<string> prompts, Tensor clean)
    {
        Prepare(prompts);
        using (no_grad()) pending = clean.to(model.Device).clone().DetachFromDisposeScope();
        Chunks++;
    }

    /// <summary>Writes the last chunk and switches to <paramref name="prompts"/>: afterwards <see cref="Cache"/> and
    /// <see cref="Text"/> are exactly what the next chunk's denoising forwards see (RL's update recomputes chunk b
    /// against them).</summary>
    public void Prepare(IReadOnlyList<string> prompts)
    {
        CheckBatch(prompts);
        using var scope = NewDisposeScope();
        Commit();
        LastSwitched = SwitchedRows(prompts);
        if (!SamePrompts(prompts)) Switch(prompts);
    }

    /// <summary>The rows whose prompt changed at the last <see cref="Step(IReadOnlyList{string})"/>, <see cref="Feed"/> or
    /// <see cref="Prepare"/> (none at the first chunk after <see cref="Begin"/>): with gated adapters
    /// (<see cref="ExecutorTransformer.AdaptersGated"/>) the rows whose denoising the adapters act on.</summary>
    public IReadOnlyList<int> LastSwitched { get; private set; } = [];

    private int[] SwitchedRows(IReadOnlyList<string> prompts) =>
        text is null ? [] : [.. Enumerable.Range(0, Batch).Where(i => text.Prompts[i] != prompts[i])];

    /// <summary>
    /// K continuations of every video: the last chunk is written first, then cache, text and streams are repeated (video
    /// v becomes rows v·K … v·K + K − 1), so all K share the prefix cache bit for bit; each draws fresh noise from here
    /// on. This rollout stays usable and independent.
    /// </summary>
    public Rollout Branch(int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), "at least one continuation");
        using (NewDisposeScope()) Commit();
        return new Rollout(model, cache.Repeat(k), noise.Branch(k), text?.Repeat(k), Mode, Chunks);
    }

    /// <summary>
    /// A rollout whose row i is this one's row <paramref name="rows"/>[i] (any order, a row may repeat or be left out)
    /// drawing from the stream keyed <paramref name="keys"/>[i]: how one batch branches some videos into continuations
    /// (a row repeated K times, each repeat with a fresh key) while others go on or end. The last chunk is written
    /// first, as <see cref="Branch"/> does, so a row's cache, text and stream position are exactly its source's.
    /// This rollout stays usable and independent.
    /// </summary>
    public Rollout Rows(IReadOnlyList<int> rows, IReadOnlyList<long> keys)
    {
        if (rows.Count == 0) throw new ArgumentException("at least one row");
        if (keys.Count != rows.Count) throw new ArgumentException($"{keys.Count} stream keys for {rows.Count} rows");
        using (NewDisposeScope()) Commit();
        return new Rollout(model, cache.Select(rows), noise.WithKeys(keys), text?.Select(rows), Mode, Chunks);
    }

    /// <summary>
    /// Gives row i the stream keyed <paramref name="keys"/>[i] from here on (the draw count goes on: a row keyed as some
    /// stream draws what that stream would draw next). Nothing else changes — no write, no copy — so rows given one key
    /// with identical inputs draw identical noise and generate identical chunks: how a chosen chunk's noise is shared
    /// across rows (or made fresh again) while the chunks around it are not.
    /// </summary>
    public void Rekey(IReadOnlyList<long> keys)
    {
        if (keys.Count != Batch) throw new ArgumentException($"{keys.Count} stream keys for a batch of {Batch} videos");
        var next = noise.WithKeys(keys);
        noise.Dispose();
        noise = next;
    }

    private void Commit()
    {
        if (pending is null) return;
        model.WriteChunk(pending, text!, cache);
        pending.Dispose();
        pending = null;
    }

    /// <summary>Per-video prompt switch: only the videos whose prompt changed are encoded (and re-cached).</summary>
    private void Switch(IReadOnlyList<string> prompts)
    {
        var rows = Enumerable.Range(0, Batch).Where(i => text is null || text.Prompts[i] != prompts[i]).ToArray();
        bool recache = Mode == SwitchMode.Recache && cache.StoredFrames > 0;
        TextCondition next;
        if (text is null || rows.Length == Batch)
        {
            next = model.EncodeText(prompts).Detach();
            if (recache) model.Recache(cache, next);
        }
        else
        {
            using var part = model.EncodeText(rows.Select(r => prompts[r]).ToArray()).Detach();
            next = text.Splice(rows, part);
            if (recache)
            {
                using var partCache = cache.Select(rows);
                model.Recache(partCache, part);
                cache.Scatter(rows, partCache);
            }
        }
        text?.Dispose();
        text = next;
    }

    private bool SamePrompts(IReadOnlyList<string> prompts) => text is not null && text.Prompts.SequenceEqual(prompts);

    private void CheckBatch(IReadOnlyList<string> prompts)
    {
        if (prompts.Count != Batch) throw new ArgumentException($"{prompts.Count} prompts for a batch of {Batch} videos");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        pending?.Dispose();
        text?.Dispose();
        cache.Dispose();
        noise.Dispose();
    }
}
