using TempAct.Models.Runtime;
using static TorchSharp.torch;

namespace TempAct.Models.Executor;

/// <summary>
/// One video's part of a packed forward (<see cref="ExecutorTransformer.ForwardPacked"/>): its chunk
/// <paramref name="X"/> [1, C, 3, S, S] at noise level <paramref name="Sigma"/> under its own text and against its own
/// cache. With <paramref name="Pending"/> (a clean chunk not yet in the cache, same prompt, room in the cache) that chunk
/// is written first in the same pass (<see cref="ExecutorTransformer.ForwardChunkAfterCommit"/>); with
/// <paramref name="Write"/> the chunk itself is written afterwards (the σ = 0 re-run, <see cref="ExecutorTransformer.WriteChunk"/>).
/// </summary>
public sealed record PackedChunk(Tensor X, double Sigma, TextCondition Text, KvCache Cache, Tensor? Pending = null, bool Write = false);

public sealed partial class ExecutorTransformer
{
    /// <summary>Where a run of one video's token rows sits: in the video's rows (<paramref name="Start"/>, <paramref name="Length"/>),
    /// in its cache slot (the same offset) and how many slot tokens it attends to after the held ones; its modulations.</summary>
    private sealed record Segment(int Item, int Start, int Length, long SlotTokens, Tensor[] Mod);

    /// <summary>
    /// Several videos' chunk forwards in one pass (gradient-free): each video is a batch of one with its own cache, whose
    /// length and positions may differ from the others' (videos at different chunks of their streams, a chunk that
    /// writes a pending one first, a write), and its own prompt. Their token rows are packed into one sequence, so every
    /// linear layer, norm and MLP runs once for all of them; self-attention runs per video against that video's cache
    /// and cross-attention sees only the video's own prompt (a block-diagonal mask). So each velocity equals the
    /// video's own <see cref="ForwardChunk(Tensor, double, TextCondition, KvCache, bool)"/> (or
    /// <see cref="ForwardChunkAfterCommit"/>) up to float rounding, whatever shares the pass (a test checks it). On the
    /// CPU with <see cref="RowWorkers"/> 2 the rows are split over two cores as in the single forward: the first half
    /// of every video's rows on one, the second half on the other. Returns one velocity [1, C, 3, S, S] per item.
    /// </summary>
    /// <remarks>With gated adapters (<see cref="AdaptersGated"/>) <paramref name="adapted"/> says which items the
    /// adapters act on (the videos whose prompt switched at this chunk; never a write or a merged pending write): the
    /// others run the base weights. Then the items are two packed passes, the base items' and the adapted items', each
    /// equal to the items' own <see cref="ForwardChunk(Tensor, double, TextCondition, KvCache, IReadOnlyList{int}, Tensor?)"/>
    /// to float rounding. Ungated, <paramref name="adapted"/> changes nothing.</remarks>
    public Tensor[] ForwardPacked(IReadOnlyList<PackedChunk> items, IReadOnlyList<bool>? adapted = null)
    {
        if (items.Count == 0) throw new ArgumentException("nothing to forward");
        if (!AdaptersGated) return ForwardPackedNow(items);
        if (adapted is null) throw new InvalidOperationException("a packed forward of gated adapters needs the items the adapters act on (the videos whose prompt switched at this chunk)");
        if (adapted.Count != items.Count) throw new ArgumentException($"{adapted.Count} adapter flags for {items.Count} items");
        for (int i = 0; i < items.Count; i++)
            if (adapted[i] && (items[i].Write || items[i].Pending is not null))
                throw new ArgumentException($"item {i}: a cache write runs the base weights; the adapters act only on a switched chunk's denoising");
        var result = new Tensor[items.Count];
        foreach (bool on in new[] { false, true })
        {
            int[] part = [.. Enumerable.Range(0, items.Count).Where(i => adapted[i] == on)];
            if (part.Length == 0) continue;
            PackedChunk[] subset = [.. part.Select(i => items[i])];
            var v = on ? ForwardPackedNow(subset) : BaseWeights(() => ForwardPackedNow(subset));
            for (int k = 0; k < part.Length; k++) result[part[k]] = v[k];
        }
        return result;
    }

    private Tensor[] ForwardPackedNow(IReadOnlyList<PackedChunk> items)
    {
        using var _ = no_grad();
        int tpf = Config.TokensPerFrame;
        var tokens = new Tensor[items.Count];
        var cos = new Tensor[items.Count];
        var sin = new Tensor[items.Count];
        var firstHalf = new List<Segment>();
        var secondHalf = new List<Segment>();
        var offsets = new int[items.Count + 1];
        for (int i = 0; i < items.Count; i++)
        {
            var it = items[i];
            long c = it.X.shape[1];
            if (it.X.shape[0] != 1 || it.Cache.Batch != 1 || it.Text.Batch != 1)
                throw new ArgumentException($"item {i}: a packed forward takes videos of batch 1 (chunk {it.X.shape[0]}, cache {it.Cache.Batch}, text {it.Text.Batch})");
            if (it.Pending is not null && (it.Write || !CanMergeCommit(it.Cache)))
                throw new ArgumentException($"item {i}: a pending chunk is written with the next chunk only while the cache has room and the chunk itself is not a write");
            if (items.Take(i).Any(o => ReferenceEquals(o.Cache, it.Cache))) throw new ArgumentException($"item {i}: its cache is another item's");
            CheckFresh(it.Text);
            int tpc = (int)c * tpf, stored = it.Cache.StoredFrames;
            var mod = Modulations(full(1, it.Sigma, device: it.X.device), it.Sigma, it.Text);
            if (it.Pending is not null)
            {
                // Pending rows see the cache and themselves, current rows everything (as ForwardChunkAfterCommit).
                tokens[i] = cat([Embed(it.Pending), Embed(it.X)], 1);
                (cos[i], sin[i]) = Rope(arange(stored, stored + 2 * c, dtype: ScalarType.Float32, device: it.X.device));
                firstHalf.Add(new Segment(i, 0, tpc, tpc, Modulations(zeros(1, device: it.X.device), 0.0, it.Text)));
                secondHalf.Add(new Segment(i, tpc, tpc, 2 * tpc, mod));
            }
            else
            {
                tokens[i] = Embed(it.X);
                (cos[i], sin[i]) = Rope(arange(stored, stored + c, dtype: ScalarType.Float32, device: it.X.device));
                int half = tpc / 2;
                firstHalf.Add(new Segment(i, 0, half, tpc, mod));
                secondHalf.Add(new Segment(i, half, tpc - half, tpc, mod));
            }
            offsets[i + 1] = offsets[i] + (int)tokens[i].shape[1];
        }
        var first = items[0].X;
        var output = empty(1, offsets[^1], Config.Dim, dtype: first.dtype, device: first.device);
        if (SplitsRows(first))
        {
            using var barrier = new Barrier(2);
            PairRunner.Run(token => RunSegments(items, tokens, cos, sin, offsets, firstHalf, output, barrier, token),
                token => RunSegments(items, tokens, cos, sin, offsets, secondHalf, output, barrier, token));
        }
        else
            RunSegments(items, tokens, cos, sin, offsets, [.. firstHalf.Zip(secondHalf).SelectMany(p => new[] { p.First, p.Second })], output, null, default);

        // The head over every video's current rows at once, then one velocity per video.
        var current = new List<Tensor>(); var headMods = new List<Tensor>();
        for (int i = 0; i < items.Count; i++)
        {
            int tpc = (int)items[i].X.shape[1] * tpf;
            current.Add(output.narrow(1, offsets[i + 1] - tpc, tpc));
            headMods.Add(secondHalf[i].Mod[^1].expand(1, tpc, -1));
        }
        long frames = items.Sum(it => it.X.shape[1]);
        var x0 = Head(current.Count == 1 ? current[0] : cat(current, 1), cat(headMods, 1), 1, frames);
        var velocities = new Tensor[items.Count];
        long at = 0;
        for (int i = 0; i < items.Count; i++)
        {
            var it = items[i];
            long c = it.X.shape[1];
            velocities[i] = Velocity(it.X, x0.narrow(1, at, c), full(1, it.Sigma, device: it.X.device).view(1, 1, 1, 1, 1));
            at += c;
            if (it.Pending is not null) it.Cache.CommitChunk(it.Pending);
            else if (it.Write) it.Cache.CommitChunk(it.X);
        }
        return velocities;
    }

    /// <summary>The blocks over some segments of the packed videos (one part of a split, or all of them), writing their
    /// rows of <paramref name="output"/>. Every segment's keys go into its video's cache slot before any segment
    /// attends (across both parts when <paramref name="barrier"/> is given).</summary>
    private void RunSegments(IReadOnlyList<PackedChunk> items, Tensor[] tokens, Tensor[] cos, Tensor[] sin, int[] offsets,
        IReadOnlyList<Segment> segments, Tensor output, Barrier? barrier, CancellationToken token)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad(); // grad mode is per thread
        Tensor Pack(Func<Segment, Tensor> part, int dim) => segments.Count == 1 ? part(segments[0]) : cat(segments.Select(part).ToArray(), dim);
        var x = Pack(s => tokens[s.Item].narrow(1, s.Start, s.Length), 1);                          // [1, n, D]
        var cosP = Pack(s => cos[s.Item].narrow(2, s.Start, s.Length), 2);
        var sinP = Pack(s => sin[s.Item].narrow(2, s.Start, s.Length), 2);
        // Cross-attention: every video's prompt keys side by side, each row seeing its own video's valid tokens.
        var videos = segments.Select(s => s.Item).Distinct().ToArray();
        var textAt = new Dictionary<int, long>();
        long textLength = 0;
        foreach (var v in videos) { textAt[v] = textLength; textLength += items[v].Text.Mask.shape[^1]; }
        long rows = x.shape[1];
        var see = new bool[rows * textLength];
        var masks = videos.ToDictionary(v => v, v => items[v].Text.Mask.reshape(-1).cpu().data<bool>().ToArray());
        long row = 0;
        foreach (var s in segments)
            for (int r = 0; r < s.Length; r++, row++)
            {
                var m = masks[s.Item];
                for (int j = 0; j < m.Length; j++) see[row * textLength + textAt[s.Item] + j] = m[j];
            }
        var crossMask = tensor(see, new long[] { 1, 1, rows, textLength }, device: x.device);
        for (int i = 0; i < blocks.Count; i++)
        {
            int layer = i;
            var mod = Pack(s => s.Mod[layer].expand(1, s.Length, -1), 1);                          // [1, n, 6D]
            var crossK = videos.Length == 1 ? items[videos[0]].Text.CrossKv[i].K : cat(videos.Select(v => items[v].Text.CrossKv[i].K).ToArray(), 2);
            var crossV = videos.Length == 1 ? items[videos[0]].Text.CrossKv[i].V : cat(videos.Select(v => items[v].Text.CrossKv[i].V).ToArray(), 2);
            x = blocks[i].Forward(x, mod, 1, qkv =>
            {
                var qk = Rotate(qkv.narrow(0, 0, 2), cosP, sinP);
                long at = 0;
                foreach (var s in segments)
                {
                    items[s.Item].Cache.PutInSlot(layer, s.Start, qk[1].narrow(2, at, s.Length), qkv[2].narrow(2, at, s.Length));
                    at += s.Length;
                }
                barrier?.SignalAndWait(token);
                var parts = new Tensor[segments.Count];
                at = 0;
                for (int j = 0; j < segments.Count; j++)
                {
                    var s = segments[j];
                    var (keys, values) = items[s.Item].Cache.HeldAndSlot(layer, s.SlotTokens);
                    parts[j] = nn.functional.scaled_dot_product_attention(qk[0].narrow(2, at, s.Length), keys, values);
                    at += s.Length;
                }
                return parts.Length == 1 ? parts[0] : cat(parts, 2);
            }, crossK, crossV, crossMask);
        }
        long put = 0;
        foreach (var s in segments)
        {
            output.narrow(1, offsets[s.Item] + s.Start, s.Length).copy_(x.narrow(1, put, s.Length));
            put += s.Length;
        }
    }
}
