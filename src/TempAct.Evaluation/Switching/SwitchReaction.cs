using TempAct.Models.Executor;
using TempAct.World.Rendering;

namespace TempAct.Evaluation.Switching;

/// <summary>
/// The switch-reaction measurement: does the executor start a new step's action soon after its prompt takes over? For
/// each held-out two-step plan (<see cref="SwitchPlan.HeldOut"/>: step 1 on chunks [0, s), step 2 from chunk s), K videos
/// with different noise, in each switch mode, from the plan scene's still initial state; each scored by the tracker
/// (<see cref="SwitchOutcome"/>). Generation is batched (a batch's videos all switch at chunk s) and batch b gets the same
/// noise seed in every mode, so before the switch the modes' videos are identical (common random numbers).
/// </summary>
public static class SwitchReaction
{
    private const long Stage = 3;

    /// <summary>Videos <see cref="Measure"/> generates (the progress total).</summary>
    public static int Work(ExecutorQualityOptions o) => o.SwitchPlans * o.SwitchContinuations * o.SwitchModes.Count;

    /// <summary>Measures <paramref name="generator"/>'s model; <paramref name="onVideos"/> hears how many videos each batch
    /// finished; cancellation is checked between batches.</summary>
    public static SwitchReactionReport Measure(VideoGenerator generator, ExecutorQualityOptions o, Action<int>? onVideos = null,
        CancellationToken cancellation = default)
    {
        var plans = SwitchPlan.HeldOut(o.Seed, o.SwitchPlans);
        int k = o.SwitchContinuations, frames = o.SwitchFrames, chunks = generator.ChunksFor(frames), cf = generator.Model.Config.ChunkFrames;
        int s = generator.Model.Config.FrameSize, switchFrame = o.SwitchChunk * cf;
        // Video v is continuation v % K of plan v / K.
        var prompts = Enumerable.Range(0, plans.Count * k).Select(v => (IReadOnlyList<string>)Enumerable.Range(0, chunks)
            .Select(c => c < o.SwitchChunk ? plans[v / k].FirstPrompt : plans[v / k].SecondPrompt).ToArray()).ToList();
        var contexts = plans.Select(p => ExecutorClips.InitialState(p.Scene)).ToList();
        var modes = new List<ModeReaction>();
        foreach (var mode in o.SwitchModes)
        {
            var outcomes = new SwitchOutcome[prompts.Count];
            for (int b = 0, start = 0; start < prompts.Count; b++, start += o.BatchSize)
            {
                cancellation.ThrowIfCancellationRequested();
                int n = Math.Min(o.BatchSize, prompts.Count - start);
                var pixels = generator.Generate(prompts.GetRange(start, n), frames, ExecutorQuality.Seed(o.Seed, Stage, b), mode,
                    Enumerable.Range(start, n).Select(v => contexts[v / k]).ToList());
                Parallel.For(0, n, i => outcomes[start + i] = SwitchOutcome.Of(new Video(frames, s, s, pixels[i]), plans[(start + i) / k], switchFrame,
                    o.SwitchWindowChunks * cf));
                onVideos?.Invoke(n);
            }
            modes.Add(ModeReaction.Of(mode, plans.Select((_, p) => (IReadOnlyList<SwitchOutcome>)outcomes.Skip(p * k).Take(k).ToArray()).ToList()));
        }
        return new SwitchReactionReport(plans, k, frames, o.SwitchChunk, o.SwitchWindowChunks, cf, modes);
    }
}
