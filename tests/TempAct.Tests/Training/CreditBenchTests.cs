using TempAct.Models.Executor;
using TempAct.Training.Benchmarks;
using static TempAct.Tests.Executor.ExecutorFixtures;
using static TorchSharp.torch;

namespace TempAct.Tests.Training;

/// <summary>`bench credit`'s three noise conditions on one prefix: (a) chunk b varies, later chunks share a draw; (b) chunk
/// b shares a draw, later chunks vary; (c) all vary — laid out condition-major, coupled, and deterministic.</summary>
[Collection(TorchCollection.Name)]
public sealed class CreditBenchTests
{
    private const string A = "red circle moves right", B = "red circle turns blue";

    [Theory]
    [InlineData(SwitchMode.None)]
    [InlineData(SwitchMode.Recache)]
    public void Conditions_VaryTheNoiseOfTheirChunksOnly(SwitchMode mode)
    {
        using var scope = NewDisposeScope();
        var config = Tiny(window: 12);
        using var model = Perturbed(config, 401);
        var context = Frames(1, 3, 402).contiguous().data<float>().ToArray();
        string[] prompts = [A, A, B, B, B];
        const int k = 3, b = 2;
        var (videos, diff) = CreditBench.Generate(model, mode, context, prompts, b, k, 77L);
        Assert.Equal(3 * k, videos.Length);
        int chunk = config.ChunkFrames * 3 * config.FrameSize * config.FrameSize;
        float[] Chunk(int row, int c) => videos[row][(c * chunk)..((c + 1) * chunk)];
        double Diff(float[] x, float[] y) => x.Zip(y, (p, q) => (double)Math.Abs(p - q)).Max();

        for (int r = 1; r < 3 * k; r++)
            for (int c = 0; c < b; c++) Assert.Equal(Chunk(0, c), Chunk(r, c)); // one prefix
        for (int j = 1; j < k; j++)
        {
            Assert.True(Diff(Chunk(0, b), Chunk(j, b)) > 1e-2, $"(a) rows 0 and {j}: chunk b must differ");
            Assert.Equal(Chunk(k, b), Chunk(k + j, b));                                       // (b): chunk b bit for bit
            Assert.True(Diff(Chunk(k, b + 1), Chunk(k + j, b + 1)) > 1e-2, $"(b) rows 0 and {j}: chunk b + 1 must differ");
            Assert.True(Diff(Chunk(2 * k, b), Chunk(2 * k + j, b)) > 1e-2, $"(c) rows 0 and {j}: chunk b must differ");
        }
        Assert.Equal(0, diff);
        // Coupled draws: (c) row j draws chunk b as (a) row j does.
        for (int j = 0; j < k; j++) Assert.True(Diff(Chunk(j, b), Chunk(2 * k + j, b)) < 1e-4, $"(a) and (c) row {j}: one chunk-b draw");

        // Deterministic for a key; another key, other videos.
        var (again, _) = CreditBench.Generate(model, mode, context, prompts, b, k, 77L);
        for (int r = 0; r < 3 * k; r++) Assert.Equal(videos[r], again[r]);
        var (other, _) = CreditBench.Generate(model, mode, context, prompts, b, k, 78L);
        Assert.True(Diff(other[0], videos[0]) > 1e-2, "another key must draw other noise");
    }

    [Fact]
    public void Variance_IsTheSampleVariance()
    {
        Assert.Equal(1.0, CreditBench.Variance([1.0, 2.0, 3.0]), 12);  // mean 2, squares 1 + 0 + 1 over n − 1 = 2
        Assert.Equal(0.0, CreditBench.Variance([0.5, 0.5]));
        Assert.Throws<ArgumentException>(() => CreditBench.Variance([1.0]));
    }
}
