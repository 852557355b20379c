using TempAct.Models.Checkpoints;
using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.Tests.Cli;
using static TempAct.Tests.Executor.ExecutorFixtures;
using static TorchSharp.torch;

namespace TempAct.Tests.Executor;

/// <summary>Checkpoints stored as fp16 / bf16: a round trip within each format's rounding, half the bytes, buffers kept
/// exact, the dtype recorded and checked, and `weights convert` on a folder.</summary>
[Collection(TorchCollection.Name)]
public sealed class StoredWeightsTests
{
    private static string TempDir() => Path.Combine(Path.GetTempPath(), "tempact-stored-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(WeightDtype.Fp16, 11)] // 11 significant bits: round to nearest within 2^-11 relative
    [InlineData(WeightDtype.Bf16, 8)]  // 8 significant bits: within 2^-8 relative
    public void ExecutorCheckpoint_RoundTripsWithinTheFormatsRounding(WeightDtype dtype, int bits)
    {
        string full = TempDir(), half = TempDir();
        try
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            using var model = Perturbed(Tiny(), 57);
            ExecutorCheckpoint.Save(model, full);
            ExecutorCheckpoint.Save(model, half, dtype);
            using var loaded = ExecutorCheckpoint.Load(half);
            Assert.Equal(dtype, loaded.Config.StoredDtype);
            var parameters = model.named_parameters().Select(p => p.name).ToHashSet();
            foreach (var (k, v) in model.state_dict())
            {
                var back = loaded.state_dict()[k];
                Assert.Equal(ScalarType.Float32, back.dtype);
                // Relative rounding ≤ 2^-bits of each value, plus half fp16's subnormal spacing (2^-25) for the few
                // weights below 6e-5; buffers (RoPE frequencies) are stored as they are.
                double bound = parameters.Contains(k) ? Math.Pow(2, -bits) : 0;
                var excess = ((back - v).abs() - v.abs() * bound).max().item<float>();
                Assert.True(excess <= (parameters.Contains(k) ? Math.Pow(2, -25) : 0), $"{k}: |Δ| exceeds 2^-{bits}·|w| by {excess}");
            }
            long fullBytes = new FileInfo(Path.Combine(full, "model.safetensors")).Length, halfBytes = new FileInfo(Path.Combine(half, "model.safetensors")).Length;
            Assert.InRange((double)halfBytes / fullBytes, 0.45, 0.55);
            // A generation from the loaded copy stays close to the original's.
            var g = new VideoGenerator(model).Generate([["red circle moves right", "red circle moves right"]], 6, 1);
            var h = new VideoGenerator(loaded).Generate([["red circle moves right", "red circle moves right"]], 6, 1);
            Assert.True(g[0].Zip(h[0]).Max(p => Math.Abs(p.First - p.Second)) < (dtype == WeightDtype.Fp16 ? 0.02 : 0.1));
        }
        finally { foreach (var d in new[] { full, half }) if (Directory.Exists(d)) Directory.Delete(d, true); }
    }

    [Fact]
    public void DeclaredDtype_MustMatchTheFile()
    {
        string dir = TempDir();
        try
        {
            using var model = Perturbed(Tiny(), 58);
            ExecutorCheckpoint.Save(model, dir, WeightDtype.Fp16);
            string config = Path.Combine(dir, "config.json");
            File.WriteAllText(config, File.ReadAllText(config).Replace("\"fp16\"", "\"bf16\""));
            var e = Assert.Throws<CheckpointException>(() => ExecutorCheckpoint.Load(dir));
            Assert.Contains("model.safetensors", e.Message);
            Assert.Contains("StoredDtype bf16", e.Message);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void PlannerCheckpoint_RoundTripsAsFp16()
    {
        string dir = TempDir();
        try
        {
            using var _ = no_grad();
            var config = new PlannerConfig { VocabSize = Tokenizer.Count, Dim = 32, Layers = 1, Heads = 2, MaxTokens = 64 };
            using var model = new PlannerLm(config, seed: 4);
            PlannerCheckpoint.Save(model, Tokenizer, dir, WeightDtype.Fp16);
            var (loaded, _) = PlannerCheckpoint.Load(dir);
            using (loaded)
            {
                Assert.Equal(WeightDtype.Fp16, loaded.Config.StoredDtype);
                foreach (var (k, v) in model.state_dict())
                {
                    var excess = ((loaded.state_dict()[k] - v).abs() - v.abs() * Math.Pow(2, -11)).max().item<float>();
                    Assert.True(excess <= Math.Pow(2, -25), $"{k}: {excess}"); // half fp16's subnormal spacing, for near-zero weights
                }
            }
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void WeightsConvert_RewritesAFolderAndCopiesItsOtherFiles()
    {
        string from = TempDir(), to = TempDir();
        try
        {
            using (var model = Perturbed(Tiny(), 59)) ExecutorCheckpoint.Save(model, from);
            File.WriteAllText(Path.Combine(from, "metrics.csv"), "step,loss\n");
            var run = CliRunner.Run("weights", "convert", "--model", from, "--dtype", "fp16", "--out", to);
            Assert.True(run.Code == 0, run.Stderr);
            Assert.True(File.Exists(Path.Combine(to, "metrics.csv")));
            using var loaded = ExecutorCheckpoint.Load(to);
            Assert.Equal(WeightDtype.Fp16, loaded.Config.StoredDtype);

            var bad = CliRunner.Run("weights", "convert", "--model", from, "--dtype", "int8", "--out", to);
            Assert.Equal(2, bad.Code);
            Assert.Contains("--dtype", bad.Stderr);
            var missing = CliRunner.Run("weights", "convert", "--model", from + "-nope", "--out", to);
            Assert.Equal(4, missing.Code);
            Assert.Contains("config.json", missing.Stderr);
        }
        finally { foreach (var d in new[] { from, to }) if (Directory.Exists(d)) Directory.Delete(d, true); }
    }
}
