using static TorchSharp.torch;

namespace TempAct.Models.Executor;

/// <summary>
/// The pretraining clips, rendered once and kept on the training device as bytes (the trainer's storage format: [−1, 1]
/// quantised to 0…255), with each clip's caption and, for a switch clip, its second caption and switch chunk.
/// </summary>
public sealed class ExecutorClipSet : IDisposable
{
    private ExecutorClipSet(Tensor data, string[] captions, string?[] switchCaptions, int[] switchChunks)
    {
        Data = data;
        Captions = captions;
        SwitchCaptions = switchCaptions;
        SwitchChunks = switchChunks;
    }

    /// <summary>Frames as bytes [N, T, 3, S, S].</summary>
    public Tensor Data { get; }

    /// <summary>Each clip's caption (of its chunks before the switch, when it switches).</summary>
    public IReadOnlyList<string> Captions { get; }

    /// <summary>Each clip's caption from its switch chunk on; null when it never switches.</summary>
    public IReadOnlyList<string?> SwitchCaptions { get; }

    /// <summary>Each clip's switch chunk (the context is chunk 0); 0 when it never switches.</summary>
    public IReadOnlyList<int> SwitchChunks { get; }

    /// <summary>Clips in the set.</summary>
    public int Count => Captions.Count;

    /// <summary>Clips 0…<paramref name="count"/>−1 of the configured stream (<see cref="ExecutorClips.For"/>), rendered in
    /// parallel; <paramref name="onClip"/> hears (done, count) after each.</summary>
    public static ExecutorClipSet Render(ExecutorTrainConfig config, int count, Device device, Action<int, int>? onClip = null)
    {
        int frames = config.ClipFrames, s = config.Model.FrameSize, perClip = frames * 3 * s * s;
        var bytes = new byte[(long)count * perClip];
        var captions = new string[count];
        var switchCaptions = new string?[count];
        var switchChunks = new int[count];
        int done = 0;
        Parallel.For(0, count, i =>
        {
            var clip = ExecutorClips.For(config, i);
            captions[i] = clip.Caption;
            switchCaptions[i] = clip.SwitchCaption;
            switchChunks[i] = clip.SwitchChunk;
            long o = (long)i * perClip;
            for (int j = 0; j < perClip; j++) bytes[o + j] = (byte)Math.Clamp(Math.Round((clip.Pixels[j] + 1) * 127.5), 0, 255);
            onClip?.Invoke(Interlocked.Increment(ref done), count);
        });
        var data = tensor(bytes, new long[] { count, frames, 3, s, s }).to(device).DetachFromDisposeScope();
        return new ExecutorClipSet(data, captions, switchCaptions, switchChunks);
    }

    /// <summary>
    /// The training rows of a batch of clip indices. A clip that never switches is one row under its caption, every chunk
    /// counted. A clip whose caption switches at chunk s is two rows: under its first caption counting chunks &lt; s, and
    /// under the second counting chunks ≥ s. In the second row every clean chunk — the context and the chunks before the
    /// switch included — is encoded under the new caption, so the chunks after the switch see exactly the cache a
    /// re-cache leaves at inference (<see cref="ExecutorTransformer.Recache"/>, <c>--switch recache</c>); the chunks before
    /// it see the cache written under the first caption. <see cref="TrainingRows.ChunkWeights"/> is null when no clip of
    /// the batch switches (every chunk of every row counts).
    /// </summary>
    public TrainingRows Rows(IReadOnlyList<long> clips, int chunks)
    {
        if (clips.All(i => SwitchChunks[(int)i] == 0))
            return new TrainingRows([.. clips], [.. clips.Select(i => Captions[(int)i])], null);
        var rows = new List<long>(); var captions = new List<string>(); var weights = new List<float>();
        foreach (long i in clips)
        {
            int s = SwitchChunks[(int)i];
            if (s <= 0 || s >= chunks)
            {
                rows.Add(i); captions.Add(Captions[(int)i]); weights.AddRange(Enumerable.Repeat(1f, chunks));
                continue;
            }
            rows.Add(i); captions.Add(Captions[(int)i]); weights.AddRange(Enumerable.Range(0, chunks).Select(c => c < s ? 1f : 0f));
            rows.Add(i); captions.Add(SwitchCaptions[(int)i]!); weights.AddRange(Enumerable.Range(0, chunks).Select(c => c >= s ? 1f : 0f));
        }
        return new TrainingRows([.. rows], [.. captions], [.. weights]);
    }

    /// <inheritdoc />
    public void Dispose() => Data.Dispose();
}
