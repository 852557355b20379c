using TempAct.Models.Executor;
using TempAct.Models.Text;
using static TorchSharp.torch;

namespace TempAct.Tests.Executor;

/// <summary>Tiny executors for tests. Zero-initialised layers (adaLN-zero, the head) would make many comparisons
/// trivially true, so <see cref="Perturbed"/> draws every parameter at random.</summary>
internal static class ExecutorFixtures
{
    public static readonly WordTokenizer Tokenizer = WordTokenizer.CreateDefault();

    public static ExecutorConfig Tiny(int lora = 0, int window = 6) => new()
    {
        VocabSize = Tokenizer.Count, Dim = 32, Layers = 2, Heads = 2, TextLayers = 1, MaxTextTokens = 64,
        SinkFrames = 3, WindowFrames = window, LoraRank = lora,
    };

    public static ExecutorTransformer Perturbed(ExecutorConfig config, long seed)
    {
        var model = new ExecutorTransformer(config, Tokenizer, seed);
        var g = new Generator(seed: (ulong)seed + 100);
        using var _ = no_grad();
        foreach (var p in model.parameters()) p.copy_(randn(p.shape, generator: g) * 0.1);
        return model;
    }

    /// <summary>Random frames [B, T, 3, 32, 32] in [−1, 1].</summary>
    public static Tensor Frames(int batch, int frames, long seed) =>
        rand(new long[] { batch, frames, 3, 32, 32 }, generator: new Generator(seed: (ulong)seed)) * 2 - 1;

    public static double MaxDiff(Tensor a, Tensor b) => (a - b).abs().max().item<float>();
}
