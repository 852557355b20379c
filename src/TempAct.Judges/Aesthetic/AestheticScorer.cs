using TempAct.Models.Checkpoints;
using TempAct.World.Rendering;
using TorchSharp;
using static TorchSharp.torch;

namespace TempAct.Judges.Aesthetic;

/// <summary>
/// S_aes: the learned aesthetic scorer. Each frame's score is σ(logit) of <see cref="AestheticNet"/>; a clip's total is
/// the mean over its frames, with the worst frame as a sub-score. Owns its network (dispose it); scoring is serialised
/// because torch's thread pool is process-global.
/// </summary>
public sealed class AestheticScorer : IAestheticScorer, IDisposable
{
    private readonly AestheticNet net;
    private readonly object gate = new();
    private const int FramesPerForward = 256;

    /// <summary>Wraps a network (taken over: disposed with the scorer).</summary>
    public AestheticScorer(AestheticNet net, AestheticConfig config)
    {
        this.net = net; Config = config;
        net.eval();
    }

    /// <summary>The network's shape.</summary>
    public AestheticConfig Config { get; }

    /// <summary>Loads a scorer from a checkpoint folder (model.safetensors + config.json, e.g. models/aesthetic);
    /// <see cref="CheckpointException"/> when it is missing or does not fit.</summary>
    public static AestheticScorer Load(string dir)
    {
        var config = WeightStore.LoadConfig<AestheticConfig>(dir);
        try { config.Validate(); }
        catch (ArgumentException e) { throw new CheckpointException($"{Path.Combine(dir, WeightStore.ConfigFile)}: {e.Message}", e); }
        var net = new AestheticNet(config, new Random(0));
        WeightStore.LoadWeights(net, dir);
        return new AestheticScorer(net, config);
    }

    /// <inheritdoc />
    /// <remarks>All clips' frames go through the network together (forwards of up to 256 frames), not clip by clip.</remarks>
    public Task<IReadOnlyList<JudgeScore>> ScoreAsync(IReadOnlyList<Video> clips, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var results = new JudgeScore[clips.Count];
        if (clips.Count == 0) return Task.FromResult<IReadOnlyList<JudgeScore>>(results);
        int h = clips[0].Height, w = clips[0].Width;
        if (clips.Any(c => c.Height != h || c.Width != w)) return Task.FromResult<IReadOnlyList<JudgeScore>>(clips.Select(Score).ToArray());
        var data = new float[clips.Sum(c => (long)c.Data.Length)];
        long at = 0;
        foreach (var c in clips) { Array.Copy(c.Data, 0, data, at, c.Data.Length); at += c.Data.Length; }
        var frames = ScoreFrames(data, clips.Sum(c => c.Frames), h, w);
        for (int i = 0, f = 0; i < clips.Count; f += clips[i].Frames, i++)
            results[i] = Summary(frames.AsSpan(f, clips[i].Frames).ToArray());
        return Task.FromResult<IReadOnlyList<JudgeScore>>(results);
    }

    /// <summary>Scores one clip: mean and minimum of its frames' scores.</summary>
    public JudgeScore Score(Video clip) => Summary(ScoreFrames(clip.Data, clip.Frames, clip.Height, clip.Width));

    private static JudgeScore Summary(float[] frames)
    {
        var subs = new Dictionary<string, double> { [SubScoreNames.FrameMean] = frames.Average(), [SubScoreNames.FrameMin] = frames.Min() };
        return new JudgeScore(subs[SubScoreNames.FrameMean], subs);
    }

    /// <summary>σ(logit) per frame of <paramref name="count"/> planar frames [count, 3, H, W] in [−1, 1].</summary>
    public float[] ScoreFrames(float[] data, int count, int height, int width) => Run(data, count, height, width, logits: false);

    /// <summary>Raw logits per frame (for ranking: a monotone function of the scores).</summary>
    public float[] Logits(float[] data, int count, int height, int width) => Run(data, count, height, width, logits: true);

    private float[] Run(float[] data, int count, int height, int width, bool logits)
    {
        if (height != Config.ImageSize || width != Config.ImageSize)
            throw new ArgumentException($"the aesthetic scorer takes {Config.ImageSize}×{Config.ImageSize} frames, got {height}×{width}");
        if (data.Length < count * 3 * height * width) throw new ArgumentException($"{count} frames need {count * 3 * height * width} values, got {data.Length}");
        var result = new float[count];
        lock (gate)
        {
            for (int start = 0; start < count; start += FramesPerForward)
            {
                int n = Math.Min(FramesPerForward, count - start);
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                var x = tensor(data.AsSpan(start * 3 * height * width, n * 3 * height * width).ToArray()).reshape(n, 3, height, width);
                var y = net.forward(x);
                if (!logits) y = y.sigmoid();
                y.data<float>().CopyTo(result.AsSpan(start, n));
            }
        }
        return result;
    }

    /// <inheritdoc />
    public void Dispose() => net.Dispose();
}
