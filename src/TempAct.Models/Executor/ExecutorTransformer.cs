using System.Collections.Concurrent;
using TempAct.Models.Layers;
using TempAct.Models.Runtime;
using TempAct.Models.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TempAct.Models.Executor;

/// <summary>
/// The executor: a causal video DiT over 8×8 frame patches that predicts the flow-matching velocity v = ε − x0 of a
/// chunk of frames. The head is x0-parametrised (EDM-style preconditioning for rectified flow): the network outputs
/// D ≈ x0 and v = (x_σ − D)/σ, so x̂0 = x_σ − σ·v = D exactly — a v-head would have to copy the input noise through
/// the patch bottleneck to cancel it, and what it fails to copy stays in x̂0 as patch-shaped noise. Timestep (σ) and pooled text modulate every block (adaLN-zero); token-level text comes in by
/// cross-attention; RoPE over the frame index lets cached keys stay valid. Attention is block-causal: a chunk sees itself
/// and earlier clean frames. Two forwards share the blocks: <see cref="ForwardTeacherForced"/> (one masked pass over
/// [clean | noisy] chunks, for training) and <see cref="ForwardChunk"/> (one chunk against the <see cref="KvCache"/>,
/// for generation); they agree to float precision (a test checks 1e-5).
/// </summary>
public sealed partial class ExecutorTransformer : nn.Module
{
    private readonly Linear patch_embed, t_in, t_out, text_pool, final_mod, head;
    private readonly Parameter pos_embed;
    private readonly TextEncoder text;
    private readonly ModuleList<ExecutorBlock> blocks;
    private readonly LayerNorm norm_out;
    private readonly Tensor invFreq;
    // Teacher-forced masks per (frames, device): per model, since they depend on its tokens per chunk.
    private readonly ConcurrentDictionary<(int Frames, string Device), Tensor> masks = new();

    /// <summary>Builds the model with weights drawn from <paramref name="seed"/>.</summary>
    public ExecutorTransformer(ExecutorConfig config, WordTokenizer tokenizer, long seed = 0) : base(nameof(ExecutorTransformer))
    {
        config.Validate();
        if (tokenizer.Count != config.VocabSize) throw new ArgumentException($"tokenizer has {tokenizer.Count} tokens, config says {config.VocabSize}");
        Config = config;
        Tokenizer = tokenizer;
        var g = new Generator(seed: (ulong)seed);
        int d = config.Dim;
        patch_embed = ExecutorInit.Linear(config.PatchDim, d, g);
        pos_embed = nn.Parameter(randn(new long[] { config.TokensPerFrame, d }, generator: g) * 0.02);
        t_in = ExecutorInit.Linear(256, d, g);
        t_out = ExecutorInit.Linear(d, d, g);
        text = new TextEncoder(config, g);
        text_pool = ExecutorInit.Linear(d, d, g);
        blocks = new ModuleList<ExecutorBlock>(Enumerable.Range(0, config.Layers).Select(_ => new ExecutorBlock(config, g)).ToArray());
        norm_out = nn.LayerNorm(d, elementwise_affine: false);
        final_mod = ExecutorInit.Linear(d, 2 * d, g, zero: true);
        head = ExecutorInit.Linear(d, config.PatchDim, g, zero: true);
        int hd = d / config.Heads;
        invFreq = KvCache.RopeFrequencies(config).DetachFromDisposeScope();
        RegisterComponents();
    }

    /// <summary>The model's shape.</summary>
    public ExecutorConfig Config { get; }

    /// <summary>The text encoder's vocabulary.</summary>
    public WordTokenizer Tokenizer { get; }

    /// <summary>The device the parameters live on.</summary>
    public Device Device => patch_embed.weight!.device;

    /// <summary>Counts weight changes announced by <see cref="MarkWeightsChanged"/>; every <see cref="TextCondition"/>
    /// records the version it was encoded under and a forward refuses an older one (its encoding and memoised
    /// modulations belong to the old weights).</summary>
    public long WeightsVersion { get; private set; }

    /// <summary>Announces that the weights changed (an optimizer step, loaded or swapped adapters): text conditions
    /// encoded before are refused from now on.</summary>
    public void MarkWeightsChanged() => WeightsVersion++;

    private void CheckFresh(TextCondition text)
    {
        if (text.WeightsVersion != WeightsVersion)
            throw new InvalidOperationException($"text condition encoded under weights version {text.WeightsVersion}, the model is at {WeightsVersion}: encode the prompts again");
    }

    // ---------------------------------------------------------------- text

    /// <summary>Token ids of a prompt; an unknown word, an empty prompt or one longer than MaxTextTokens is a
    /// <see cref="PromptException"/> naming the problem.</summary>
    public int[] Tokenize(string prompt) => PromptReader.Read(Tokenizer, prompt, Config.MaxTextTokens);

    /// <summary>True when every prompt is one this executor can read (<see cref="Tokenize"/> throws
    /// <see cref="PromptException"/> for none of them).</summary>
    public bool CanRead(IEnumerable<string> prompts)
    {
        try { foreach (var p in prompts.Distinct()) Tokenize(p); return true; }
        catch (PromptException) { return false; }
    }

    /// <summary>Encodes a batch of prompts (one per video). Inside a dispose scope the result dies with it unless the
    /// caller keeps it (<c>EncodeText(...)</c> outside any scope, or with gradients during training).</summary>
    public TextCondition EncodeText(IReadOnlyList<string> prompts) => Ungated(() => EncodeTextNow(prompts));

    private TextCondition EncodeTextNow(IReadOnlyList<string> prompts)
    {
        var ids = prompts.Select(Tokenize).ToArray();
        int l = ids.Max(x => x.Length), b = ids.Length;
        var flat = new long[b * l];
        var valid = new bool[b * l];
        for (int i = 0; i < b; i++)
            for (int j = 0; j < ids[i].Length; j++) { flat[i * l + j] = ids[i][j]; valid[i * l + j] = true; }
        var device = Device;
        using var scope = NewDisposeScope();
        var idsT = tensor(flat, new long[] { b, l }, device: device);
        var maskT = tensor(valid, new long[] { b, l }, device: device);
        var states = text.forward(idsT, maskT);                                                    // [B, L, D]
        var m = maskT.unsqueeze(-1).to_type(states.dtype);
        var pooled = text_pool.forward((states * m).sum(1) / m.sum(1));                            // [B, D]
        var crossKv = blocks.Select(blk => blk.CrossKv(states)).ToArray();
        var result = new TextCondition(prompts, pooled, maskT.view(b, 1, 1, l), crossKv, WeightsVersion);
        result.Pooled.MoveToOuterDisposeScope();
        result.Mask.MoveToOuterDisposeScope();
        foreach (var (k, v) in crossKv) { k.MoveToOuterDisposeScope(); v.MoveToOuterDisposeScope(); }
        return result;
    }

    // ---------------------------------------------------------------- forwards

    /// <summary>
    /// Velocity of one chunk x [B, C, 3, S, S] at noise level σ [B] against the cache. With <paramref name="write"/> the
    /// chunk's keys/values enter the cache afterwards (call it with the clean chunk at σ = 0: Self-Forcing's re-run);
    /// writes run without gradients.
    /// </summary>
    public Tensor ForwardChunk(Tensor x, Tensor sigma, TextCondition text, KvCache cache, bool write = false) =>
        ForwardChunk(x, sigma, null, text, cache, write);

    /// <summary>The same at one σ for the whole batch (the sampler's case): without gradients the modulation of this σ
    /// and prompt is computed once and kept in <paramref name="text"/>.</summary>
    public Tensor ForwardChunk(Tensor x, double sigma, TextCondition text, KvCache cache, bool write = false) =>
        ForwardChunk(x, full(x.shape[0], sigma, device: x.device), sigma, text, cache, write);

    private Tensor ForwardChunk(Tensor x, Tensor sigma, double? sigmaValue, TextCondition text, KvCache cache, bool write)
    {
        if (write && is_grad_enabled()) { using var _ = no_grad(); return ForwardChunk(x, sigma, sigmaValue, text, cache, write); }
        if (write && AdaptersGated) return BaseWeights(() => ForwardChunkNow(x, sigma, sigmaValue, text, cache, write));
        return ForwardChunkNow(x, sigma, sigmaValue, text, cache, write);
    }

    /// <summary>
    /// A denoising forward (no write) with the adapters acting on rows <paramref name="adapterRows"/> only, when they
    /// are gated (<see cref="AdaptersGated"/>): the other rows get the base weights' velocity. The rows are the videos
    /// whose prompt switched at this chunk. Ungated, the same as the forward without the rows. With gradients only the
    /// adapted rows carry them. The result equals the whole batch's forward with the adapters on or off row by row, up
    /// to float rounding of the smaller batch. A caller that already has the base weights' velocity of
    /// <paramref name="x"/> (RL's reference forward) passes it as <paramref name="baseVelocity"/>, so it is not computed
    /// twice.
    /// </summary>
    public Tensor ForwardChunk(Tensor x, double sigma, TextCondition text, KvCache cache, IReadOnlyList<int> adapterRows, Tensor? baseVelocity = null)
    {
        if (!AdaptersGated) return ForwardChunk(x, sigma, text, cache);
        long b = x.shape[0];
        if (adapterRows.Any(r => r < 0 || r >= b)) throw new ArgumentOutOfRangeException(nameof(adapterRows), $"a row outside the batch of {b}");
        if (adapterRows.Count == 0) return baseVelocity ?? BaseWeights(() => ForwardChunk(x, sigma, text, cache));
        if (adapterRows.Distinct().Count() == b) return ForwardChunk(x, sigma, text, cache);
        using var scope = NewDisposeScope();
        Tensor base_;
        if (baseVelocity is not null) base_ = baseVelocity.detach();
        else using (no_grad()) base_ = BaseWeights(() => ForwardChunk(x, sigma, text, cache));
        using var index = tensor(adapterRows.Select(r => (long)r).ToArray(), device: x.device);
        using var partText = text.Select(adapterRows);
        using var partCache = cache.Select(adapterRows);
        var adapted = ForwardChunk(x.index_select(0, index), sigma, partText, partCache);
        return base_.index_copy(0, index, adapted).MoveToOuterDisposeScope();
    }

    private Tensor ForwardChunkNow(Tensor x, Tensor sigma, double? sigmaValue, TextCondition text, KvCache cache, bool write)
    {
        long b = x.shape[0], c = x.shape[1];
        if (cache.Batch != b || text.Batch != b) throw new ArgumentException($"batch: chunk {b}, cache {cache.Batch}, text {text.Batch}");
        CheckFresh(text);
        var tokens = Embed(x);                                                                     // [B, c·T, D]
        var mod = Modulations(sigma, sigmaValue, text);                                            // per block [B, 1, 6D], head [B, 1, 2D]
        int stored = cache.StoredFrames;
        // The chunk's queries and keys are rotated at positions stored..stored+c−1; cached keys are already rotated.
        var (cosQ, sinQ) = Rope(arange(stored, stored + c, dtype: ScalarType.Float32, device: x.device));
        if (SplitsRows(x))
        {
            long n = tokens.shape[1], half = n / 2;
            tokens = ForwardSplit(text, cache,
                new RowPart(tokens.narrow(1, 0, half), mod, cosQ.narrow(2, 0, half), sinQ.narrow(2, 0, half), 0, n),
                new RowPart(tokens.narrow(1, half, n - half), mod, cosQ.narrow(2, half, n - half), sinQ.narrow(2, half, n - half), half, n));
        }
        else
            for (int i = 0; i < blocks.Count; i++)
            {
                int layer = i;
                var input = tokens;
                tokens = Block(() => blocks[layer].Forward(input, mod[layer], (int)input.shape[1], qkv =>
                {
                    var qk = Rotate(qkv.narrow(0, 0, 2), cosQ, sinQ);
                    var (keys, values) = cache.Attend(layer, qk[1], qkv[2], write);
                    return nn.functional.scaled_dot_product_attention(qk[0], keys, values);
                }, text.CrossKv[layer].K, text.CrossKv[layer].V, text.Mask));
            }
        var x0 = Head(tokens, mod[^1], (int)tokens.shape[1], c);
        if (write) cache.CommitChunk(x);
        return Velocity(x, x0, sigma.view(b, 1, 1, 1, 1));
    }

    /// <summary>True when <see cref="ForwardChunkAfterCommit"/> may merge a pending write: the cache has room for the
    /// pending chunk without sliding (a slide would change what the current chunk sees).</summary>
    public bool CanMergeCommit(KvCache cache) => cache.StoredFrames + Config.ChunkFrames <= Config.CacheFrames;

    /// <summary>
    /// One pass that first writes a clean chunk <paramref name="pending"/> into the cache (the σ = 0 re-run) and
    /// predicts the velocity of the current chunk <paramref name="x"/> at σ — the same as <see cref="WriteChunk"/>
    /// followed by <see cref="ForwardChunk"/> (a test checks it), but one 96-token forward instead of two of 48, which
    /// is what the time to first chunk pays for the context chunk. Both under <paramref name="text"/>; only while
    /// <see cref="CanMergeCommit"/>; no gradients.
    /// </summary>
    public Tensor ForwardChunkAfterCommit(Tensor pending, Tensor x, double sigma, TextCondition text, KvCache cache) =>
        Ungated(() => ForwardChunkAfterCommitNow(pending, x, sigma, text, cache));

    private Tensor ForwardChunkAfterCommitNow(Tensor pending, Tensor x, double sigma, TextCondition text, KvCache cache)
    {
        if (!CanMergeCommit(cache)) throw new InvalidOperationException("the cache would slide: write the pending chunk first");
        using var _ = no_grad();
        CheckFresh(text);
        long b = x.shape[0], c = x.shape[1];
        int tpc = (int)c * Config.TokensPerFrame, stored = cache.StoredFrames;
        var tokens = cat([Embed(pending), Embed(x)], 1);                                            // [B, 2·c·T, D]
        var sigmas = full(b, sigma, device: x.device);
        var modPending = Modulations(zeros_like(sigmas), 0.0, text);
        var modCurrent = Modulations(sigmas, sigma, text);
        var (cos, sin) = Rope(arange(stored, stored + 2 * c, dtype: ScalarType.Float32, device: x.device));
        if (SplitsRows(x))
            // Pending rows see the cache and themselves, current rows everything: each part attends to a prefix.
            tokens = ForwardSplit(text, cache,
                new RowPart(tokens.narrow(1, 0, tpc), modPending, cos.narrow(2, 0, tpc), sin.narrow(2, 0, tpc), 0, tpc),
                new RowPart(tokens.narrow(1, tpc, tpc), modCurrent, cos.narrow(2, tpc, tpc), sin.narrow(2, tpc, tpc), tpc, 2 * tpc));
        else
        {
            // The same in one pass: a mask hides the current rows from the pending ones.
            var mask = ones(new long[] { 2 * tpc, stored * Config.TokensPerFrame + 2 * tpc }, dtype: ScalarType.Bool, device: x.device);
            mask.narrow(0, 0, tpc).narrow(1, stored * Config.TokensPerFrame + tpc, tpc).fill_(false);
            for (int i = 0; i < blocks.Count; i++)
            {
                int layer = i;
                var input = tokens;
                tokens = Block(() => blocks[layer].Forward(input, cat([modPending[layer], modCurrent[layer]], 1), tpc, qkv =>
                {
                    var qk = Rotate(qkv.narrow(0, 0, 2), cos, sin);
                    var (keys, values) = cache.Attend(layer, qk[1], qkv[2], write: true);
                    return nn.functional.scaled_dot_product_attention(qk[0], keys, values, attn_mask: mask);
                }, text.CrossKv[layer].K, text.CrossKv[layer].V, text.Mask));
            }
        }
        var x0 = Head(tokens.narrow(1, tpc, tpc), modCurrent[^1], tpc, c);
        cache.CommitChunk(pending);
        return Velocity(x, x0, sigmas.view(b, 1, 1, 1, 1));
    }

    /// <summary>
    /// One block of a cached chunk forward. Without gradients its intermediates (attention scores, the MLP's 4·D
    /// activations, the cross-attention) are freed the moment it returns and only its output is kept, so a forward's
    /// peak memory is one block's rather than all six blocks' — at eval's batches (hundreds of videos) that is gigabytes
    /// (a dispose scope otherwise frees them only when the caller's scope ends). The same ops in the same order: the
    /// result is bit for bit the same. With gradients everything stays (the backward pass needs it).
    /// </summary>
    private static Tensor Block(Func<Tensor> forward)
    {
        if (is_grad_enabled()) return forward();
        using var scope = NewDisposeScope();
        return forward().MoveToOuterDisposeScope();
    }

    // ---------------------------------------------------------------- two cores, one forward

    /// <summary>
    /// Threads a gradient-free chunk forward on the CPU splits its token rows over: 1 (libtorch's own intra-op threads)
    /// or 2 (half the rows each on the calling thread and a helper, meeting once a block where attention needs every
    /// row's keys — with one intra-op thread, what the two-core machine's small forwards run fastest on). Set by
    /// <see cref="VideoGenerator"/> for small batches; results equal the unsplit forward to float rounding.
    /// </summary>
    public int RowWorkers
    {
        get => rowWorkers;
        set => rowWorkers = value is 1 or 2 ? value : throw new ArgumentOutOfRangeException(nameof(value), "RowWorkers is 1 or 2");
    }
    private int rowWorkers = 1;

    private bool SplitsRows(Tensor x) => rowWorkers == 2 && x.device.type == DeviceType.CPU && !is_grad_enabled();

    /// <summary>One part of a row-split forward: its token rows [B, n, D], per-block modulations, rotation tables, where in
    /// the cache slot its keys go and how many slot tokens it attends to (after the held ones).</summary>
    private sealed record RowPart(Tensor Tokens, Tensor[] Mod, Tensor Cos, Tensor Sin, long SlotOffset, long SlotTokens);

    /// <summary>Runs the blocks over two row parts at once (<see cref="PairRunner"/>); both write their keys/values into
    /// the cache slot, meet, then attend. Returns the parts' outputs concatenated [B, n₁ + n₂, D].</summary>
    private Tensor ForwardSplit(TextCondition text, KvCache cache, RowPart first, RowPart second)
    {
        long rows = first.Tokens.shape[1];
        // Allocated here and filled by both: no tensor changes owner between threads (dispose scopes are per thread).
        var output = empty(first.Tokens.shape[0], rows + second.Tokens.shape[1], first.Tokens.shape[2], dtype: first.Tokens.dtype, device: first.Tokens.device);
        using var barrier = new Barrier(2);
        Action<CancellationToken> Body(RowPart part, long at) => token =>
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad(); // grad mode is per thread
            var t = part.Tokens;
            for (int i = 0; i < blocks.Count; i++)
            {
                int layer = i;
                t = blocks[i].Forward(t, part.Mod[i], (int)t.shape[1], qkv =>
                {
                    var qk = Rotate(qkv.narrow(0, 0, 2), part.Cos, part.Sin);
                    cache.PutInSlot(layer, part.SlotOffset, qk[1], qkv[2]);
                    barrier.SignalAndWait(token); // every row's keys are in before either part attends
                    var (keys, values) = cache.HeldAndSlot(layer, part.SlotTokens);
                    return nn.functional.scaled_dot_product_attention(qk[0], keys, values);
                }, text.CrossKv[i].K, text.CrossKv[i].V, text.Mask);
            }
            output.narrow(1, at, t.shape[1]).copy_(t);
        };
        PairRunner.Run(Body(first, 0), Body(second, rows));
        return output;
    }

    /// <summary>
    /// Training forward: velocities [B, T, 3, S, S] of the noisy frames, where noisy chunk i (noise level σ [B, T/C])
    /// sees clean chunks &lt; i and itself and clean chunk i sees clean chunks ≤ i — what the cache shows at inference.
    /// </summary>
    public Tensor ForwardTeacherForced(Tensor clean, Tensor noisy, Tensor sigmas, TextCondition text)
    {
        long b = clean.shape[0], frames = clean.shape[1];
        int cf = Config.ChunkFrames, chunks = (int)(frames / cf), perChunk = Config.TokensPerChunk;
        if (frames % cf != 0) throw new ArgumentException($"{frames} frames is not a whole number of {cf}-frame chunks");
        CheckFresh(text);
        var tokens = cat([Embed(clean), Embed(noisy)], 1);                                          // [B, 2N, D]
        var allSigmas = cat([zeros_like(sigmas), sigmas], 1);                                     // [B, 2C]
        var mod = Modulate(TimeEmbedding(allSigmas.reshape(-1)).view(b, 2 * chunks, -1) + text.Pooled.unsqueeze(1)); // cond [B, 2C, D]
        var framePos = arange(0, frames, dtype: ScalarType.Float32, device: clean.device);
        var (cos, sin) = Rope(cat([framePos, framePos]));
        var mask = BlockCausalMask((int)frames, clean.device);
        for (int i = 0; i < blocks.Count; i++)
            tokens = blocks[i].Forward(tokens, mod[i], perChunk, qkv =>
            {
                var qk = Rotate(qkv.narrow(0, 0, 2), cos, sin).to_type(qkv.dtype);
                return nn.functional.scaled_dot_product_attention(qk[0], qk[1], qkv[2], attn_mask: mask);
            }, text.CrossKv[i].K, text.CrossKv[i].V, text.Mask);
        long n = frames * Config.TokensPerFrame;
        var x0 = Head(tokens.narrow(1, n, n), mod[^1].narrow(1, chunks, chunks), perChunk, (int)frames);
        return Velocity(noisy, x0, sigmas.repeat_interleave(cf, dim: 1).view(b, frames, 1, 1, 1));
    }

    /// <summary>Writes a clean chunk's keys/values into the cache (the t = 0 re-run).</summary>
    public void WriteChunk(Tensor clean, TextCondition text, KvCache cache)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        ForwardChunk(clean, 0.0, text, cache, write: true);
    }

    /// <summary>LongLive's re-cache: re-encodes the frames the cache holds, chunk by chunk, under a new prompt, so the
    /// cache equals one built from scratch from those frames under that prompt.</summary>
    public void Recache(KvCache cache, TextCondition text)
    {
        long written = cache.FramesWritten;
        using var held = cache.ResetForRecache();
        int cf = Config.ChunkFrames;
        for (int f = 0; f < held.shape[1]; f += cf) WriteChunk(held.narrow(1, f, cf), text, cache);
        cache.RestoreFramesWritten(written);
    }

    // ---------------------------------------------------------------- pieces

    /// <summary>Smallest σ divided by: at σ = 0 (the cache write) the velocity is not used.</summary>
    public const double MinSigma = 1e-3;

    private static Tensor Velocity(Tensor x, Tensor x0, Tensor sigma) => (x - x0) / sigma.to_type(x.dtype).clamp_min(KeptMinSigma);

    private static readonly Scalar KeptMinSigma = MinSigma.ToScalar();

    private Tensor Embed(Tensor x)
    {
        long b = x.shape[0], t = x.shape[1];
        int p = Config.PatchSize, g = Config.FrameSize / p;
        var patches = x.reshape(b, t, 3, g, p, g, p).permute(0, 1, 3, 5, 2, 4, 6).reshape(b, t, g * g, 3 * p * p);
        return patch_embed.forward(patches).Plus(pos_embed!).reshape(b, t * g * g, Config.Dim);
    }

    private Tensor Head(Tensor tokens, Tensor headMod, int group, long frames)
    {
        var mod = PerToken(headMod, group).chunk(2, dim: -1);
        var y = head.forward(norm_out.forward(tokens).mul(mod[1].PlusOne()).Plus(mod[0]));       // [B, N, 3·p·p]
        long b = y.shape[0];
        int p = Config.PatchSize, g = Config.FrameSize / p;
        return y.reshape(b, frames, g, g, 3, p, p).permute(0, 1, 4, 2, 5, 3, 6).reshape(b, frames, 3, Config.FrameSize, Config.FrameSize);
    }

    /// <summary>Every block's modulation [B, G, 6D] and the head's [B, G, 2D] of the conditioning cond [B, G, D].</summary>
    private Tensor[] Modulate(Tensor cond)
    {
        var s = nn.functional.silu(cond);
        return [.. blocks.Select(blk => blk.Modulation(s)), final_mod.forward(s)];
    }

    /// <summary>
    /// The modulations of a chunk forward at σ [B] under <paramref name="text"/>: with one σ for the batch and no
    /// gradients, memoised in the text condition (it depends on σ, the prompt and the weights alone; during sampling the
    /// same four σ recur for every chunk, and the modulation matrices are a fifth of the weights a forward reads).
    /// </summary>
    private Tensor[] Modulations(Tensor sigma, double? sigmaValue, TextCondition text)
    {
        if (sigmaValue is not double value || is_grad_enabled())
            return Modulate(TimeEmbedding(sigma).Plus(text.Pooled).unsqueeze(1));
        int adapters = 0;
        for (int i = 0; i < blocks.Count; i++) if (blocks[i].ModulationAdapterActive) adapters |= 1 << i;
        if (text.TryMemoised((value, adapters), out var found)) return found;
        // A miss fills in every σ a generation meets (the write's 0 and the sampler's four) in one batched pass: each
        // modulation matrix is read once instead of once per σ, which is most of their cost at batch 1.
        double[] wanted = [.. new[] { 0.0, value }.Concat(FlowSchedule.SamplerSigmas(Config.Shift)).Distinct()];
        long b = text.Batch;
        var sigmas = tensor(wanted.Select(x => (float)x).ToArray(), device: text.Pooled.device);
        var cond = TimeEmbedding(sigmas).unsqueeze(0) + text.Pooled.unsqueeze(1);                  // [B, σ's, D]
        var all = Modulate(cond);
        for (int j = 0; j < wanted.Length; j++)
            text.Memoise((wanted[j], adapters), [.. all.Select(m => m.narrow(1, j, 1).contiguous())]);
        text.TryMemoised((value, adapters), out found);
        return found!;
    }

    /// <summary>Sinusoidal embedding of σ·1000 (DiT's frequency embedding) through a two-layer MLP: [B] → [B, D].</summary>
    private Tensor TimeEmbedding(Tensor sigma)
    {
        const int half = 128;
        var freqs = exp(-Math.Log(10000) * arange(0, half, dtype: ScalarType.Float32, device: sigma.device) / half);
        var args = (sigma.to_type(ScalarType.Float32) * 1000).unsqueeze(1) * freqs.unsqueeze(0);
        var emb = cat([cos(args), sin(args)], 1);
        return t_out.forward(nn.functional.silu(t_in.forward(emb)));
    }

    /// <summary>Rotation tables [1, 1, N·T, hd] for frame positions [N] (every token of a frame shares its index).</summary>
    private (Tensor Cos, Tensor Sin) Rope(Tensor framePositions)
    {
        var freq = invFreq.to(framePositions.device);
        var angles = framePositions.repeat_interleave(Config.TokensPerFrame).unsqueeze(1) * freq.unsqueeze(0);
        var (cosT, sinT) = RotationTables(angles);
        return (cosT.unsqueeze(0).unsqueeze(0), sinT.unsqueeze(0).unsqueeze(0));
    }

    /// <summary>Full-width tables of angles [..., hd/2] for <see cref="Rotate"/>: ([cos, cos], [−sin, sin]).</summary>
    public static (Tensor Cos, Tensor Sin) RotationTables(Tensor angles)
    {
        var s = angles.sin();
        return (cat([angles.cos(), angles.cos()], -1), cat([-s, s], -1));
    }

    /// <summary>RoPE (half-split) of x [..., hd] with tables from <see cref="RotationTables"/> that broadcast to it:
    /// [x1, x2] → [x1·cos − x2·sin, x2·cos + x1·sin], as x·[cos, cos] + [x2, x1]·[−sin, sin] (four ops, not nine).</summary>
    public static Tensor Rotate(Tensor x, Tensor cos, Tensor sin)
    {
        int last = (int)x.dim() - 1;
        long half = x.shape[last] / 2;
        return (x * cos).Plus(cat([x.narrow(last, half, half), x.narrow(last, 0, half)], last) * sin);
    }

    /// <summary>[G, D'] per chunk → [N, D'] per token: each chunk's row repeated for its <paramref name="group"/> tokens.</summary>
    internal static Tensor PerToken(Tensor perChunk, int group)
    {
        long b = perChunk.shape[0], g = perChunk.shape[1], d = perChunk.shape[2];
        return g == 1 ? perChunk : perChunk.unsqueeze(2).expand(b, g, group, d).reshape(b, g * group, d);
    }

    /// <summary>The teacher-forced mask (<see cref="TeacherForcedMask"/>), kept per length and device by this model.</summary>
    private Tensor BlockCausalMask(int frames, Device device) =>
        masks.GetOrAdd((frames, device.ToString()), _ => TeacherForcedMask.Build(Config, frames, device).DetachFromDisposeScope());

    // ---------------------------------------------------------------- precision

    /// <summary>
    /// Mixed precision for the teacher-forced (training) forward on CUDA: the blocks' linear layers and attention run in
    /// <paramref name="type"/> (bf16) on casts of the fp32 weights, while norms, modulation arithmetic, the residual
    /// stream, the head and the loss stay fp32 (what torch.autocast would do). Null restores fp32. Generation with a
    /// cache stays fp32.
    /// </summary>
    public void SetComputeType(ScalarType? type) { foreach (var l in LoraLayers()) l.ComputeType = type; }

    // ---------------------------------------------------------------- LoRA

    /// <summary>All LoRA-carrying layers.</summary>
    public IEnumerable<LoraLinear> LoraLayers() => blocks.SelectMany(b => b.LoraLayers());

    /// <summary>Switches every adapter on or off; off gives exactly the base (reference) model.</summary>
    public void SetAdaptersEnabled(bool enabled) { foreach (var l in LoraLayers()) l.AdaptersEnabled = enabled; }

    /// <summary>Which forwards the adapters act on (<see cref="Executor.AdapterChunks"/>); set by whoever loads adapters
    /// (RL from its config, a TempAct folder from its manifest). <see cref="Executor.AdapterChunks.All"/> by default.</summary>
    public AdapterChunks AdapterChunks { get; set; } = AdapterChunks.All;

    /// <summary>True when adapters exist and act only on the chunks after a switch (<see cref="ForwardChunk(Tensor, double, TextCondition, KvCache, IReadOnlyList{int})"/>).</summary>
    public bool AdaptersGated => AdapterChunks == AdapterChunks.Switch && Config.LoraRank > 0;

    /// <summary>Runs <paramref name="forward"/> with every adapter off, then restores each layer's state.</summary>
    private T BaseWeights<T>(Func<T> forward)
    {
        var layers = LoraLayers().ToArray();
        var was = layers.Select(l => l.AdaptersEnabled).ToArray();
        foreach (var l in layers) l.AdaptersEnabled = false;
        try { return forward(); }
        finally { for (int i = 0; i < layers.Length; i++) layers[i].AdaptersEnabled = was[i]; }
    }

    /// <summary>Runs <paramref name="forward"/> on the base weights when the adapters are gated (text encodings, cache
    /// writes and re-caches never carry them then), else as is.</summary>
    private T Ungated<T>(Func<T> forward) => AdaptersGated ? BaseWeights(forward) : forward();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var m in masks.Values) m.Dispose();
            masks.Clear();
        }
        base.Dispose(disposing);
    }
}
