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
/// (<see cref="ExecutorClips.InitialState"/> as the context chunk). Single prompts every chunk with the instruction; the
/// other modes prompt each chunk with the step of one sampled plan, executed as the mode's weights were trained
/// (<see cref="EvalMode.Executed"/>: uniform spans for the uniform-spans arm; "s_m ; s_{m+1}" prompts when the weights
/// look ahead). A plan that is not valid, does not give one step per event, or whose chunk prompts use a word the
/// executor cannot read falls back to the instruction on every chunk and is counted. The plans of every instruction are
/// sampled in one batch (<see cref="IPlanner.SampleEach"/>: each instruction from its own seed), then all the videos of
/// a mode that share a length are generated as one batch (up to the batch size), chunk by chunk; then the aesthetic
/// scorer and the oracle score each. Deterministic in the options' seed; where the time went is in
/// <see cref="EvalReport.Phases"/>.
/// </summary>
public static class EvalRunner
{
    private const long PlanRole = 0x706C616E, NoiseRole = 0x6E6F6973;

    /// <summary>The phases of <see cref="EvalReport.Phases"/>, in order: sampling plans, generating videos, the learned
    /// aesthetic scorer, the oracle (tracking and metrics), and handing each video to the report (GIFs).</summary>
    public static IReadOnlyList<string> PhaseNames { get; } = ["planning", "generation", "aesthetic", "oracle", "report"];

    /// <summary>Runs every mode of <paramref name="options"/> on <paramref name="set"/>. <paramref name="onVideo"/>, when
    /// given, sees every video once it is scored (on the calling thread, mode by mode, batch by batch), so a report can
    /// write it out without the run holding every video's frames.</summary>
    public static EvalReport Run(EvalSet set, EvalModels models, EvalOptions options, IProgress<EvalProgress>? progress = null,
        CancellationToken cancellation = default, Action<EvalVideo>? onVideo = null)
    {
        options.Validate();
        foreach (var mode in options.Modes) models.For(mode); // a missing network fails before any work
        var clock = Stopwatch.StartNew();
        var phases = new Phases();
        var results = options.Modes.Select(m => RunMode(m, set.Items, models, options, progress, cancellation, onVideo, phases)).ToList();
        return new EvalReport(set.Name, options.Switch, options.Seeds, results, set.Skipped, clock.Elapsed.TotalSeconds)
        {
            Phases = phases.Seconds(), Instructions = set.Items.Select(i => i.Instruction.Text).ToList(),
        };
    }

    /// <summary>What one video is prompted with and measured against.</summary>
    private sealed record Job(int Item, int SeedIndex, IReadOnlyList<string> Prompts, IReadOnlyList<TimedEvent> Expected, bool Fallback,
        StepPlan? Plan = null);

    /// <summary>Seconds a phase, summed over modes and batches.</summary>
    private sealed class Phases
    {
        private readonly double[] seconds = new double[PhaseNames.Count];
        private readonly Stopwatch lap = new();

        public void Start() => lap.Restart();

        public void Lap(string phase)
        {
            seconds[PhaseNames.ToList().IndexOf(phase)] += lap.Elapsed.TotalSeconds;
            lap.Restart();
        }

        public IReadOnlyList<(string Phase, double Seconds)> Seconds() => PhaseNames.Select((p, i) => (p, seconds[i])).ToList();
    }

    private static ModeResult RunMode(EvalMode mode, IReadOnlyList<BenchmarkItem> items, EvalModels models, EvalOptions o,
        IProgress<EvalProgress>? progress, CancellationToken cancellation, Action<EvalVideo>? onVideo, Phases phases)
    {
        var (planner, executor, lookAhead) = models.For(mode);
        var generator = new VideoGenerator(executor);
        int total = items.Sum(i => generator.ChunksFor(i.Frames)) * o.Seeds, done = 0;
        progress?.Report(new EvalProgress(mode, 0, total));

        // 1. Prompts and expected timing of every video (every instruction's plans in one batched call, all seeds at once).
        phases.Start();
        var jobs = Jobs(items, mode, planner, generator, o, lookAhead, cancellation);
        phases.Lap("planning");

        // 2. Generate each length group as one batch (up to the batch size), chunk by chunk; 3. score every video.
        var scores = new VideoScores[jobs.Count];
        var judge = new OracleVideoJudge();
        var switchMode = mode.SwitchIn(o.Switch);
        int size = executor.Config.FrameSize, frameValues = 3 * size * size;
        var groups = Enumerable.Range(0, jobs.Count).GroupBy(j => items[jobs[j].Item].Frames).OrderBy(g => g.Key)
            .SelectMany(g => g.Chunk(o.BatchSize)).ToList();
        for (int g = 0; g < groups.Count; g++)
        {
            var batch = groups[g];
            int frames = items[jobs[batch[0]].Item].Frames;
            var pixels = batch.Select(_ => new float[frames * frameValues]).ToArray();
            foreach (var chunk in generator.Stream(batch.Select(j => jobs[j].Prompts).ToList(), frames, StableSeed.Of(o.Seed, NoiseRole, mode.NoiseKey, g),
                switchMode, batch.Select(j => ExecutorClips.InitialState(items[jobs[j].Item].Instruction.Scene)).ToList()))
            {
                cancellation.ThrowIfCancellationRequested();
                for (int v = 0; v < batch.Length; v++)
                    Array.Copy(chunk.Pixels, v * chunk.Frames * frameValues, pixels[v], chunk.FirstFrame * frameValues, chunk.Frames * frameValues);
                done += batch.Length;
                progress?.Report(new EvalProgress(mode, done, total));
            }
            phases.Lap("generation");
            var videos = pixels.Select(p => new Video(frames, size, size, p)).ToList();
            var aesthetic = models.Aesthetic.ScoreAsync(videos, cancellation).GetAwaiter().GetResult();
            phases.Lap("aesthetic");
            var tracking = new TrackingResult[batch.Length];
            Parallel.For(0, batch.Length, k =>
            {
                var job = jobs[batch[k]];
                var instruction = items[job.Item].Instruction;
                tracking[k] = Tracker.Track(videos[k]);
                scores[batch[k]] = new VideoScores(TemporalMetrics.Measure(videos[k], tracking[k], instruction, job.Expected, judge), aesthetic[k].Total,
                    IdentityConsistency.Of(tracking[k], instruction.Events)) { Item = job.Item, Seed = job.SeedIndex };
            });
            phases.Lap("oracle");
            if (onVideo is not null)
                for (int k = 0; k < batch.Length; k++)
                {
                    var job = jobs[batch[k]];
                    onVideo(new EvalVideo(mode, job.Item, job.SeedIndex, videos[k], job.Plan, job.Fallback, job.Expected,
                        Switches(job.Plan, generator.Model.Config.ChunkFrames, frames), tracking[k], scores[batch[k]]) { Prompts = job.Prompts });
                }
            phases.Lap("report");
        }
        return ModeResult.Of(mode, scores, jobs.Count(j => j.Fallback)) with { Switch = switchMode, LookAhead = lookAhead };
    }

    /// <summary>Every video of the mode, instruction-major (item i, seed s at i × seeds + s).</summary>
    private static List<Job> Jobs(IReadOnlyList<BenchmarkItem> items, EvalMode mode, IPlanner? planner, VideoGenerator generator, EvalOptions o,
        bool lookAhead, CancellationToken cancellation)
    {
        var jobs = new List<Job>();
        int chunkFrames = generator.Model.Config.ChunkFrames;
        var chunks = items.Select(i => generator.ChunksFor(i.Frames)).ToArray();
        IReadOnlyList<IReadOnlyList<PlanSample>>? plans = null;
        if (planner is not null)
            plans = planner.SampleEach(items.Select((it, i) => new PlanRequest(it.Instruction.Text, it.Instruction.Events.Count, chunks[i])).ToList(),
                o.Seeds, items.Select((_, i) => (long)StableSeed.Of(o.Seed, PlanRole, i)).ToList());
        for (int i = 0; i < items.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            var item = items[i];
            var instruction = item.Instruction;
            var caption = Enumerable.Repeat(instruction.Text, chunks[i]).ToArray();
            for (int s = 0; s < o.Seeds; s++)
            {
                if (plans is null) { jobs.Add(new Job(i, s, caption, item.Timed, false)); continue; }
                var parsed = plans[i][s].Parsed;
                StepPlan? executed = parsed.IsValid && parsed.Plan.Steps.Count == instruction.Events.Count && parsed.Plan.TotalChunks == chunks[i]
                    ? mode.Executed(parsed.Plan, chunks[i]) : null;
                var prompts = executed is null ? null : VideoGenerator.ChunkPrompts(executed, lookAhead);
                jobs.Add(prompts is not null && Readable(generator.Model, prompts.Distinct())
                    ? new Job(i, s, prompts, ExecutorQuality.PlanTiming(instruction, executed!, item.Frames, chunkFrames), false, executed)
                    : new Job(i, s, caption, item.Timed, true));
            }
        }
        return jobs;
    }

    /// <summary>The switch points of a video: the first frame of every step of its plan but the first (within the video);
    /// none without a plan (one caption throughout).</summary>
    internal static IReadOnlyList<int> Switches(StepPlan? plan, int chunkFrames, int frames) =>
        plan is null ? [] : plan.SwitchChunks.Select(c => c * chunkFrames).Where(f => f < frames).ToList();

    private static bool Readable(ExecutorTransformer model, IEnumerable<string> prompts) => model.CanRead(prompts);
}
