using TempAct.Models.Checkpoints;
using TempAct.Models.Executor;
using TempAct.World.Plans;
using TempAct.Tests.Precision;
using static TempAct.Tests.Executor.ExecutorFixtures;
using static TorchSharp.torch;

namespace TempAct.Tests.Executor;

[Collection(TorchCollection.Name)]
public sealed class ExecutorModelTests
{
    private const string PromptA = "red circle moves right", PromptB = "red circle turns blue";

    [Fact]
    public void CachedChunkwiseInference_EqualsTheFullBlockCausalForward()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var config = Tiny(window: 9);
        using var model = Perturbed(config, 1);
        var clean = Frames(2, 12, 2);
        var noisy = Frames(2, 12, 3);
        var sigmas = tensor(new float[] { 1f, 0.9375f, 0.625f, 0.3f, 0.8333f, 0.5f, 0.1f, 1f }, new long[] { 2, 4 });
        using var text = model.EncodeText([PromptA, PromptB]);
        var full = model.ForwardTeacherForced(clean, noisy, sigmas, text);

        using var cache = new KvCache(config, 2, CPU);
        for (int c = 0; c < 4; c++)
        {
            var v = model.ForwardChunk(noisy.narrow(1, 3 * c, 3), sigmas[.., c], text, cache);
            Close.Tensors(full.narrow(1, 3 * c, 3), v, Close.Reassociated, $"chunk {c}: cached vs full forward");
            model.ForwardChunk(clean.narrow(1, 3 * c, 3), zeros(2), text, cache, write: true);
        }
        Assert.Equal(12, cache.StoredFrames);
        Assert.True(MaxDiff(full, zeros_like(full)) > 1e-2, "the perturbed model must produce non-trivial velocities");
    }

    [Fact]
    public void ClonedCache_EvolvesIndependentlyOfItsSource()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var config = Tiny();
        using var model = Perturbed(config, 4);
        using var text = model.EncodeText([PromptA]);
        using var source = new KvCache(config, 1, CPU);
        model.WriteChunk(Frames(1, 3, 5), text, source);
        var probe = Frames(1, 3, 6);
        var before = model.ForwardChunk(probe, full(1, 0.5), text, source);

        using var clone = source.Clone();
        for (int i = 0; i < 4; i++) model.WriteChunk(Frames(1, 3, 7 + i), text, clone); // slides the clone's window too
        var afterSource = model.ForwardChunk(probe, full(1, 0.5), text, source);
        var onClone = model.ForwardChunk(probe, full(1, 0.5), text, clone);

        Assert.Equal(0.0, MaxDiff(before, afterSource));
        Assert.Equal(3, source.StoredFrames);
        Assert.Equal(9, clone.StoredFrames);
        Assert.True(MaxDiff(before, onClone) > 1e-3, "the clone's new frames must change what it predicts");

        // And the other way round: writing into the source leaves the clone alone.
        var cloneBefore = model.ForwardChunk(probe, full(1, 0.5), text, clone);
        model.WriteChunk(Frames(1, 3, 20), text, source);
        Assert.Equal(0.0, MaxDiff(cloneBefore, model.ForwardChunk(probe, full(1, 0.5), text, clone)));
    }

    [Fact]
    public void Recache_GivesTheSameCacheAsEncodingTheHeldFramesFromScratch()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var config = Tiny(window: 6);
        using var model = Perturbed(config, 8);
        using var textA = model.EncodeText([PromptA, PromptA]);
        using var textB = model.EncodeText([PromptB, PromptB]);
        using var cache = new KvCache(config, 2, CPU);
        for (int c = 0; c < 5; c++) model.WriteChunk(Frames(2, 3, 30 + c), textA, cache); // 15 frames: sink 3 + window 6 held
        Assert.Equal(9, cache.StoredFrames);
        var held = cache.HeldFrames();
        var probe = Frames(2, 3, 40);
        var underA = model.ForwardChunk(probe, full(2, 0.8), textB, cache);

        model.Recache(cache, textB);
        using var scratch = new KvCache(config, 2, CPU);
        for (int f = 0; f < 9; f += 3) model.WriteChunk(held.narrow(1, f, 3), textB, scratch);

        Assert.Equal(0.0, MaxDiff(held, cache.HeldFrames()));
        Assert.Equal(15, cache.FramesWritten);
        var recached = model.ForwardChunk(probe, full(2, 0.8), textB, cache);
        var fromScratch = model.ForwardChunk(probe, full(2, 0.8), textB, scratch);
        Close.Tensors(fromScratch, recached, Close.Reassociated, "recache vs scratch");
        Assert.True(MaxDiff(recached, underA) > 1e-4, "re-encoding under the new prompt must change the cache");
        // The sink holds the first frames written, the window the latest.
        Assert.Equal(0.0, MaxDiff(held.narrow(1, 6, 3), Frames(2, 3, 34)));
    }

    [Fact]
    public void RecordedLogProbs_EqualARecomputationUnderTheSameWeights()
    {
        using var scope = NewDisposeScope();
        var config = Tiny(lora: 4);
        using var model = Perturbed(config, 12);
        var sampler = new FewStepSampler(model);
        using var text = model.EncodeText([PromptA, PromptB, PromptA]);
        using var cache = new KvCache(config, 3, CPU);
        model.WriteChunk(Frames(3, 3, 50), text, cache);
        var chunk = sampler.SampleChunk(text, cache, new Generator(seed: 9), record: true, out var trajectory);
        using var t = trajectory!;
        Assert.Equal(4, t.States.Count);
        Assert.Equal(3, t.LogProbs.Count);
        var (recomputed, velocities) = sampler.Recompute(t, text, cache);
        for (int j = 0; j < 3; j++)
        {
            // A log-prob is a mean of squared residuals scaled by 1/σ'²: its rounding follows the states' magnitude.
            Close.Tensors(t.LogProbs[j], recomputed[j], Close.Chained, $"transition {j}: recorded vs recomputed log-prob");
            Close.Tensors(t.Velocities[j], velocities[j], Close.Reassociated, $"transition {j}: recorded vs recomputed velocity");
        }
        // Gradients reach the adapters through the recomputed log-prob (what RL optimises).
        recomputed[0].sum().backward();
        Assert.Contains(model.LoraLayers().SelectMany(l => l.AdapterParameters()), p => p.grad is not null && p.grad.abs().sum().item<float>() > 0);
        Assert.True(chunk.abs().max().item<float>() <= 1f);
    }

    [Fact]
    public void SameSeed_GivesTheSameVideo_AnotherSeedAnother()
    {
        var config = Tiny();
        using var model = Perturbed(config, 15);
        var generator = new VideoGenerator(model);
        IReadOnlyList<IReadOnlyList<string>> prompts = [[PromptA, PromptA, PromptB, PromptB]];
        var a = generator.Generate(prompts, 11, seed: 3, SwitchMode.Recache)[0];
        var b = generator.Generate(prompts, 11, seed: 3, SwitchMode.Recache)[0];
        var c = generator.Generate(prompts, 11, seed: 4, SwitchMode.Recache)[0];
        Assert.Equal(11 * 3 * 32 * 32, a.Length);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void LoraOff_IsTheBaseModel_LoraOnWithNonZeroAdaptersIsNot()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var baseModel = Perturbed(Tiny(), 21);
        using var adapted = new ExecutorTransformer(Tiny(lora: 4), Tokenizer, 0);
        var target = adapted.state_dict();
        foreach (var (k, v) in baseModel.state_dict()) target[k].copy_(v);
        foreach (var l in adapted.LoraLayers()) foreach (var p in l.AdapterParameters()) p.add_(0.1);
        var clean = Frames(1, 6, 22); var noisy = Frames(1, 6, 23); var sig = full(1, 2, 0.7);
        using var t1 = baseModel.EncodeText([PromptA]);
        using var t2 = adapted.EncodeText([PromptA]);
        var reference = baseModel.ForwardTeacherForced(clean, noisy, sig, t1);
        var on = adapted.ForwardTeacherForced(clean, noisy, sig, t2);
        adapted.SetAdaptersEnabled(false);
        using var t3 = adapted.EncodeText([PromptA]);
        var off = adapted.ForwardTeacherForced(clean, noisy, sig, t3);
        Assert.Equal(0.0, MaxDiff(reference, off));
        Assert.True(MaxDiff(reference, on) > 1e-4);
    }

    [Fact]
    public void Checkpoint_RoundTripsExactly_AndBadFilesFailClearly()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tempact-exec-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            using var model = Perturbed(Tiny(), 31);
            ExecutorCheckpoint.Save(model, dir);
            using var loaded = ExecutorCheckpoint.Load(dir);
            foreach (var (k, v) in model.state_dict()) Assert.Equal(0.0, MaxDiff(v, loaded.state_dict()[k]));

            var missing = Assert.Throws<CheckpointException>(() => ExecutorCheckpoint.Load(dir + "-nope"));
            Assert.Contains("not found", missing.Message);
            var bytes = File.ReadAllBytes(Path.Combine(dir, "model.safetensors"));
            File.WriteAllBytes(Path.Combine(dir, "model.safetensors"), bytes[..(bytes.Length / 2)]);
            var corrupt = Assert.Throws<CheckpointException>(() => ExecutorCheckpoint.Load(dir));
            Assert.Contains("model.safetensors", corrupt.Message);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void BadInput_GivesErrorsThatNameTheProblem()
    {
        using var model = Perturbed(Tiny(), 41);
        var generator = new VideoGenerator(model);
        var unknown = Assert.Throws<PromptException>(() => generator.Generate([["red circle moonwalks"]], 3, 1));
        Assert.Contains("'moonwalks'", unknown.Message);
        Assert.Throws<PromptException>(() => model.Tokenize("  "));
        var frames = Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate([[PromptA]], 0, 1));
        Assert.Contains("frames must be positive", frames.Message);
        var cover = Assert.Throws<ArgumentException>(() => generator.Generate([[PromptA, PromptA]], 12, 1));
        Assert.Contains("needs 4 chunks", cover.Message);
        var plan = StepPlan.Uniform([PromptA, PromptB], 4);
        Assert.Equal([PromptA, PromptA, PromptB, PromptB], VideoGenerator.ChunkPrompts(plan, lookAhead: false));
        Assert.Equal($"{PromptA} ; {PromptB}", VideoGenerator.ChunkPrompts(plan, lookAhead: true)[0]);
    }

    [Fact]
    public void Bf16ComputeType_ApproximatesFp32_AndGradientsReachTheFp32Weights()
    {
        using var scope = NewDisposeScope();
        using var model = Perturbed(Tiny(), 51);
        var clean = Frames(2, 6, 52); var noisy = Frames(2, 6, 53); var sig = full(2, 2, 0.8);
        using var t1 = model.EncodeText([PromptA, PromptB]);
        var reference = model.ForwardTeacherForced(clean, noisy, sig, t1);
        model.SetComputeType(ScalarType.BFloat16);
        using var t2 = model.EncodeText([PromptA, PromptB]);
        var mixed = model.ForwardTeacherForced(clean, noisy, sig, t2);
        Assert.Equal(ScalarType.Float32, mixed.dtype);
        double rel = MaxDiff(reference, mixed) / reference.abs().max().item<float>();
        Assert.True(rel is > 0 and < 0.05, $"bf16 vs fp32 relative difference {rel}");
        mixed.square().mean().backward();
        Assert.All(model.LoraLayers(), l => Assert.NotNull(l.parameters().First().grad));
    }

    [Fact]
    public void MergedCommit_EqualsWritingThenForwarding()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var config = Tiny(window: 9);
        using var model = Perturbed(config, 61);
        using var text = model.EncodeText([PromptA, PromptB]);
        using var sequential = new KvCache(config, 2, CPU);
        model.WriteChunk(Frames(2, 3, 62), text, sequential);
        using var merged = sequential.Clone();
        var pending = Frames(2, 3, 63); var x = Frames(2, 3, 64); var sigma = full(2, 0.9375);

        model.WriteChunk(pending, text, sequential);
        var vSequential = model.ForwardChunk(x, sigma, text, sequential);
        Assert.True(model.CanMergeCommit(merged));
        var vMerged = model.ForwardChunkAfterCommit(pending, x, 0.9375, text, merged);

        Close.Tensors(vSequential, vMerged, Close.Reassociated, "merged vs sequential velocity");
        Assert.Equal(sequential.StoredFrames, merged.StoredFrames);
        var probe = Frames(2, 3, 65);
        Close.Tensors(model.ForwardChunk(probe, full(2, 0.5), text, sequential), model.ForwardChunk(probe, full(2, 0.5), text, merged),
            Close.Reassociated, "forward after the merged write vs after the sequential one");
        // A full window cannot merge (the write would slide it).
        model.WriteChunk(Frames(2, 3, 66), text, merged);
        model.WriteChunk(Frames(2, 3, 67), text, merged);
        Assert.False(model.CanMergeCommit(merged));
    }

    [Fact]
    public void MemoisedModulation_EqualsComputedAndFollowsTheAdapters()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var config = Tiny(lora: 2, window: 9);
        using var model = Perturbed(config, 71);
        using var text = model.EncodeText([PromptA, PromptB]);
        using var cache = new KvCache(config, 2, CPU);
        model.WriteChunk(Frames(2, 3, 72), text, cache);
        var x = Frames(2, 3, 73);
        // The scalar-σ overload memoises the modulation in the text condition; the tensor overload computes it.
        var computed = model.ForwardChunk(x, full(2, 0.625), text, cache);
        var memoised = model.ForwardChunk(x, 0.625, text, cache);
        var again = model.ForwardChunk(x, 0.625, text, cache);
        Close.Tensors(computed, memoised, Close.Reassociated, "memoised vs computed");
        Assert.Equal(0.0, MaxDiff(memoised, again));
        // Adapters off (the KL reference) must not reuse the adapters-on modulation.
        model.SetAdaptersEnabled(false);
        var offComputed = model.ForwardChunk(x, full(2, 0.625), text, cache);
        var offMemoised = model.ForwardChunk(x, 0.625, text, cache);
        model.SetAdaptersEnabled(true);
        Close.Tensors(offComputed, offMemoised, Close.Reassociated, "adapters off, memoised vs computed");
        Assert.True(MaxDiff(offMemoised, memoised) > 1e-4, "the adapters change nothing: the check above would be vacuous");
    }

    [Fact]
    public void Rotate_IsHalfSplitRope()
    {
        using var scope = NewDisposeScope();
        var g = new Generator(seed: 5);
        var x = randn(new long[] { 2, 3, 4, 8 }, generator: g);
        var angles = randn(new long[] { 4, 4 }, generator: g);
        var (cosT, sinT) = ExecutorTransformer.RotationTables(angles);
        var rotated = ExecutorTransformer.Rotate(x, cosT, sinT);
        var x1 = x.narrow(3, 0, 4); var x2 = x.narrow(3, 4, 4);
        var expected = cat([x1 * angles.cos() - x2 * angles.sin(), x2 * angles.cos() + x1 * angles.sin()], 3);
        Close.Tensors(expected, rotated, Close.Reassociated, "rotation vs the half-split formula");
        // R(a)·R(b) = R(a + b): what lets the cache rotate kept keys back when its window slides.
        var (cosB, sinB) = ExecutorTransformer.RotationTables(angles * 0.5);
        var twice = ExecutorTransformer.Rotate(ExecutorTransformer.Rotate(x, cosB, sinB), cosB, sinB);
        // cos/sin of a and of a/2 are rounded independently, so R(a/2)² differs from R(a) by a few ulps of |x|.
        Close.Tensors(rotated, twice, Close.Reassociated, "R(a/2)·R(a/2) vs R(a)");
    }

    [Fact]
    public void RowSplitForward_EqualsTheUnsplitForward()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var config = Tiny(window: 6);
        using var model = Perturbed(config, 81);
        using var text = model.EncodeText([PromptA, PromptB]);
        using var whole = new KvCache(config, 2, CPU);
        using var split = new KvCache(config, 2, CPU);
        var x = Frames(2, 3, 82);
        // Written chunk by chunk past the window (so it slides), the sampler's forward between writes, merged writes too.
        for (int chunk = 0; chunk < 5; chunk++)
        {
            var clean = Frames(2, 3, 83 + chunk);
            model.RowWorkers = 1;
            var vWhole = model.CanMergeCommit(whole) ? model.ForwardChunkAfterCommit(clean, x, 0.9375, text, whole) : WriteThenForward(model, clean, x, text, whole);
            model.RowWorkers = 2;
            var vSplit = model.CanMergeCommit(split) ? model.ForwardChunkAfterCommit(clean, x, 0.9375, text, split) : WriteThenForward(model, clean, x, text, split);
            Close.Tensors(vWhole, vSplit, Close.Reassociated, $"chunk {chunk}: split vs whole velocity");
            Assert.Equal(whole.StoredFrames, split.StoredFrames);
        }
        model.RowWorkers = 1;
        Close.Tensors(model.ForwardChunk(x, 0.625, text, whole), model.ForwardChunk(x, 0.625, text, split), Close.Reassociated,
            "forward over the caches written split and whole");
    }

    private static Tensor WriteThenForward(ExecutorTransformer model, Tensor clean, Tensor x, TextCondition text, KvCache cache)
    {
        model.WriteChunk(clean, text, cache);
        return model.ForwardChunk(x, 0.9375, text, cache);
    }
}
