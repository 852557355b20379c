using TempAct.Models.Executor;
using static TorchSharp.torch;

namespace TempAct.Training.Exploration;

/// <summary>One video to explore: its context chunk, its prompt for every chunk, where it branches and its noise key.</summary>
/// <param name="Context">The context chunk (ChunkFrames × 3 × S × S floats, the scene's still initial state).</param>
/// <param name="ChunkPrompts">The prompt of every chunk; their count is the video's length in chunks.</param>
/// <param name="BranchChunk">b: chunks [0, b) are generated once, chunks [b, end) K times with fresh noise.</param>
/// <param name="NoiseKey">The prefix's stream key; continuation i draws from <see cref="NoiseStreams.KeyOf"/>(key, i + 1).</param>
internal sealed record ExecutionItem(float[] Context, IReadOnlyList<string> ChunkPrompts, int BranchChunk, long NoiseKey)
{
    /// <summary>Chunks of the video.</summary>
    public int TotalChunks => ChunkPrompts.Count;
}

/// <summary>
/// Every video's prefix and K continuations in one batched rollout: at chunk c the batch holds one row per video still
/// in its prefix (c &lt; b) and K rows per video past its branch point (b ≤ c &lt; end). When c reaches a video's b its
/// row becomes K rows with fresh stream keys (as <see cref="Rollout.Branch"/> makes them); when c reaches its end its rows
/// leave. So an epoch costs the longest video's chunks × sampler steps forwards, whatever its mix of branch points and
/// lengths. Every row keeps its own stream, prompt switches and re-cache, so a video's frames do not depend on what
/// shares its batch (<see cref="Rollout"/>). Chunk b's trajectory is recorded at every step where some video branches.
/// </summary>
internal sealed class MergedExecution : IDisposable
{
    private readonly IReadOnlyList<ExecutionItem> items;
    private readonly int continuations, chunkFrames, frameSize;
    private readonly Tensor context;                            // [n, C, 3, S, S]
    private readonly List<Tensor> outputs = [];                 // chunk c of every row at c: [rows_c, C, 3, S, S]
    private readonly List<Dictionary<(int Item, int Branch), int>> rowsAt = []; // chunk c: (item, branch) → row (branch −1: the prefix row)
    private readonly Dictionary<int, ChunkTrajectory> trajectories = []; // chunk → trajectory of all rows at that chunk
    private float[]? pixels;
    private long[]? offsets;

    private MergedExecution(IReadOnlyList<ExecutionItem> items, int continuations, Tensor context, int chunkFrames, int frameSize)
    {
        this.items = items;
        this.continuations = continuations;
        this.context = context;
        this.chunkFrames = chunkFrames;
        this.frameSize = frameSize;
    }

    /// <summary>Runs every item's prefix and <paramref name="continuations"/> continuations; <paramref name="prefixDone"/>
    /// is called once every chunk before the first branch point is generated (the prefix-only part of the batch).</summary>
    public static MergedExecution Run(ExecutorTransformer model, SwitchMode mode, IReadOnlyList<ExecutionItem> items, int continuations, Action? prefixDone = null)
    {
        if (items.Count == 0) throw new ArgumentException("nothing to explore");
        if (continuations < 1) throw new ArgumentOutOfRangeException(nameof(continuations), "at least one continuation");
        foreach (var it in items)
            if (it.BranchChunk < 0 || it.BranchChunk >= it.TotalChunks)
                throw new ArgumentException($"branch chunk {it.BranchChunk} outside a video of {it.TotalChunks} chunks");
        int cf = model.Config.ChunkFrames, s = model.Config.FrameSize;
        var context = tensor(items.SelectMany(i => i.Context).ToArray(), new long[] { items.Count, cf, 3, s, s }).to(model.Device).DetachFromDisposeScope();
        var run = new MergedExecution(items, continuations, context, cf, 3 * s * s);
        try { run.Generate(model, mode, prefixDone); }
        catch { run.Dispose(); throw; }
        return run;
    }

    private void Generate(ExecutorTransformer model, SwitchMode mode, Action? prefixDone)
    {
        int n = items.Count, total = items.Max(i => i.TotalChunks), firstBranch = items.Min(i => i.BranchChunk);
        int widest = Enumerable.Range(0, total).Max(c => items.Sum(i => c >= i.TotalChunks ? 0 : c < i.BranchChunk ? 1 : continuations));
        using var cpu = VideoGenerator.SmallBatchCpu(model, widest);
        var rows = Enumerable.Range(0, n).Select(i => (Item: i, Branch: -1)).ToArray();
        var rollout = new Rollout(model, new NoiseStreams(items.Select(i => i.NoiseKey).ToArray(), model.Device), mode);
        try
        {
            using (NewDisposeScope()) rollout.Begin(Prompts(rows, 0), context);
            if (firstBranch == 0) prefixDone?.Invoke();
            for (int c = 0; c < total; c++)
            {
                // Videos reaching their branch point become K rows; videos that ended leave.
                if (rows.Any(r => items[r.Item].TotalChunks <= c || (r.Branch < 0 && items[r.Item].BranchChunk == c)))
                {
                    var next = new List<(int Item, int Branch)>(); var source = new List<int>(); var keys = new List<long>();
                    for (int i = 0; i < rows.Length; i++)
                    {
                        var (item, branch) = rows[i];
                        if (items[item].TotalChunks <= c) continue;
                        if (branch < 0 && items[item].BranchChunk == c)
                            for (int k = 0; k < continuations; k++) { next.Add((item, k)); source.Add(i); keys.Add(NoiseStreams.KeyOf(items[item].NoiseKey, k + 1)); }
                        else { next.Add(rows[i]); source.Add(i); keys.Add(rollout.Noise.Keys[i]); }
                    }
                    var regrouped = rollout.Rows(source, keys);
                    rollout.Dispose();
                    rollout = regrouped;
                    rows = [.. next];
                }
                bool record = rows.Any(r => r.Branch >= 0 && items[r.Item].BranchChunk == c);
                using var scope = NewDisposeScope();
                var chunk = rollout.Step(Prompts(rows, c), record, out var trajectory);
                outputs.Add(chunk.DetachFromDisposeScope());
                rowsAt.Add(rows.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i));
                if (trajectory is not null) trajectories[c] = trajectory;
                if (c + 1 == firstBranch) prefixDone?.Invoke();
            }
        }
        finally { rollout.Dispose(); }
    }

    private string[] Prompts((int Item, int Branch)[] rows, int chunk) => [.. rows.Select(r => items[r.Item].ChunkPrompts[chunk])];

    /// <summary>Row of <paramref name="item"/>'s <paramref name="branch"/> (−1: its prefix row) at chunk <paramref name="chunk"/>.</summary>
    private int RowOf(int chunk, int item, int branch) => rowsAt[chunk][(item, branch)];

    /// <summary>Context chunk + chunks 0 … b − 1 of the given items (all with one b): [items, (1 + b)·C, 3, S, S] on the
    /// device, owned by the caller.</summary>
    public Tensor PrefixFrames(IReadOnlyList<int> group)
    {
        int b = items[group[0]].BranchChunk;
        if (group.Any(i => items[i].BranchChunk != b)) throw new ArgumentException("the items' branch points differ");
        using var scope = NewDisposeScope();
        Tensor Pick(Tensor t, IEnumerable<int> rows) => t.index_select(0, tensor(rows.Select(r => (long)r).ToArray(), device: t.device));
        var parts = new List<Tensor> { Pick(context, group) };
        for (int c = 0; c < b; c++) parts.Add(Pick(outputs[c], group.Select(i => RowOf(c, i, -1))));
        return cat(parts, 1).MoveToOuterDisposeScope();
    }

    /// <summary>Chunk b's trajectory of the given items' continuations (all with one b), item-major: item p's K
    /// continuations are rows p·K … p·K + K − 1. Owned by the caller.</summary>
    public ChunkTrajectory Trajectory(IReadOnlyList<int> group)
    {
        int b = items[group[0]].BranchChunk;
        if (group.Any(i => items[i].BranchChunk != b)) throw new ArgumentException("the items' branch points differ");
        return trajectories[b].Select([.. group.SelectMany(i => Enumerable.Range(0, continuations).Select(k => RowOf(b, i, k)))]);
    }

    /// <summary>Continuation <paramref name="branch"/> of item <paramref name="item"/>: the whole video (TotalChunks·C
    /// frames, the World's layout). The first call brings every chunk to the host in one transfer.</summary>
    public float[] Video(int item, int branch)
    {
        if (pixels is null)
        {
            using var scope = NewDisposeScope();
            pixels = cat(outputs.Select(o => o.reshape(-1)).ToArray(), 0).cpu().data<float>().ToArray();
            offsets = new long[outputs.Count];
            for (int c = 1; c < outputs.Count; c++) offsets[c] = offsets[c - 1] + outputs[c - 1].numel();
        }
        int chunkSize = chunkFrames * frameSize, end = items[item].TotalChunks, b = items[item].BranchChunk;
        var video = new float[end * chunkSize];
        for (int c = 0; c < end; c++)
        {
            int row = RowOf(c, item, c < b ? -1 : branch);
            Array.Copy(pixels, offsets![c] + (long)row * chunkSize, video, (long)c * chunkSize, chunkSize);
        }
        return video;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        context.Dispose();
        foreach (var o in outputs) o.Dispose();
        foreach (var t in trajectories.Values) t.Dispose();
        outputs.Clear();
        trajectories.Clear();
    }
}
