using TempAct.Models.Executor;
using TempAct.Tests.Precision;
using static TempAct.Tests.Executor.ExecutorFixtures;
using static TorchSharp.torch;

namespace TempAct.Tests.Executor;

[Collection(TorchCollection.Name)]
public sealed class RolloutTests
{
    private const string PromptA = "red circle moves right", PromptB = "red circle turns blue", PromptC = "green square jumps";

    [Fact]
    public void Branches_ShareThePrefixCacheBitForBit_AndDifferAfterTheBranchPoint()
    {
        using var scope = NewDisposeScope();
        var config = Tiny(window: 12); // sink 3 + window 12: nothing slides in this test
        using var model = Perturbed(config, 101);
        using var prefix = new Rollout(model, new NoiseStreams([7L], CPU), SwitchMode.None);
        prefix.Begin([PromptA], Frames(1, 3, 102));
        prefix.Step([PromptA]);
        prefix.Step([PromptA]);
        using var branches = prefix.Branch(3);
        Assert.Equal(3, branches.Batch);
        Assert.Equal(9, branches.Cache.StoredFrames); // context + 2 chunks, the last written by Branch
        AssertRowsShare(prefix.Cache, branches.Cache, 9, "right after the branch");

        var chunkB = branches.Step([PromptB, PromptB, PromptB]);
        branches.Step([PromptB, PromptB, PromptB]);
        for (int i = 0; i < 3; i++)
            for (int j = i + 1; j < 3; j++)
                Assert.True(MaxDiff(chunkB[i], chunkB[j]) > 1e-2, $"branches {i} and {j} drew the same chunk b");
        // A chunk later (chunk b written lazily by the second step) the prefix part of every branch's cache is still
        // the shared one, bit for bit.
        AssertRowsShare(prefix.Cache, branches.Cache, 9, "after two more chunks");
        Assert.Equal(12, branches.Cache.StoredFrames);
        var (keys, _) = branches.Cache.Held(0);
        long prefixTokens = 9 * config.TokensPerFrame;
        var after = keys.narrow(2, prefixTokens, keys.shape[2] - prefixTokens);
        Assert.True(MaxDiff(after[0], after[1]) > 1e-3, "the branches' own chunks must differ in the cache");
    }

    [Fact]
    public void Rekey_RowsSharingAChunksKey_GiveThatChunkBitForBit_AndFreshKeysMakeThemDifferAgain()
    {
        using var scope = NewDisposeScope();
        var config = Tiny(window: 12);
        using var model = Perturbed(config, 161);
        foreach (var mode in new[] { SwitchMode.None, SwitchMode.Recache })
        {
            // Four rows with identical inputs: one context, one prefix chunk (shared through Branch), then a switch.
            using var prefix = new Rollout(model, new NoiseStreams([17L], CPU), mode);
            prefix.Begin([PromptA], Frames(1, 3, 162));
            prefix.Step([PromptA]);
            using var rows = prefix.Branch(4);
            string[] b = [PromptB, PromptB, PromptB, PromptB];

            // Chunk b: rows 0–2 share one key, row 3 its own. The shared rows' chunk is the same bits.
            rows.Rekey([99L, 99L, 99L, 5L]);
            var chunkB = rows.Step(b);
            for (int i = 1; i < 3; i++) Assert.True(MaxDiff(chunkB[0], chunkB[i]) == 0, $"{mode}: rows 0 and {i} shared chunk b's noise, yet differ");
            Assert.True(MaxDiff(chunkB[0], chunkB[3]) > 1e-2, $"{mode}: row 3 drew its own noise, yet matches");

            // Chunk b + 1: fresh keys for rows 0 and 1, row 2 keeps row 0's old key → rows 0, 1 differ though chunk b matched.
            rows.Rekey([1L, 2L, 99L, 5L]);
            var next = rows.Step(b);
            Assert.True(MaxDiff(next[0], next[1]) > 1e-2, $"{mode}: fresh keys after a shared chunk must differ");

            // The draw count goes on: a row rekeyed to key K draws what a stream keyed K draws at that chunk.
            using var alone = new Rollout(model, new NoiseStreams([17L], CPU), mode);
            alone.Begin([PromptA], Frames(1, 3, 162));
            alone.Step([PromptA]);
            alone.Rekey([99L]);
            Close.Tensors(chunkB[0].unsqueeze(0), alone.Step([PromptB]), Close.Chained, $"{mode}: rekeyed row vs a rollout rekeyed alone");
            Assert.Throws<ArgumentException>(() => rows.Rekey([1L]));
        }
    }

    [Fact]
    public void AVideosFrames_DoNotDependOnItsBatch()
    {
        using var scope = NewDisposeScope();
        var config = Tiny(window: 6);
        using var model = Perturbed(config, 111);
        foreach (var mode in new[] { SwitchMode.None, SwitchMode.Recache })
        {
            // Video A alone, then as row 1 of a batch whose other videos switch at other chunks (so merged writes,
            // re-encodes and re-caches happen on other schedules around it). Same stream key, same context.
            string[][] planA = [[PromptA], [PromptA], [PromptB], [PromptB], [PromptC]];
            var contextA = Frames(1, 3, 112);
            var alone = Generate(model, mode, [31L], contextA, planA);
            string[][] batchPlan = [[PromptC, PromptA, PromptB], [PromptB, PromptA, PromptB], [PromptB, PromptB, PromptA], [PromptA, PromptB, PromptA], [PromptA, PromptC, PromptC]];
            var inBatch = Generate(model, mode, [5L, 31L, 9L], cat([Frames(1, 3, 113), contextA, Frames(1, 3, 114)], 0), batchPlan);
            Close.Tensors(alone[0], inBatch[1], Close.Chained, $"{mode}: video A alone vs inside a batch");
            Assert.True(MaxDiff(inBatch[0], inBatch[1]) > 1e-2, "the batch's videos must differ, else the check proves nothing");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void StepTogether_GivesEachStreamTheChunksItGetsAlone_AtDifferentPositionsAndPrompts(int rowWorkers)
    {
        using var scope = NewDisposeScope();
        var config = Tiny(window: 6); // sink 3 + window 6: the caches slide, and merged writes stop once a cache is full
        using var model = Perturbed(config, 141);
        model.RowWorkers = rowWorkers;
        foreach (var mode in new[] { SwitchMode.None, SwitchMode.Recache })
        {
            // Three streams: A has made 3 chunks alone, B 1, C none yet; then 5 chunks together, each switching prompt
            // at its own chunks (re-encodes and re-caches on other schedules around the others).
            string[][] plans =
            [
                [PromptA, PromptA, PromptA, PromptA, PromptB, PromptB, PromptC, PromptC],
                [PromptB, PromptB, PromptA, PromptA, PromptA, PromptC],
                [PromptC, PromptA, PromptA, PromptB, PromptB],
            ];
            int[] before = [3, 1, 0];
            long[] keys = [31L, 5L, 9L];
            var contexts = new[] { Frames(1, 3, 142), Frames(1, 3, 143), Frames(1, 3, 144) };
            var alone = Enumerable.Range(0, 3).Select(i => Generate(model, mode, [keys[i]], contexts[i], [.. plans[i].Select(p => new[] { p })])).ToArray();

            var rollouts = Enumerable.Range(0, 3).Select(i => new Rollout(model, new NoiseStreams([keys[i]], CPU), mode)).ToArray();
            try
            {
                var made = Enumerable.Range(0, 3).Select(_ => new List<Tensor>()).ToArray();
                for (int i = 0; i < 3; i++)
                {
                    rollouts[i].Begin([plans[i][0]], contexts[i]);
                    for (int c = 0; c < before[i]; c++) made[i].Add(rollouts[i].Step([plans[i][c]]));
                }
                for (int step = 0; step < 5; step++)
                {
                    var x = Rollout.StepTogether(rollouts, [.. Enumerable.Range(0, 3).Select(i => plans[i][before[i] + step])]);
                    for (int i = 0; i < 3; i++) made[i].Add(x[i]);
                }
                for (int i = 0; i < 3; i++)
                    Close.Tensors(alone[i], cat(made[i], 1), Close.Chained, $"{mode}, {rowWorkers} row workers: stream {i} alone vs stepped with the others");
                Assert.True(MaxDiff(alone[0].narrow(1, 0, 15), alone[1].narrow(1, 0, 15)) > 1e-2, "the streams must differ, else the check proves nothing");
            }
            finally { foreach (var r in rollouts) r.Dispose(); }
        }
    }

    [Fact]
    public void StepTogether_RefusesRolloutsItCannotPack()
    {
        using var scope = NewDisposeScope();
        using var model = Perturbed(Tiny(), 151);
        using var two = new Rollout(model, new NoiseStreams([1L, 2L], CPU), SwitchMode.None);
        using var one = new Rollout(model, new NoiseStreams([3L], CPU), SwitchMode.None);
        two.Begin([PromptA, PromptA], Frames(2, 3, 152));
        Assert.Throws<InvalidOperationException>(() => Rollout.StepTogether([one, one], [PromptA, PromptA]));
        one.Begin([PromptA], Frames(1, 3, 153));
        Assert.Contains("holds 2 videos", Assert.Throws<ArgumentException>(() => Rollout.StepTogether([one, two], [PromptA, PromptA])).Message);
        Assert.Contains("listed twice", Assert.Throws<ArgumentException>(() => Rollout.StepTogether([one, one], [PromptA, PromptA])).Message);
    }

    [Fact]
    public void PerVideoRecache_EqualsRecachingThatVideoAlone_AndLeavesTheOthersUntouched()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var config = Tiny(window: 6);
        using var model = Perturbed(config, 121);
        var frames = Frames(3, 12, 122); // context + 3 chunks for 3 videos: the window slides once
        using var batch = Replay(model, frames, 3);
        using var reference = Replay(model, frames, 3);
        batch.Prepare([PromptB, PromptA, PromptC]);   // videos 0 and 2 switch, 1 does not
        reference.Prepare([PromptA, PromptA, PromptA]); // nobody switches: just the last write
        using var alone0 = Replay(model, frames.narrow(0, 0, 1), 1);
        alone0.Prepare([PromptB]);

        for (int layer = 0; layer < config.Layers; layer++)
        {
            var (k, v) = batch.Cache.Held(layer);
            var (k0, v0) = alone0.Cache.Held(layer);
            var (kRef, vRef) = reference.Cache.Held(layer);
            Close.Tensors(k0[0], k[0], Close.Reassociated, $"layer {layer}: video 0 re-cached in the batch vs alone (keys)");
            Close.Tensors(v0[0], v[0], Close.Reassociated, $"layer {layer}: video 0 re-cached in the batch vs alone (values)");
            Assert.Equal(0.0, MaxDiff(kRef[1], k[1])); // never re-encoded
            Assert.Equal(0.0, MaxDiff(vRef[1], v[1]));
            Assert.True(MaxDiff(kRef[0], k[0]) > 1e-4, "re-caching under a new prompt must change video 0's cache");
        }
        Assert.Equal([PromptB, PromptA, PromptC], batch.Text!.Prompts);
    }

    [Fact]
    public void AStaleTextCondition_IsRefusedAfterTheWeightsChange()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var config = Tiny();
        using var model = Perturbed(config, 131);
        using var text = model.EncodeText([PromptA]);
        using var cache = new KvCache(config, 1, CPU);
        model.ForwardChunk(Frames(1, 3, 132), 0.625, text, cache); // fresh: fine, and memoises the modulation
        model.MarkWeightsChanged();
        var stale = Assert.Throws<InvalidOperationException>(() => model.ForwardChunk(Frames(1, 3, 132), 0.625, text, cache));
        Assert.Contains("encode the prompts again", stale.Message);
        using var fresh = model.EncodeText([PromptA]);
        model.ForwardChunk(Frames(1, 3, 132), 0.625, fresh, cache);
    }

    /// <summary>A rollout of the given frames fed as chunks (frames 0–2 the context), everyone under PromptA, Recache.</summary>
    private static Rollout Replay(Models.Executor.ExecutorTransformer model, Tensor frames, int batch)
    {
        var rollout = new Rollout(model, NoiseStreams.ForSeed(1, batch, CPU), SwitchMode.Recache);
        var prompts = Enumerable.Repeat(PromptA, batch).ToArray();
        rollout.Begin(prompts, frames.narrow(1, 0, 3));
        for (int f = 3; f < frames.shape[1]; f += 3) rollout.Feed(prompts, frames.narrow(1, f, 3));
        return rollout;
    }

    private static Tensor Generate(Models.Executor.ExecutorTransformer model, SwitchMode mode, long[] keys, Tensor context, string[][] plan)
    {
        using var rollout = new Rollout(model, new NoiseStreams(keys, CPU), mode);
        rollout.Begin(plan[0], context);
        return cat(plan.Select(prompts => rollout.Step(prompts)).ToArray(), 1); // [B, frames, 3, S, S]
    }

    private static void AssertRowsShare(KvCache source, KvCache branches, int frames, string when)
    {
        for (int layer = 0; layer < 2; layer++)
        {
            var (k, v) = source.Held(layer);
            var (kb, vb) = branches.Held(layer);
            long n = k.shape[2];
            Assert.Equal(frames * 16, n);
            for (int row = 0; row < branches.Batch; row++)
            {
                Assert.Equal(0.0, MaxDiff(k[0], kb[row].narrow(1, 0, n)));
                Assert.Equal(0.0, MaxDiff(v[0], vb[row].narrow(1, 0, n)));
            }
        }
        Assert.True(source.HeldFrames().abs().sum().item<float>() > 0, when);
    }
}
