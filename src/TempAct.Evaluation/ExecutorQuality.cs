using System.Diagnostics;
using TempAct.Evaluation.Metrics;
using TempAct.Evaluation.Report;
using TempAct.Judges.Aesthetic;
using TempAct.Judges.Oracle;
using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.World.Benchmarks;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;
using TempAct.World.Rendering;

namespace TempAct.Evaluation;

/// <summary>
/// Measures an executor: (a) on held-out single-event step prompts, event success and frame quality next
/// to the ground truth's; (b) on benchmark instructions, the temporal metrics of the three baseline modes — the
/// instruction on every chunk (<see cref="BaselineMode.Global"/>, expected timing = the instruction's default spans) and
/// the rule teacher's plan (one canonical step prompt per event, uniform chunk spans) switched without or with re-caching
/// (expected timing = the plan's spans, so the delay counts from the real switch). Deterministic in the options' seed:
/// the k-th batch of a part gets the same noise seed in every mode.
/// </summary>
public static class ExecutorQuality
{
    private const long SingleStage = 1, MultiStage = 2;

    /// <summary>Videos <see cref="Measure"/> generates and scores (the progress total).</summary>
    public static int Work(ExecutorQualityOptions options, int setCount) =>
        options.SingleCount + options.Modes.Count * Math.Min(options.MultiCount, setCount) + Switching.SwitchReaction.Work(options);

    /// <summary>Runs both parts on <paramref name="model"/>; <paramref name="onVideos"/> hears how many videos each batch
    /// finished; cancellation is checked between batches.</summary>
    public static ExecutorQualityReport Measure(ExecutorTransformer model, IReadOnlyList<BenchmarkItem> set, ExecutorQualityOptions options,
        Action<int>? onVideos = null, CancellationToken cancellation = default)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        var generator = new VideoGenerator(model);
        var samples = new List<QualitySample>();
        var single = MeasureSingle(generator, options, samples, onVideos, cancellation);
        var items = set.Take(options.MultiCount).ToList();
        var modes = MeasureModes(generator, items, options, samples, onVideos, cancellation);
        var switching = options.SwitchPlans > 0 ? Switching.SwitchReaction.Measure(generator, options, onVideos, cancellation) : null;
        return new ExecutorQualityReport(options, single, items, modes, samples, clock.Elapsed.TotalSeconds) { Switch = switching };
    }

    private static SingleEventQuality MeasureSingle(VideoGenerator generator, ExecutorQualityOptions o, List<QualitySample> samples, Action<int>? onVideos,
        CancellationToken cancellation)
    {
        var prompts = ExecutorClips.HeldOutSingleEvents(o.Seed, o.SingleCount);
        int n = prompts.Count, frames = o.SingleFrames, chunks = generator.ChunksFor(frames);
        var success = new double[n];
        var generatedQuality = new double[n];
        var truthQuality = new double[n];
        for (int b = 0, start = 0; start < n; b++, start += o.BatchSize)
        {
            // 1. Generate a batch: the step prompt on every chunk.
            cancellation.ThrowIfCancellationRequested();
            var batch = prompts.Skip(start).Take(o.BatchSize).ToList();
            var pixels = generator.Generate(batch.Select(p => (IReadOnlyList<string>)Enumerable.Repeat(p.Text, chunks).ToArray()).ToList(),
                frames, Seed(o.Seed, SingleStage, b), SwitchMode.None, batch.Select(p => ExecutorClips.InitialState(p.Scene)).ToList());
            // 2. Score it against the ground-truth render.
            var videos = new (Video Generated, Video Truth)[batch.Count];
            Parallel.For(0, batch.Count, k =>
            {
                var p = batch[k];
                var generated = ToVideo(generator, frames, pixels[k]);
                var truth = Renderer.Render(p.Scene, EventTiming.Assign(p.Events, frames), frames);
                success[start + k] = SingleEventCheck.Shows(generated, p.Events[0]) ? 1 : 0;
                generatedQuality[start + k] = FrameQuality.Score(generated).Total;
                truthQuality[start + k] = FrameQuality.Score(truth).Total;
                videos[k] = (generated, truth);
            });
            // 3. Keep the first few as examples.
            for (int k = 0; k < batch.Count && start + k < o.Samples; k++)
                samples.Add(new QualitySample($"single_{start + k:000}", batch[k].Text, [("generated", videos[k].Generated), ("ground truth", videos[k].Truth)]));
            onVideos?.Invoke(batch.Count);
        }
        return new SingleEventQuality(n, frames, ConfidenceInterval.Of(success), ConfidenceInterval.Of(generatedQuality), ConfidenceInterval.Of(truthQuality));
    }

    private static List<ModeQuality> MeasureModes(VideoGenerator generator, IReadOnlyList<BenchmarkItem> items, ExecutorQualityOptions o,
        List<QualitySample> samples, Action<int>? onVideos, CancellationToken cancellation)
    {
        var judge = new OracleVideoJudge();
        var batches = Batches(items, o.BatchSize);
        var scores = o.Modes.ToDictionary(m => m, _ => new TemporalScores[items.Count]);
        var kept = new Dictionary<(BaselineMode, int), Video>();
        foreach (var mode in o.Modes)
            for (int b = 0; b < batches.Count; b++)
            {
                // 1. Prompts and expected timing per video; the batch shares frames and step count, so its switches too.
                cancellation.ThrowIfCancellationRequested();
                var batch = batches[b];
                int frames = items[batch[0]].Frames, chunks = generator.ChunksFor(frames);
                var jobs = batch.Select(i => Job(mode, items[i], chunks, generator.Model.Config.ChunkFrames)).ToList();
                var pixels = generator.Generate(jobs.Select(j => j.Prompts).ToList(), frames, Seed(o.Seed, MultiStage, b),
                    mode == BaselineMode.StepRecache ? SwitchMode.Recache : SwitchMode.None,
                    batch.Select(i => ExecutorClips.InitialState(items[i].Instruction.Scene)).ToList());
                // 2. Score every video.
                var videos = new Video[batch.Length];
                Parallel.For(0, batch.Length, k =>
                {
                    videos[k] = ToVideo(generator, frames, pixels[k]);
                    scores[mode][batch[k]] = TemporalMetrics.Measure(videos[k], items[batch[k]].Instruction, jobs[k].Expected, judge);
                });
                for (int k = 0; k < batch.Length; k++)
                    if (batch[k] < o.Samples) kept[(mode, batch[k])] = videos[k];
                onVideos?.Invoke(batch.Length);
            }
        // 3. Examples: every mode's video of the first instructions beside the ground truth at the set's timing.
        for (int i = 0; i < Math.Min(o.Samples, items.Count) && o.Modes.Count > 0; i++)
        {
            var item = items[i];
            var panels = o.Modes.Select(m => (ModeQuality.NameOf(m), kept[(m, i)])).ToList();
            panels.Add(("ground truth", Renderer.Render(item.Instruction.Scene, item.Timed, item.Frames)));
            samples.Add(new QualitySample($"multi_{i:000}", item.Instruction.Text, panels));
        }
        return o.Modes.Select(m => new ModeQuality(m, TemporalSummary.Of(scores[m]), scores[m])).ToList();
    }

    /// <summary>What one video of a mode is prompted with and measured against.</summary>
    private static (IReadOnlyList<string> Prompts, IReadOnlyList<TimedEvent> Expected) Job(BaselineMode mode, BenchmarkItem item, int chunks, int chunkFrames)
    {
        if (mode == BaselineMode.Global) return (Enumerable.Repeat(item.Instruction.Text, chunks).ToArray(), item.Timed);
        var plan = RuleTeacher.Plan(item.Instruction, chunks);
        return (VideoGenerator.ChunkPrompts(plan, lookAhead: false), PlanTiming(item.Instruction, plan, item.Frames, chunkFrames));
    }

    /// <summary>Event m at step m's frames (the last step cut at the video's end).</summary>
    public static IReadOnlyList<TimedEvent> PlanTiming(Instruction instruction, StepPlan plan, int frames, int chunkFrames)
    {
        if (plan.Steps.Count != instruction.Events.Count)
            throw new ArgumentException($"the plan has {plan.Steps.Count} steps, the instruction {instruction.Events.Count} events");
        return plan.Steps.Select((s, m) => new TimedEvent(instruction.Events[m],
            new FrameSpan(Math.Min(s.Chunks.First * chunkFrames, frames), Math.Min(s.Chunks.End * chunkFrames, frames)))).ToList();
    }

    /// <summary>Batches of item indices sharing frames and event count (so uniform plans switch at the same chunks),
    /// in set order within a group.</summary>
    private static List<int[]> Batches(IReadOnlyList<BenchmarkItem> items, int size) =>
        Enumerable.Range(0, items.Count)
            .GroupBy(i => (items[i].Frames, items[i].Instruction.Events.Count))
            .OrderBy(g => g.Key.Frames).ThenBy(g => g.Key.Count)
            .SelectMany(g => g.Chunk(size))
            .ToList();

    private static Video ToVideo(VideoGenerator generator, int frames, float[] pixels) =>
        new(frames, generator.Model.Config.FrameSize, generator.Model.Config.FrameSize, pixels);

    /// <summary>The noise seed of batch <paramref name="batch"/> of a part: a fixed mix, never <see cref="HashCode"/>
    /// (randomised per process).</summary>
    internal static long Seed(long seed, long stage, int batch) => unchecked(seed * 1_000_003L + stage * 100_003L + batch);
}
