using System.Diagnostics;
using TempAct.Evaluation.Metrics;
using TempAct.Judges.Oracle;
using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.World.Benchmarks;
using TempAct.World.Events;
using TempAct.World.Plans;
using TempAct.World.Rendering;
using TempAct.World.Simulation;
using TempAct.World.Tracking;

namespace TempAct.Evaluation.Eval;

/// <summary>
/// The `eval` run: for each mode, every instruction × seed becomes one video that starts from the instruction's own scene
/// (<see cref="ExecutorClips.InitialState"/> as the context chunk). Single prompts every chunk with the instruction; step
/// and tempact prompt each chunk with the step of one sampled plan (tempact with its manifest's look-ahead if set; a
/// plan that is not valid, does not give one step per
/// event, or uses a word the executor cannot read falls back to the instruction on every chunk and is counted). All the
/// videos of a mode that share a length are generated as one batch, chunk by chunk; then the oracle scores each.
/// Deterministic in the options' seed.
/// </summary>
public static class EvalRunner
{
    private const long PlanRole = 0x706C616E, NoiseRole = 0x6E6F6973;

    /// <summary>Runs every mode of <paramref name="options"/> on <paramref name="set"/>. <paramref name="onVideo"/>, when
    /// given, sees every video once it is scored (on the calling thread, mode by mode, batch by batch), so a report can
    /// write it out without the run holding every video's frames.</summary>
    public static EvalReport Run(EvalSet set, EvalModels models, EvalOptions options, IProgress<EvalProgress>? progress = null,
        CancellationToken cancellation = default, Action<EvalVideo>? onVideo = null)
    {
        options.Validate();
        foreach (var mode in options.Modes) models.For(mode); // a missing network fails before any work
        var clock = Stopwatch.StartNew();
        var results = options.Modes.Select(m => RunMode(m, set.Items, models, options, progress, cancellation, onVideo)).ToList();
        return new EvalReport(set.Name, options.Switch, options.Seeds, results, set.Skipped, clock.Elapsed.TotalSeconds);
    }

    /// <summary>What one video is prompted with and measured against.</summary>
    private sealed record Job(int Item, int SeedIndex, IReadOnlyList<string> Prompts, IReadOnlyList<TimedEvent> Expected, bool Fallback,
        StepPlan? Plan = null);

    private static ModeResult RunMode(EvalMode mode, IReadOnlyList<BenchmarkItem> items, EvalModels models, EvalOptions o,
        IProgress<EvalProgress>? progress, CancellationToken cancellation, Action<EvalVideo>? onVideo)
    {
        var (planner, executor) = models.For(mode);
        var generator = new VideoGenerator(executor);
        int total = items.Sum(i => generator.ChunksFor(i.Frames)) * o.Seeds, done = 0;
        progress?.Report(new EvalProgress(mode, 0, total));

        // 1. Prompts and expected timing of every video (plans sampled per instruction, all seeds at once).
        var jobs = new List<Job>();
        for (int i = 0; i < items.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            jobs.AddRange(Jobs(i, items[i], planner, generator, o, mode == EvalMode.TempAct && models.TempActLookAhead));
        }

        // 2. Generate each length group as one batch (up to the batch size), chunk by chunk; 3. score every video.
        var scores = new VideoScores[jobs.Count];
        var judge = new OracleVideoJudge();
        var switchMode = mode == EvalMode.Single ? SwitchMode.None : o.Switch;
        int size = executor.Config.FrameSize, frameValues = 3 * size * size;
        var groups = Enumerable.Range(0, jobs.Count).GroupBy(j => items[jobs[j].Item].Frames).OrderBy(g => g.Key)
            .SelectMany(g => g.Chunk(o.BatchSize)).ToList();
        for (int g = 0; g < groups.Count; g++)
        {
            var batch = groups[g];
            int frames = items[jobs[batch[0]].Item].Frames;
            var pixels = batch.Select(_ => new float[frames * frameValues]).ToArray();
            foreach (var chunk in generator.Stream(batch.Select(j => jobs[j].Prompts).ToList(), frames, StableSeed.Of(o.Seed, NoiseRole, (long)mode, g),
                switchMode, batch.Select(j => ExecutorClips.InitialState(items[jobs[j].Item].Instruction.Scene)).ToList()))
            {
                cancellation.ThrowIfCancellationRequested();
                for (int v = 0; v < batch.Length; v++)
                    Array.Copy(chunk.Pixels, v * chunk.Frames * frameValues, pixels[v], chunk.FirstFrame * frameValues, chunk.Frames * frameValues);
                done += batch.Length;
                progress?.Report(new EvalProgress(mode, done, total));
            }
            var videos = pixels.Select(p => new Video(frames, size, size, p)).ToList();
            var aesthetic = models.Aesthetic.ScoreAsync(videos, cancellation).GetAwaiter().GetResult();
            var tracking = new TrackingResult[batch.Length];
            Parallel.For(0, batch.Length, k =>
            {
                var job = jobs[batch[k]];
                var instruction = items[job.Item].Instruction;
                tracking[k] = Tracker.Track(videos[k]);
                scores[batch[k]] = new VideoScores(TemporalMetrics.Measure(videos[k], tracking[k], instruction, job.Expected, judge), aesthetic[k].Total,
                    IdentityConsistency.Of(tracking[k], instruction.Events));
            });
            if (onVideo is not null)
                for (int k = 0; k < batch.Length; k++)
                {
                    var job = jobs[batch[k]];
                    onVideo(new EvalVideo(mode, job.Item, job.SeedIndex, videos[k], job.Plan, job.Fallback, job.Expected,
                        Switches(job.Plan, generator.Model.Config.ChunkFrames, frames), tracking[k], scores[batch[k]]));
                }
        }
        return ModeResult.Of(mode, scores, jobs.Count(j => j.Fallback));
    }

    /// <summary>The videos of item <paramref name="index"/>, one per seed.</summary>
    private static IEnumerable<Job> Jobs(int index, BenchmarkItem item, IPlanner? planner, VideoGenerator generator, EvalOptions o, bool lookAhead)
    {
        int chunks = generator.ChunksFor(item.Frames), chunkFrames = generator.Model.Config.ChunkFrames;
        var instruction = item.Instruction;
        var caption = Enumerable.Repeat(instruction.Text, chunks).ToArray();
        if (planner is null)
        {
            for (int s = 0; s < o.Seeds; s++) yield return new Job(index, s, caption, item.Timed, false);
            yield break;
        }
        var plans = planner.Sample(instruction.Text, instruction.Events.Count, chunks, o.Seeds, StableSeed.Of(o.Seed, PlanRole, index));
        for (int s = 0; s < o.Seeds; s++)
        {
            var parsed = plans[s].Parsed;
            bool usable = parsed.IsValid && parsed.Plan.Steps.Count == instruction.Events.Count && parsed.Plan.TotalChunks == chunks
                && Readable(generator.Model, parsed.Plan.Steps.Select(st => st.Prompt));
            yield return usable
                ? new Job(index, s, VideoGenerator.ChunkPrompts(parsed.Plan, lookAhead),
                    ExecutorQuality.PlanTiming(instruction, parsed.Plan, item.Frames, chunkFrames), false, parsed.Plan)
                : new Job(index, s, caption, item.Timed, true);
        }
    }

    /// <summary>The switch points of a video: the first frame of every step of its plan but the first (within the video);
    /// none without a plan (one caption throughout).</summary>
    internal static IReadOnlyList<int> Switches(StepPlan? plan, int chunkFrames, int frames) =>
        plan is null ? [] : plan.SwitchChunks.Select(c => c * chunkFrames).Where(f => f < frames).ToList();

    private static bool Readable(ExecutorTransformer model, IEnumerable<string> prompts)
    {
        try { foreach (var p in prompts) model.Tokenize(p); return true; }
        catch (PromptException) { return false; }
    }
}
