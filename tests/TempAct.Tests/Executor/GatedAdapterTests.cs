using TempAct.Models.Executor;
using TempAct.Tests.Precision;
using static TempAct.Tests.Executor.ExecutorFixtures;
using static TorchSharp.torch;

namespace TempAct.Tests.Executor;

/// <summary>Adapters gated to the chunk after a switch (<see cref="AdapterChunks.Switch"/>): they act on exactly that
/// chunk's denoising and nowhere else.</summary>
[Collection(TorchCollection.Name)]
public sealed class GatedAdapterTests
{
    private const string A = "red circle moves right", B = "red circle turns blue";

    /// <summary>Two models with the same (non-zero) weights and adapters: one gated, one with the adapters off.</summary>
    private static (ExecutorTransformer Gated, ExecutorTransformer Base) Pair(long seed)
    {
        var config = Tiny(lora: 4, window: 12);
        var gated = Perturbed(config, seed);
        gated.AdapterChunks = AdapterChunks.Switch;
        var @base = Perturbed(config, seed);
        @base.SetAdaptersEnabled(false);
        return (gated, @base);
    }

    private static Tensor[] Run(ExecutorTransformer model, SwitchMode mode, long[] keys, string[][] prompts, Tensor context, Action<int>? beforeChunk = null)
    {
        using var rollout = new Rollout(model, new NoiseStreams(keys, CPU), mode);
        rollout.Begin(prompts[0], context);
        var chunks = new Tensor[prompts.Length];
        for (int c = 0; c < prompts.Length; c++)
        {
            beforeChunk?.Invoke(c);
            chunks[c] = rollout.Step(prompts[c]);
        }
        return chunks;
    }

    [Theory]
    [InlineData(SwitchMode.None)]
    [InlineData(SwitchMode.Recache)]
    public void AVideoIsTheBaseUntilItsSwitch_TheSwitchChunkCarriesTheAdapters_AndTheChunksAfterItDoNot(SwitchMode mode)
    {
        using var scope = NewDisposeScope();
        var (gated, @base) = Pair(401);
        using var _g = gated; using var _b = @base;
        var context = Frames(2, 3, 402);
        // Video 0 switches A → B at chunk 2; video 1 stays on A.
        string[][] prompts = [[A, A], [A, A], [B, A], [B, A]];
        var withGate = Run(gated, mode, [7L, 8L], prompts, context);
        var plain = Run(@base, mode, [7L, 8L], prompts, context);

        for (int c = 0; c < 4; c++)
            Close.Tensors(plain[c][1], withGate[c][1], Close.Chained, $"{mode}: video 1 (no switch), chunk {c}, gated vs base");
        for (int c = 0; c < 2; c++)
            Close.Tensors(plain[c][0], withGate[c][0], Close.Chained, $"{mode}: video 0 before its switch, chunk {c}");
        Assert.True(MaxDiff(plain[2][0], withGate[2][0]) > 1e-3, $"{mode}: the adapters did not act on the switch chunk");

        // Turning the adapters off after the switch chunk changes nothing: chunk 3 already ran the base weights.
        var offAfter = Run(gated, mode, [7L, 8L], prompts, context, c => gated.SetAdaptersEnabled(c < 3));
        gated.SetAdaptersEnabled(true);
        Close.Tensors(withGate[3], offAfter[3], Close.Reassociated, $"{mode}: chunk 3 with the adapters off vs gated");
        // Turning them off before the switch chunk does change it (the check above can fail).
        var offAt = Run(gated, mode, [7L, 8L], prompts, context, c => gated.SetAdaptersEnabled(c < 2));
        gated.SetAdaptersEnabled(true);
        Assert.True(MaxDiff(offAt[2][0], withGate[2][0]) > 1e-3, $"{mode}: switching the adapters off at chunk 2 changed nothing");

        // A video's frames do not depend on its batch: video 0 alone (every row adapted at chunk 2) equals video 0 beside
        // a video that does not switch (one row of two adapted).
        var alone = Run(gated, mode, [7L], [.. prompts.Select(p => new[] { p[0] })], context.narrow(0, 0, 1));
        for (int c = 0; c < 4; c++)
            Close.Tensors(alone[c][0], withGate[c][0], Close.Chained, $"{mode}: video 0 alone vs in the batch, chunk {c}");
    }

    [Fact]
    public void TheGatedForward_AdaptsTheGivenRowsOnly_WithGradientsOnThoseRows()
    {
        using var scope = NewDisposeScope();
        var (gated, @base) = Pair(411);
        using var _g = gated; using var _b = @base;
        using var cache = new KvCache(gated.Config, 3, CPU);
        TextCondition text;
        using (no_grad()) text = gated.EncodeText([A, B, A]);
        using var _t = text;
        var context = Frames(3, 3, 412);
        gated.WriteChunk(context, text, cache);
        var x = Frames(3, 3, 413);

        // Reference velocities: the same model with its adapters on everywhere (ungated) and off everywhere.
        gated.AdapterChunks = AdapterChunks.All;
        Tensor on, off;
        using (no_grad())
        {
            // The text and cache of the gated model were made without adapters; the ungated "on" forward reuses them, so
            // the rows differ from "off" only by the adapters of this chunk's denoising.
            on = gated.ForwardChunk(x, 0.5, text, cache);
            gated.SetAdaptersEnabled(false);
            off = gated.ForwardChunk(x, 0.5, text, cache);
            gated.SetAdaptersEnabled(true);
        }
        Assert.True(MaxDiff(on, off) > 1e-3, "the adapters change nothing: the test could not fail");
        // Ungated, the rows are ignored.
        using (no_grad()) Close.Tensors(on, gated.ForwardChunk(x, 0.5, text, cache, [1]), Close.Reassociated, "ungated: rows ignored");
        gated.AdapterChunks = AdapterChunks.Switch;

        using (no_grad())
        {
            var mixed = gated.ForwardChunk(x, 0.5, text, cache, [1]);
            Close.Tensors(off[0], mixed[0], Close.Chained, "row 0 (not adapted)");
            Close.Tensors(on[1], mixed[1], Close.Chained, "row 1 (adapted)");
            Close.Tensors(off[2], mixed[2], Close.Chained, "row 2 (not adapted)");
            Close.Tensors(off, gated.ForwardChunk(x, 0.5, text, cache, []), Close.Reassociated, "no row adapted");
            Close.Tensors(on, gated.ForwardChunk(x, 0.5, text, cache, [2, 0, 1]), Close.Reassociated, "every row adapted");
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => gated.ForwardChunk(x, 0.5, text, cache, [3]));

        // Gradients reach the adapters only through the adapted row.
        var adapters = gated.named_parameters().Where(p => p.name.Contains("lora_")).Select(p => p.parameter).ToArray();
        gated.zero_grad();
        gated.ForwardChunk(x, 0.5, text, cache, [1])[0].sum().backward();
        Assert.All(adapters, p => Assert.True(p.grad is null || p.grad.abs().sum().item<float>() == 0, "a non-adapted row sent gradient to the adapters"));
        gated.zero_grad();
        gated.ForwardChunk(x, 0.5, text, cache, [1])[1].sum().backward();
        Assert.Contains(adapters, p => p.grad is not null && p.grad.abs().sum().item<float>() > 0);
    }

    [Theory]
    [InlineData(SwitchMode.None)]
    [InlineData(SwitchMode.Recache)]
    public void GatedStreamsSteppedTogether_EqualEachAlone_WhetherTheySwitchOrNot(SwitchMode mode)
    {
        using var scope = NewDisposeScope();
        var (gated, @base) = Pair(421);
        using var _g = gated; using var _b = @base;
        var context = Frames(1, 3, 422);
        // Three streams stepped together (packed) and each alone: the first switches at chunk 1, the second never, the
        // third at chunk 2, the first back at chunk 3 — so turns hold switching and non-switching streams, and streams
        // that switched the turn before (their chunks run the base weights again).
        string[][] prompts = [[A, A, A], [B, A, A], [B, A, B], [A, A, B]];
        var streams = new[] { 3L, 4L, 5L }.Select(k => new Rollout(gated, new NoiseStreams([k], CPU), mode)).ToArray();
        var alone = new[] { 3L, 4L, 5L }.Select(k => new Rollout(gated, new NoiseStreams([k], CPU), mode)).ToArray();
        try
        {
            for (int s = 0; s < 3; s++) { streams[s].Begin([prompts[0][s]], context); alone[s].Begin([prompts[0][s]], context); }
            for (int c = 0; c < prompts.Length; c++)
            {
                var together = Rollout.StepTogether(streams, prompts[c]);
                for (int s = 0; s < 3; s++)
                {
                    Close.Tensors(alone[s].Step([prompts[c][s]]), together[s], Close.Chained, $"{mode}: stream {s}, chunk {c}, together vs alone");
                    Assert.Equal(alone[s].LastSwitched, streams[s].LastSwitched);
                }
            }
            Assert.Equal([0], streams[0].LastSwitched); // switched back to A at chunk 3
            Assert.Empty(streams[2].LastSwitched);      // stayed on B
        }
        finally
        {
            foreach (var r in streams.Concat(alone)) r.Dispose();
        }
    }

    [Fact]
    public void APackedForwardOfGatedAdapters_GatesEachItem_AndNeedsToBeToldWhich()
    {
        using var scope = NewDisposeScope();
        var (gated, @base) = Pair(431);
        using var _g = gated; using var _b = @base;
        var first = Frames(1, 3, 432);
        var second = Frames(1, 3, 433);
        var x = Frames(1, 3, 434);
        using var c1 = new KvCache(gated.Config, 1, CPU);
        using var c2 = new KvCache(gated.Config, 1, CPU);
        using var c3 = new KvCache(gated.Config, 1, CPU);
        using var text = gated.EncodeText([A]);
        gated.WriteChunk(first, text, c1);
        gated.WriteChunk(first, text, c2); gated.WriteChunk(second, text, c2); // a longer cache
        PackedChunk[] items = [new(x, 0.5, text, c1), new(x, 0.5, text, c2), new(x, 0.25, text, c3)];
        var v = gated.ForwardPacked(items, [true, false, true]);
        Close.Tensors(gated.ForwardChunk(x, 0.5, text, c1, [0]), v[0], Close.Chained, "adapted item vs its own gated forward");
        Close.Tensors(@base.ForwardChunk(x, 0.5, text, c2), v[1], Close.Chained, "base item vs the base model");
        Close.Tensors(gated.ForwardChunk(x, 0.25, text, c3, [0]), v[2], Close.Chained, "adapted item, empty cache");
        Assert.True(MaxDiff(v[0], @base.ForwardChunk(x, 0.5, text, c1)) > 1e-3, "the adapters did not act on the adapted item");
        Assert.Equal(1, c1.StoredFrames / gated.Config.ChunkFrames); // denoising forwards write nothing
        var noFlags = Assert.Throws<InvalidOperationException>(() => gated.ForwardPacked(items));
        Assert.Contains("adapters act on", noFlags.Message);
        var adaptedWrite = Assert.Throws<ArgumentException>(() => gated.ForwardPacked([new PackedChunk(x, 0.0, text, c3, Write: true)], [true]));
        Assert.Contains("base weights", adaptedWrite.Message);
        Assert.Throws<ArgumentException>(() => gated.ForwardPacked(items, [true]));
    }
}
