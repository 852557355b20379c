using System.Diagnostics;
using TempAct.Models.Runtime;
using TempAct.World.Plans;
using TorchSharp;
using static TorchSharp.torch;

namespace TempAct.Models.Executor;

/// <summary>How the executor reacts when a step prompt changes between chunks.</summary>
public enum SwitchMode
{
    /// <summary>Self-Forcing: swap the text condition, keep the KV cache as it is.</summary>
    None,
    /// <summary>LongLive: re-encode the frames the cache holds under the new prompt, then go on.</summary>
    Recache,
}

/// <summary>One generated chunk as soon as it is ready: frames [B, C, 3, S, S] flattened on the CPU, in [−1, 1].</summary>
public sealed record GeneratedChunk(int Index, int FirstFrame, int Frames, float[] Pixels, TimeSpan Elapsed);

/// <summary>
/// Streaming chunk-wise generation on a <see cref="Rollout"/>: for each chunk, commit the previous chunk's clean K/V (the
/// t = 0 re-run, done lazily so a chunk is yielded the moment its last denoising step ends), switch the prompt of the
/// videos whose plan says so (each re-encoded, and re-cached, on its own), then run the few-step sampler with each
/// video's own noise stream. On the CPU a small batch runs with <see cref="SmallBatchCpu"/>'s settings while the stream
/// is open; the caller's are back when it ends or is disposed.
/// </summary>
public sealed class VideoGenerator(ExecutorTransformer model)
{
    /// <summary>The model.</summary>
    public ExecutorTransformer Model => model;

    /// <summary>Chunks needed for <paramref name="frames"/> frames.</summary>
    public int ChunksFor(int frames)
    {
        if (frames <= 0) throw new ArgumentOutOfRangeException(nameof(frames), $"frames must be positive (got {frames})");
        return (int)(((long)frames + model.Config.ChunkFrames - 1) / model.Config.ChunkFrames); // long: int.MaxValue frames must not wrap
    }

    /// <summary>The per-chunk text of a plan: step m's prompt, or with look-ahead "s_m ; s_{m+1}" (the last step alone).</summary>
    public static string[] ChunkPrompts(StepPlan plan, bool lookAhead)
    {
        var result = new string[plan.TotalChunks];
        for (int m = 0; m < plan.Steps.Count; m++)
        {
            var s = plan.Steps[m];
            string text = lookAhead && m + 1 < plan.Steps.Count ? $"{s.Prompt} ; {plan.Steps[m + 1].Prompt}" : s.Prompt;
            for (int c = s.Chunks.First; c < s.Chunks.End; c++) result[c] = text;
        }
        return result;
    }

    /// <summary>
    /// Streams a batch of videos: <paramref name="prompts"/>[video][chunk] (every video the same chunk count),
    /// <paramref name="frames"/> frames (the last chunk is cut when it does not divide), noise from <paramref name="seed"/>.
    /// <paramref name="contexts"/>[video] is the context chunk (one chunk of frames, usually
    /// <see cref="ExecutorClips.InitialState"/> of the scene) written into the cache under the first prompt before
    /// anything is generated; it is not part of the output. Without contexts the first chunk is drawn from noise alone
    /// (text-to-video; the base model was not trained to make that sharp in four steps). Video v's noise is the stream
    /// <see cref="NoiseStreams.ForSeed"/>(seed, v): the same video whatever else is in the batch.
    /// </summary>
    public IEnumerable<GeneratedChunk> Stream(IReadOnlyList<IReadOnlyList<string>> prompts, int frames, long seed, SwitchMode mode = SwitchMode.None,
        IReadOnlyList<float[]>? contexts = null)
    {
        int chunks = ChunksFor(frames), b = prompts.Count, cf = model.Config.ChunkFrames;
        if (b == 0) throw new ArgumentException("no videos to generate");
        for (int i = 0; i < b; i++)
            if (prompts[i].Count != chunks)
                throw new ArgumentException($"video {i}: the prompts cover {prompts[i].Count} chunks ({prompts[i].Count * cf} frames), the video needs {chunks} chunks for {frames} frames");
        // Read every prompt before the first chunk: a bad word fails now, not halfway through a video.
        foreach (var p in prompts.SelectMany(x => x).Distinct()) model.Tokenize(p);
        int s = model.Config.FrameSize, contextSize = cf * 3 * s * s;
        if (contexts is not null && (contexts.Count != b || contexts.Any(c => c.Length != contextSize)))
            throw new ArgumentException($"contexts: one chunk ({cf} frames × 3 × {s} × {s} values) per video is needed for {b} videos");

        var clock = Stopwatch.StartNew();
        // Once for the whole stream, not per chunk: the settings are process-wide, so they stay put while the stream is open.
        using var settings = SmallBatchCpu(model, b);
        using var rollout = new Rollout(model, NoiseStreams.ForSeed(seed, b, model.Device), mode);
        if (contexts is not null)
        {
            using var context = tensor(contexts.SelectMany(c => c).ToArray(), new long[] { b, cf, 3, s, s });
            rollout.Begin(prompts.Select(p => p[0]).ToArray(), context);
        }
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            float[] pixels;
            using (var scope = NewDisposeScope())
                pixels = rollout.Step(prompts.Select(p => p[chunk]).ToArray()).cpu().contiguous().data<float>().ToArray();
            int first = chunk * cf, count = Math.Min(cf, frames - first);
            yield return new GeneratedChunk(chunk, first, count, count == cf ? pixels : Cut(pixels, b, cf, count), clock.Elapsed);
        }
    }

    /// <summary>
    /// The CPU settings a small batch (≤ <see cref="TorchRuntime.SingleThreadRows"/> rows a forward) generates with, until
    /// disposed: one intra-op thread, and on a machine with two cores or more each forward's rows split over two of them
    /// (<see cref="ExecutorTransformer.RowWorkers"/>). Larger batches and CUDA keep the process settings.
    /// </summary>
    public static IDisposable SmallBatchCpu(ExecutorTransformer model, int batch)
    {
        var threads = TorchRuntime.ThreadsForRows(model.Device, (long)batch * model.Config.TokensPerChunk);
        if (threads is null) return TorchRuntime.UseThreads(null);
        int workers = model.RowWorkers;
        model.RowWorkers = Environment.ProcessorCount >= 2 ? 2 : 1;
        var restoreThreads = TorchRuntime.UseThreads(threads);
        return new TorchRuntime.Undo(() => { restoreThreads.Dispose(); model.RowWorkers = workers; });
    }

    /// <summary>Generates whole videos: [video] → frames × 3 × S × S floats in [−1, 1] (the World's video layout).</summary>
    public float[][] Generate(IReadOnlyList<IReadOnlyList<string>> prompts, int frames, long seed, SwitchMode mode = SwitchMode.None,
        IReadOnlyList<float[]>? contexts = null)
    {
        int b = prompts.Count, frameSize = 3 * model.Config.FrameSize * model.Config.FrameSize;
        var videos = Enumerable.Range(0, b).Select(_ => new float[frames * frameSize]).ToArray();
        foreach (var chunk in Stream(prompts, frames, seed, mode, contexts))
            for (int v = 0; v < b; v++)
                Array.Copy(chunk.Pixels, v * chunk.Frames * frameSize, videos[v], chunk.FirstFrame * frameSize, chunk.Frames * frameSize);
        return videos;
    }

    private float[] Cut(float[] pixels, int batch, int chunkFrames, int keep)
    {
        int frameSize = 3 * model.Config.FrameSize * model.Config.FrameSize;
        var result = new float[batch * keep * frameSize];
        for (int v = 0; v < batch; v++) Array.Copy(pixels, v * chunkFrames * frameSize, result, v * keep * frameSize, keep * frameSize);
        return result;
    }
}
