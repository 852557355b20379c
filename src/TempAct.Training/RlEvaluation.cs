using TempAct.Judges;
using TempAct.Judges.Aesthetic;
using TempAct.Judges.Oracle;
using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.Training.Config;
using TempAct.Training.Data;
using TempAct.Training.Metrics;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;
using TempAct.World.Rendering;
using TempAct.World.Simulation;
using TempAct.World.Tracking;
using static TorchSharp.torch;

namespace TempAct.Training;

/// <summary>
/// Evaluation on the held-out instructions: one plan per instruction from the planner (with its adapters; the same
/// seed every time), one video per plan from the executor as the caller has set it up (the trainer swaps the EMA
/// adapters in), then the oracle: S_video, event completion, S_local and its action sub-score at every switch, S_judge,
/// format and frame quality. Seeds are fixed, so evaluations at different epochs differ only by the weights.
/// </summary>
public sealed class RlEvaluation(RlConfig config, RlModels models, RlInstructions data)
{
    private const long EvalRole = 0x6576616C;

    /// <summary>Evaluates after <paramref name="epochs"/> epochs.</summary>
    public EvalMetrics Run(int epochs)
    {
        var items = data.HeldOut;
        if (items.Count == 0) return new EvalMetrics(epochs, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        // 1. One plan per instruction.
        var requests = items.Select(i => new PlanRequest(i.Text, config.Planner.Steps == PlanStepCount.EventCount ? i.Events.Count : null, data.ChunksFor(i))).ToList();
        var sampling = new SamplingOptions { Temperature = config.Planner.Temperature, TopP = config.Planner.TopP, MaxAnswerTokens = config.Planner.MaxAnswerTokens };
        var plans = BatchPlanSampler.Sample(models.Planner, models.PlannerTokenizer, sampling, requests, 1, new Generator((ulong)StableSeed.Of(config.Seed, EvalRole))).Select(p => p[0]).ToList();
        var executed = plans.Select((p, i) => config.Ablations.ExecutedPlan(p.Parsed.Plan, requests[i].TotalChunks)).ToList();

        // 2. One video per readable plan (plans of one length together).
        var videos = new Video?[items.Count];
        foreach (var group in Enumerable.Range(0, items.Count).Where(i => Readable(executed[i])).GroupBy(i => executed[i].TotalChunks))
            Generate(group.ToList(), items, executed, videos);

        // 3. The oracle.
        var judge = new OracleVideoJudge(null, config.Rewards.Weights.Video);
        var stepJudge = new OracleStepJudge(null, config.Rewards.Weights.Step);
        var sJudge = new OraclePlanJudge(null, config.Rewards.Weights.Plan).ScoreAsync(executed.Select((p, i) => new PlanJudgeItem(p, items[i])).ToList()).GetAwaiter().GetResult();
        var sVideo = new double[items.Count]; var completion = new double[items.Count]; var quality = new double[items.Count];
        var local = new List<(double Total, double Action)>[items.Count];
        Parallel.For(0, items.Count, i =>
        {
            local[i] = [];
            if (videos[i] is not { } video) return; // unreadable plan: nothing shown
            sVideo[i] = judge.Score(video, items[i]).Total;
            var tracking = Tracker.Track(video);
            var timed = executed[i].Steps.Count == items[i].Events.Count
                ? executed[i].Steps.Select((s, m) => new TimedEvent(items[i].Events[m], new FrameSpan(s.Chunks.First * StepPlan.ChunkFrames, s.Chunks.End * StepPlan.ChunkFrames))).ToList()
                : EventTiming.Assign(items[i].Events, video.Frames);
            var matching = EventMatcher.Match(timed, tracking.Events, tracking.StaySatisfied);
            completion[i] = (double)Enumerable.Range(0, timed.Count).Count(matching.Shown) / timed.Count;
            quality[i] = FrameQuality.Score(video).Total;
            foreach (var s in executed[i].SwitchChunks)
            {
                var window = new FrameSpan(s * StepPlan.ChunkFrames, Math.Min(s + config.Exploration.WindowChunks, executed[i].TotalChunks) * StepPlan.ChunkFrames);
                var score = stepJudge.Score(video, window, executed[i].StepAt(s).Prompt);
                local[i].Add((score.Total, score[SubScoreNames.Action]));
            }
        });
        var allLocal = local.SelectMany(l => l).DefaultIfEmpty((Total: double.NaN, Action: double.NaN)).ToList();
        return new EvalMetrics(epochs, items.Count, sVideo.Average(), completion.Average(), allLocal.Average(l => l.Total), allLocal.Average(l => l.Action),
            sJudge.Average(s => s.Total), plans.Average(p => p.Parsed.FormatScore), quality.Average());
    }

    private bool Readable(StepPlan plan) => models.Executor.CanRead(plan.Steps.Select(s => s.Prompt));

    private void Generate(IReadOnlyList<int> rows, IReadOnlyList<Instruction> items, IReadOnlyList<StepPlan> plans, Video?[] videos)
    {
        var model = models.Executor;
        int total = plans[rows[0]].TotalChunks, cf = model.Config.ChunkFrames, s = model.Config.FrameSize;
        using var scope = NewDisposeScope();
        using var cpu = VideoGenerator.SmallBatchCpu(model, rows.Count);
        var prompts = rows.Select(i => VideoGenerator.ChunkPrompts(plans[i], config.Ablations.HasFlag(Ablation.LookAhead))).ToList();
        var keys = rows.Select(i => NoiseStreams.KeyOf(StableSeed.Of(config.Seed, EvalRole), i)).ToArray();
        using var rollout = new Rollout(model, new NoiseStreams(keys, model.Device), config.Executor.SwitchMode);
        rollout.Begin(prompts.Select(p => p[0]).ToArray(), tensor(rows.SelectMany(i => ExecutorClips.InitialState(items[i].Scene)).ToArray(), new long[] { rows.Count, cf, 3, s, s }));
        var chunks = Enumerable.Range(0, total).Select(c => rollout.Step(prompts.Select(p => p[c]).ToArray())).ToArray();
        var pixels = cat(chunks, 1).cpu().contiguous().data<float>().ToArray();
        int size = total * cf * 3 * s * s;
        for (int r = 0; r < rows.Count; r++) videos[rows[r]] = new Video(total * cf, s, s, pixels.AsSpan(r * size, size).ToArray());
    }
}
