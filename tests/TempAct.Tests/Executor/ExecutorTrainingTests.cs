using TempAct.Models.Training;
using TempAct.Models.Checkpoints;
using TempAct.Models.Executor;
using static TempAct.Tests.Executor.ExecutorFixtures;
using static TorchSharp.torch;

namespace TempAct.Tests.Executor;

/// <summary>Pretraining on each clip source: switch clips as two rows trained through the re-cache path, a tiny CPU run
/// end to end per source, and InitFrom starting the LongLive-like tuning from saved weights.</summary>
[Collection(TorchCollection.Name)]
public sealed class ExecutorTrainingTests
{
    /// <summary>A CPU-sized recipe: a tiny model whose cache holds a whole 18-frame clip, a few steps.</summary>
    private static ExecutorTrainConfig TinyRun(ClipSource source, double switchFraction = 0) => new()
    {
        Model = Tiny(window: 15) with { MaxTextTokens = 80 },
        Clips = source, SwitchFraction = switchFraction, StillStartFraction = 0.25,
        Steps = 3, BatchSize = 4, ClipFrames = 18, DatasetClips = 12, WarmupSteps = 1, LearningRate = 1e-3,
        EvalEvery = 3, EvalPrompts = 2, EvalFrames = 6, CheckpointEvery = 3, Seed = 5,
    };

    private static string TempDir() => Path.Combine(Path.GetTempPath(), "tempact-train-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void SwitchClip_IsTwoRows_AndItsSecondRowSeesTheCacheAReCacheLeaves()
    {
        var config = TinyRun(ClipSource.LongVideoWindows, switchFraction: 1) with { StillStartFraction = 0 };
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var clips = ExecutorClipSet.Render(config, 3, CPU);
        int chunks = config.ClipFrames / Cf;
        var rows = clips.Rows([0, 2], chunks);
        Assert.Equal([0L, 0L, 2L, 2L], rows.Clips);
        Assert.Equal([clips.Captions[0], clips.SwitchCaptions[0]!, clips.Captions[2], clips.SwitchCaptions[2]!], rows.Captions);
        int s = clips.SwitchChunks[0];
        // Row 0 counts the chunks before the switch, row 1 the rest: together every chunk once.
        Assert.Equal(Enumerable.Range(0, chunks).Select(c => c < s ? 1f : 0f), rows.ChunkWeights![..chunks]);
        Assert.Equal(Enumerable.Range(0, chunks).Select(c => c >= s ? 1f : 0f), rows.ChunkWeights![chunks..(2 * chunks)]);

        // The second row's teacher-forced velocity of chunk s (every clean chunk under the new caption) equals generation's:
        // chunks < s written under the first caption, re-cached under the second, then chunk s.
        using var model = Perturbed(config.Model, 17);
        var clean = clips.Data.narrow(0, 0, 1).to_type(ScalarType.Float32) / 127.5 - 1;             // [1, T, 3, S, S]
        var noisy = Frames(1, config.ClipFrames, 3);
        var sigmas = full(1, chunks, 0.8);
        using var before = model.EncodeText([rows.Captions[0]]);
        using var after = model.EncodeText([rows.Captions[1]]);
        var teacher = model.ForwardTeacherForced(clean, noisy, sigmas, after).narrow(1, s * Cf, Cf);
        using var cache = new KvCache(config.Model, 1, CPU);
        for (int c = 0; c < s; c++) model.WriteChunk(clean.narrow(1, c * Cf, Cf), before, cache);
        model.Recache(cache, after);
        var cached = model.ForwardChunk(noisy.narrow(1, s * Cf, Cf), 0.8, after, cache);
        Assert.True(MaxDiff(teacher, cached) < 1e-4 * (1 + teacher.abs().max().item<float>()), $"max |Δ| {MaxDiff(teacher, cached)}");
        // Without the re-cache (the cache as written under the first caption) the velocity differs: the rows do train the re-cache path.
        using var kept = new KvCache(config.Model, 1, CPU);
        for (int c = 0; c < s; c++) model.WriteChunk(clean.narrow(1, c * Cf, Cf), before, kept);
        Assert.True(MaxDiff(teacher, model.ForwardChunk(noisy.narrow(1, s * Cf, Cf), 0.8, after, kept)) > 1e-3);
    }

    [Theory]
    [InlineData(ClipSource.StillStart, 0.0)]
    [InlineData(ClipSource.LongVideoWindows, 0.0)]
    [InlineData(ClipSource.LongVideoWindows, 0.5)]
    public void TinyCpuRun_TrainsEndToEnd(ClipSource source, double switchFraction)
    {
        string dir = TempDir();
        try
        {
            new ExecutorTrainer(TinyRun(source, switchFraction), dir, CPU).Run(TrainingStart.Fresh);
            var rows = File.ReadAllLines(Path.Combine(dir, "metrics.csv"));
            Assert.Equal(4, rows.Length); // header + 3 steps
            Assert.All(rows.Skip(1), r => Assert.True(double.IsFinite(double.Parse(r.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)), r));
            Assert.True(File.Exists(Path.Combine(dir, "eval.jsonl")));
            using var saved = ExecutorCheckpoint.Load(dir);
            Assert.Equal(WeightDtype.Fp32, saved.Config.StoredDtype);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void InitFrom_StartsTheRunFromTheSavedWeights_AndRefusesAnotherShape()
    {
        string baseDir = TempDir(), tuned = TempDir(), other = TempDir();
        try
        {
            using (var start = Perturbed(TinyRun(ClipSource.StillStart).Model with { VocabSize = Tokenizer.Count }, 23)) ExecutorCheckpoint.Save(start, baseDir, WeightDtype.Fp16);
            // A vanishing learning rate: the saved EMA (0.1·start + 0.9·θ after one step) is the starting weights.
            var config = TinyRun(ClipSource.LongVideoWindows, switchFraction: 0.5) with { InitFrom = baseDir, Steps = 1, LearningRate = 1e-12, EvalEvery = 1, CheckpointEvery = 1 };
            new ExecutorTrainer(config, tuned, CPU).Run(TrainingStart.Fresh);
            using var before = ExecutorCheckpoint.Load(baseDir);
            using var after = ExecutorCheckpoint.Load(tuned);
            foreach (var (k, v) in before.state_dict())
                Assert.True(MaxDiff(v, after.state_dict()[k]) <= 1e-5 * (1 + v.abs().max().item<float>()), k);

            using (var wide = Perturbed(Tiny(window: 15) with { Dim = 48, MaxTextTokens = 80 }, 3)) ExecutorCheckpoint.Save(wide, other);
            var wrong = Assert.Throws<CheckpointException>(() => new ExecutorTrainer(config with { InitFrom = other }, TempDir(), CPU).Run(TrainingStart.Fresh));
            Assert.Contains("config.json", wrong.Message);
            Assert.Contains("another shape", wrong.Message);
        }
        finally { foreach (var d in new[] { baseDir, tuned, other }) if (Directory.Exists(d)) Directory.Delete(d, true); }
    }

    [Fact]
    public void Config_RejectsSwitchesWithoutWindows_AndFractionsOverOne()
    {
        Assert.Contains("LongVideoWindows", Assert.ThrowsAny<ArgumentException>(() => TinyRun(ClipSource.StillStart, 0.3).Validate()).Message);
        Assert.Contains("exceed 1", Assert.ThrowsAny<ArgumentException>(() => (TinyRun(ClipSource.LongVideoWindows, 0.8) with { StillStartFraction = 0.3 }).Validate()).Message);
        TinyRun(ClipSource.LongVideoWindows, 0.5).Validate();
    }

    private const int Cf = 3;
}
