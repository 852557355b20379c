using TempAct.Judges;
using TempAct.Judges.Oracle;
using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.Training.Config;
using TempAct.Training.Exploration;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;
using TempAct.World.Rendering;
using TempAct.World.Simulation;
using static TorchSharp.torch;

namespace TempAct.Training.Benchmarks;

/// <summary>Whose noise varies across a K-group's continuations.</summary>
public enum CreditCondition
{
    /// <summary>(a) chunk b's noise varies, chunks b + 1 … end share one draw.</summary>
    ChunkB,
    /// <summary>(b) chunk b shares one draw, chunks b + 1 … end vary.</summary>
    Later,
    /// <summary>(c) every chunk from b on varies (what RL does).</summary>
    All,
}

/// <summary>One condition at one window: the within-group spread and the means of S_local, its action sub-score and the
/// onset rate.</summary>
/// <param name="Condition">Whose noise varies.</param>
/// <param name="Window">W: S_local's window [b, b + W) in chunks.</param>
/// <param name="Groups">K-groups (plans) scored.</param>
/// <param name="VarLocal">Mean over groups of S_local's sample variance across the K (denominator K − 1).</param>
/// <param name="VarAction">The same for the action sub-score.</param>
/// <param name="VarLocalSe">Standard error of <paramref name="VarLocal"/> over the groups (sd of the per-group variances / √groups).</param>
/// <param name="VarActionSe">The same for <paramref name="VarAction"/>.</param>
/// <param name="ZeroSpreadShare">Share of groups whose K S_local are all equal.</param>
/// <param name="MeanLocal">Mean S_local over every continuation.</param>
/// <param name="MeanAction">Mean action sub-score.</param>
/// <param name="OnsetRate">Share of continuations whose step is an action and whose action started in the window
/// (action sub-score &gt; 0), among continuations of action steps.</param>
public sealed record CreditRow(CreditCondition Condition, int Window, int Groups, double VarLocal, double VarAction, double VarLocalSe, double VarActionSe,
    double ZeroSpreadShare, double MeanLocal, double MeanAction, double OnsetRate);

/// <summary>What <see cref="CreditBench.Run"/> measured.</summary>
/// <param name="Plans">Plans generated and scored (one per instruction whose plan the executor can read).</param>
/// <param name="Unreadable">Instructions skipped: the executor cannot read their plan.</param>
/// <param name="WithoutSwitch">Scored plans without any switch (b where the first switch would be under uniform spans).</param>
/// <param name="ActionSteps">Scored plans whose step at b is an action (the onset rate's denominator, per condition, × K).</param>
/// <param name="SharedChunkMaxDiff">Largest |difference| between chunk b's frames of two continuations of one group in
/// condition (b) — 0 when the shared draw is honoured bit for bit.</param>
/// <param name="Rows">Every condition × window.</param>
public sealed record CreditReport(int Plans, int Unreadable, int WithoutSwitch, int ActionSteps, double SharedChunkMaxDiff, IReadOnlyList<CreditRow> Rows);

/// <summary>
/// How much of S_local's spread within a K-group the trained chunk decides. For each instruction one plan (the planner at
/// the config's temperature and top-p), b its first switch chunk; the prefix [0, b) is generated once, then 3·K
/// continuations in one batch from the same prefix: K where chunk b's noise varies and chunks b + 1 … end share one draw
/// (a), K where chunk b shares one draw and the later chunks vary (b), K where everything varies (c). The draws are
/// coupled (common random numbers): (a) and (c) draw chunk b alike, (b) and (c) the later chunks. S_local and its action
/// sub-score come from the oracle step judge under the prompt in force at b, on [b, b + W) for every W asked. The
/// continuations stop at the last chunk the judge tracks (it looks <see cref="OracleOptions.FramesAfterWindow"/> frames
/// past the window; generation is causal, so later chunks could not change a score). Deterministic for a seed.
/// </summary>
public static class CreditBench
{
    private const long PlanRole = 0x637270, NoiseRole = 0x63726E, LaterRole = 0x6C61;

    /// <summary>Runs the measurement; <paramref name="onPlan"/> is called once per instruction done (skipped ones too).
    /// <paramref name="gradedAction"/> scores with the graded action sub-score (<see cref="OracleOptions.GradedAction"/>);
    /// the onset rate then counts detected events only, not partial credit.</summary>
    public static CreditReport Run(RlConfig config, RlModels models, IReadOnlyList<Instruction> instructions, int continuations, long seed,
        IReadOnlyList<int> windows, Action? onPlan = null, bool gradedAction = false)
    {
        if (instructions.Count == 0) throw new ArgumentException("no instruction to measure");
        if (continuations < 2) throw new ArgumentOutOfRangeException(nameof(continuations), "at least two continuations (a spread needs two)");
        if (windows.Count == 0 || windows.Any(w => w < 1)) throw new ArgumentException("windows of at least one chunk");
        var model = models.Executor;
        var conditions = Enum.GetValues<CreditCondition>();

        // 1. One plan per instruction, in one batch.
        var requests = instructions.Select(i => new PlanRequest(i.Text, config.Planner.Steps == PlanStepCount.EventCount ? i.Events.Count : null,
            i.Events.Count * config.Instructions.ChunksPerEvent)).ToList();
        var sampling = new SamplingOptions { Temperature = config.Planner.Temperature, TopP = config.Planner.TopP, MaxAnswerTokens = config.Planner.MaxAnswerTokens };
        var samples = BatchPlanSampler.Sample(models.Planner, models.PlannerTokenizer, sampling, requests, 1, new Generator((ulong)StableSeed.Of(seed, PlanRole)));

        // 2. Every plan: prefix once, 3·K continuations, scored at every window.
        var judge = new OracleStepJudge(gradedAction ? OracleOptions.Default with { GradedAction = true } : null, config.EffectiveWeights.Step);
        long noiseSeed = StableSeed.Of(seed, NoiseRole);
        var local = windows.ToDictionary(w => w, _ => conditions.ToDictionary(c => c, _ => new List<double[]>()));
        var action = windows.ToDictionary(w => w, _ => conditions.ToDictionary(c => c, _ => new List<double[]>()));
        var onset = windows.ToDictionary(w => w, _ => conditions.ToDictionary(c => c, _ => new List<double[]>()));
        var isAction = new List<bool>(); // per scored plan: its step at b is an action
        int unreadable = 0, withoutSwitch = 0;
        double sharedDiff = 0;
        for (int i = 0; i < instructions.Count; i++)
        {
            var plan = config.Ablations.ExecutedPlan(samples[i][0].Parsed.Plan, requests[i].TotalChunks);
            var prompts = VideoGenerator.ChunkPrompts(plan, config.Ablations.HasFlag(Ablation.LookAhead));
            if (!model.CanRead(prompts)) { unreadable++; onPlan?.Invoke(); continue; }
            int b = PlanRollout.BranchPoint(plan, 1, instructions[i].Events.Count);
            if (!plan.SwitchChunks.Any()) withoutSwitch++;
            string stepPrompt = plan.StepAt(b).Prompt;
            var step = StepPrompt.TryParse(stepPrompt);
            isAction.Add(step is not null && step.Action != ActionKind.Stay);

            // Chunks past the last frame the judge tracks cannot change S_local (generation is causal): stop there.
            int cf = model.Config.ChunkFrames, seen = Math.Min(prompts.Length * cf, (b + windows.Max()) * cf + OracleOptions.Default.FramesAfterWindow);
            int end = (seen + cf - 1) / cf;
            var (videos, diff) = Generate(model, config.Executor.SwitchMode, ExecutorClips.InitialState(instructions[i].Scene), prompts[..end], b, continuations, NoiseStreams.KeyOf(noiseSeed, i));
            sharedDiff = Math.Max(sharedDiff, diff);
            int size = model.Config.FrameSize, frames = end * cf;
            foreach (int w in windows)
            {
                var window = new FrameSpan(b * cf, Math.Min(b + w, prompts.Length) * cf);
                var scores = judge.ScoreAsync(videos.Select(v => new StepJudgeItem(new Video(frames, size, size, v), window, stepPrompt)).ToList()).GetAwaiter().GetResult();
                for (int c = 0; c < conditions.Length; c++)
                {
                    var group = scores.Skip(c * continuations).Take(continuations).ToList();
                    local[w][conditions[c]].Add([.. group.Select(s => s.Total)]);
                    action[w][conditions[c]].Add([.. group.Select(s => s[SubScoreNames.Action])]);
                    onset[w][conditions[c]].Add([.. group.Select(s => s.SubScores.TryGetValue(SubScoreNames.ActionEvent, out double e) ? e : s[SubScoreNames.Action])]);
                }
            }
            onPlan?.Invoke();
        }

        // 3. The statistics.
        var rows = new List<CreditRow>();
        int plans = instructions.Count - unreadable;
        foreach (var c in conditions)
            foreach (int w in windows)
            {
                var l = local[w][c]; var a = action[w][c];
                var onsets = onset[w][c].Where((_, g) => isAction[g]).SelectMany(g => g).ToList();
                rows.Add(new CreditRow(c, w, l.Count,
                    l.Count == 0 ? double.NaN : l.Average(Variance),
                    a.Count == 0 ? double.NaN : a.Average(Variance),
                    StandardError([.. l.Select(Variance)]),
                    StandardError([.. a.Select(Variance)]),
                    l.Count == 0 ? double.NaN : l.Count(g => g.Max() - g.Min() == 0) / (double)l.Count,
                    l.Count == 0 ? double.NaN : l.SelectMany(g => g).Average(),
                    a.Count == 0 ? double.NaN : a.SelectMany(g => g).Average(),
                    onsets.Count == 0 ? double.NaN : onsets.Count(x => x > 0) / (double)onsets.Count));
            }
        return new CreditReport(plans, unreadable, withoutSwitch, isAction.Count(x => x), sharedDiff, rows);
    }

    /// <summary>The sample variance (denominator n − 1).</summary>
    public static double Variance(IReadOnlyList<double> values)
    {
        if (values.Count < 2) throw new ArgumentException("a variance needs two values");
        double mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }

    private static double Variance(double[] values) => Variance((IReadOnlyList<double>)values);

    /// <summary>Standard error of the mean of <paramref name="values"/> (NaN under two values).</summary>
    private static double StandardError(double[] values) => values.Length < 2 ? double.NaN : Math.Sqrt(Variance(values) / values.Length);

    /// <summary>
    /// The prefix [0, b) once, then 3·K continuations (condition-major: (a)'s K rows, (b)'s, (c)'s) of one batch: at b
    /// every row is given the key of its chunk-b draw, at b + 1 the key of its later draws (<see cref="Rollout.Rekey"/>).
    /// <paramref name="context"/> is the context chunk (the scene's still initial state). Returns every row's video over
    /// the given prompts (the World's layout) and the largest difference between (b)'s chunk-b frames.
    /// </summary>
    public static (float[][] Videos, double SharedChunkMaxDiff) Generate(ExecutorTransformer model, SwitchMode mode, float[] context,
        IReadOnlyList<string> prompts, int b, int continuations, long key)
    {
        if (b < 0 || b >= prompts.Count) throw new ArgumentException($"branch chunk {b} outside a video of {prompts.Count} chunks");
        int k = continuations, rows = 3 * k, chunkSize = model.Config.ChunkFrames * 3 * model.Config.FrameSize * model.Config.FrameSize;
        // Chunk b's draw: (a) and (c) row j draw their own (j + 1), (b) shares draw 1. Later chunks: (b) and (c) row j their
        // own, (a) shares one.
        long later = NoiseStreams.KeyOf(key, LaterRole);
        long[] atB = [.. Enumerable.Range(0, rows).Select(r => NoiseStreams.KeyOf(key, r / k == 1 ? 1 : r % k + 1))];
        long[] afterB = [.. Enumerable.Range(0, rows).Select(r => NoiseStreams.KeyOf(later, r / k == 0 ? 1 : r % k + 1))];

        using var cpu = VideoGenerator.SmallBatchCpu(model, rows);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var prefix = new List<float[]>();
        using var first = new Rollout(model, new NoiseStreams([key], model.Device), mode);
        using (NewDisposeScope())
            first.Begin([prompts[0]], tensor(context,
                new long[] { 1, model.Config.ChunkFrames, 3, model.Config.FrameSize, model.Config.FrameSize }).to(model.Device));
        for (int c = 0; c < b; c++)
            using (NewDisposeScope()) prefix.Add(first.Step([prompts[c]]).cpu().data<float>().ToArray());
        using var branches = first.Branch(rows);
        var videos = Enumerable.Range(0, rows).Select(_ => new float[prompts.Count * chunkSize]).ToArray();
        foreach (var v in videos)
            for (int c = 0; c < b; c++) Array.Copy(prefix[c], 0, v, (long)c * chunkSize, chunkSize);
        double diff = 0;
        for (int c = b; c < prompts.Count; c++)
        {
            if (c == b) branches.Rekey(atB);
            if (c == b + 1) branches.Rekey(afterB);
            using var chunkScope = NewDisposeScope();
            var chunk = branches.Step(Enumerable.Repeat(prompts[c], rows).ToArray());
            var pixels = chunk.cpu().data<float>().ToArray();
            for (int r = 0; r < rows; r++) Array.Copy(pixels, (long)r * chunkSize, videos[r], (long)c * chunkSize, chunkSize);
            if (c == b)
                for (int r = k + 1; r < 2 * k; r++)
                    for (int e = 0; e < chunkSize; e++)
                        diff = Math.Max(diff, Math.Abs(pixels[(long)r * chunkSize + e] - pixels[(long)k * chunkSize + e]));
        }
        return (videos, diff);
    }
}
