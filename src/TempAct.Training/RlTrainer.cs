using TempAct.Models.Checkpoints;
using TempAct.Training.Advantages;
using TempAct.Training.Checkpoints;
using TempAct.Training.Config;
using TempAct.Training.Data;
using TempAct.Training.Exploration;
using TempAct.Training.Metrics;
using TempAct.Training.Scoring;
using TempAct.Training.Update;
using TempAct.World.Simulation;
using TorchSharp;
using static TorchSharp.torch;

namespace TempAct.Training;

/// <summary>
/// TempAct's hierarchical planner–executor RL, one epoch at a time: explore (P instructions × G plans × K
/// continuations branched at the switch), judge, compute group advantages, update both adapter sets with one AdamW
/// step per mini-batch, log, evaluate every N epochs with the executor's EMA adapters, checkpoint atomically. A
/// resumed run continues the uninterrupted one exactly: every random draw is a function of (seed, epoch), and the
/// adapters, their EMA and the optimizer come back from the checkpoint. See docs/rl.md.
/// </summary>
public sealed class RlTrainer(RlConfig config, RlModels models, string outDir, Device device, IEnumerable<string> excludedTexts)
{
    private const long ShuffleRole = 0x73687566;
    private readonly RlInstructions data = new(config.Instructions, config.Seed, excludedTexts, config.Schedule.EvalInstructions);

    /// <summary>Called with each checkpoint file's name once it is written (tests inject a kill here).</summary>
    internal Action<string>? AfterCheckpointFile { get; init; }

    /// <summary>The run's instructions (training stream and held-out set).</summary>
    public RlInstructions Instructions => data;

    /// <summary>Trains to <see cref="ScheduleConfig.Epochs"/>; with <paramref name="resume"/>, from the newest checkpoint.</summary>
    public void Run(bool resume, IProgress<RlProgress>? progress = null, CancellationToken cancellation = default)
    {
        config.Validate();
        // The RatioNorm clip (ε = 1e-5) needs the update's recomputation to equal the rollout's to fp32 rounding: no TF32.
        if (device.type == DeviceType.CUDA) backends.cuda.matmul.allow_tf32 = false;
        Directory.CreateDirectory(outDir);
        var explorer = new HierarchicalExplorer(config, models, data);
        var scorer = RewardScorer.Oracle(config.EffectiveWeights, models.Aesthetic, config.Exploration.WindowChunks, config.Rewards.Probe, config.Rewards.GradedAction, config.Rewards.BlendPenalty);
        var executorUpdate = new ExecutorUpdate(config, models.Executor);
        var plannerUpdate = new PlannerUpdate(config, models.Planner, models.PlannerTokenizer.PadId);
        var trainable = new List<TorchSharp.Modules.Parameter>();
        using var optimizer = CreateOptimizer(trainable);
        var ema = models.ExecutorAdapters.Snapshot();
        try
        {
            // 0. Resume: adapters, EMA and optimizer from the newest complete checkpoint; the epoch is the RNG state.
            int start = 0; long step = 0;
            var latest = RlCheckpoint.Latest(outDir);
            if (resume)
            {
                if (latest is not { } found) throw new CheckpointException($"{outDir}: nothing to resume ({RlCheckpoint.Folder}/ holds no complete checkpoint)");
                RlCheckpoint.Restore(found.Dir, found.State, config, models, ema, optimizer);
                (start, step) = (found.State.Epochs, found.State.Steps);
                models.Executor.MarkWeightsChanged();
            }
            else if (latest is not null) throw new ArgumentException($"{outDir} already holds a run ({RlCheckpoint.Folder}/): pass --resume, or choose another --out");
            using var metrics = new RlMetrics(outDir, start);
            for (int epoch = start; epoch < config.Schedule.Epochs && !cancellation.IsCancellationRequested; epoch++)
            {
                var m = Epoch(epoch, explorer, scorer, executorUpdate, plannerUpdate, optimizer, trainable, ema, ref step);
                metrics.Write(m);
                int done = epoch + 1;
                EvalMetrics? eval = null;
                if (done % config.Schedule.EvalEvery == 0 || done == config.Schedule.Epochs) metrics.Write(eval = Evaluate(done, ema));
                if (done % config.Schedule.CheckpointEvery == 0 || done == config.Schedule.Epochs) Checkpoint(done, step, ema, optimizer);
                progress?.Report(new RlProgress(done, config.Schedule.Epochs, m, eval));
            }
        }
        finally { foreach (var t in ema.Values) t.Dispose(); }
    }

    /// <summary>One epoch: explore, judge, advantages, update, diagnostics.</summary>
    private EpochMetrics Epoch(int epoch, HierarchicalExplorer explorer, RewardScorer scorer, ExecutorUpdate executorUpdate, PlannerUpdate plannerUpdate,
        TorchSharp.Modules.AdamW optimizer, List<TorchSharp.Modules.Parameter> trainable, Dictionary<string, Tensor> ema, ref long step)
    {
        var clock = new PhaseClock(device);
        // 1. Explore: planning, each plan's prefix, its K continuations.
        using var rollouts = explorer.Explore(epoch, clock);
        // 2. Judge every continuation and plan.
        var rewards = scorer.Score(rollouts, models.Executor.Config.FrameSize);
        clock.Lap("judging");
        // 3. Group advantages (the placebo shuffles them).
        var shuffle = config.Ablations.HasFlag(Ablation.ShuffledAdvantages) ? new Random(StableSeed.Of(config.Seed, ShuffleRole, epoch)) : null;
        var advantages = EpochAdvantages.Compute(rollouts, rewards, config.Ablations.HasFlag(Ablation.Flat), shuffle, config.Rewards.GateAestheticOnLocalSpread);
        // 4. Update: one AdamW step per mini-batch over both adapter sets, one gradient clip, then the EMA.
        var steps = new List<UpdateStats>();
        int batches = config.Optimizer.MiniBatches;
        for (int mb = 0; mb < batches; mb++)
        {
            bool InBatch(PlanRollout p) => p.Id % batches == mb;
            bool kl = !config.Ablations.HasFlag(Ablation.NoKl) && (config.Optimizer.Kl == KlSchedule.EveryStep || step % 2 == 0);
            int rows = rollouts.Groups.Sum(g => g.Plans.Count(InBatch) * g.Continuations);
            int instructions = Enumerable.Range(0, rollouts.Instructions.Count).Count(i => i % batches == mb);
            optimizer.zero_grad();
            var e = config.Ablations.HasFlag(Ablation.ExecutorFrozen) || rows == 0 ? null
                : executorUpdate.Backward(rollouts.Groups, advantages.Executor, InBatch, kl, rows);
            var p = config.Ablations.HasFlag(Ablation.PlannerFrozen) || instructions == 0 ? null
                : plannerUpdate.Backward(rollouts.PlannerGroups, advantages.Planner, i => i % batches == mb, kl, instructions);
            if (e is null && p is null) continue;
            double norm = nn.utils.clip_grad_norm_(trainable, config.Optimizer.GradClip);
            optimizer.step();
            models.Executor.MarkWeightsChanged();
            models.ExecutorAdapters.UpdateEma(ema, Math.Min((1.0 + step) / (10.0 + step), config.Executor.EmaDecayMax));
            step++;
            steps.Add(new UpdateStats(e?.Loss ?? double.NaN, e?.Kl ?? double.NaN, e?.Clip ?? [double.NaN, double.NaN, double.NaN],
                e?.Deviation ?? [double.NaN, double.NaN, double.NaN], p?.Loss ?? double.NaN, p?.Kl ?? double.NaN, p?.Clip ?? double.NaN,
                p?.Deviation ?? double.NaN, norm, kl));
        }
        clock.Lap("update");
        // 5. Diagnostics.
        return Diagnostics(epoch, step, rollouts, rewards, advantages, steps.Count == 0 ? null : UpdateStats.Mean(steps), clock);
    }

    private EpochMetrics Diagnostics(int epoch, long step, EpochRollouts rollouts, EpochRewards rewards, EpochAdvantages advantages, UpdateStats? update, PhaseClock clock)
    {
        var cont = rewards.Continuations.SelectMany(c => c).ToList();
        var actionSteps = cont.Where(c => c.ActionStep).ToList();
        double Mean(IEnumerable<double> xs) => xs.DefaultIfEmpty(double.NaN).Average();
        return new EpochMetrics
        {
            Epoch = epoch, Step = step, SwitchIndex = rollouts.SwitchIndex,
            BranchChunk = Mean(rollouts.Plans.Where(p => p.Executable).Select(p => (double)p.BranchChunk)),
            RPlan = rewards.PlanRewards.Average(), RPlanStd = GroupAdvantages.SampleStd(rewards.PlanRewards),
            RExec = Mean(cont.Select(c => c.RExec)), RExecStd = GroupAdvantages.SampleStd(cont.Select(c => c.RExec).ToList()),
            SVideo = Mean(cont.Select(c => c.SVideo)), SJudge = rewards.PlanJudge.Average(), SLocal = Mean(cont.Select(c => c.SLocal)),
            SAes = Mean(cont.Select(c => c.SAes)), Format = rollouts.Plans.Average(p => p.FormatScore),
            Executable = rollouts.Plans.Average(p => p.Executable ? 1.0 : 0.0),
            Action = Mean(cont.Select(c => c.Action)), OnsetRate = Mean(actionSteps.Select(c => c.Onset ? 1.0 : 0.0)), Blend = Mean(cont.Select(c => c.Blend)),
            ZeroSpreadK = advantages.ExecutorStats.ZeroSpreadShare, ZeroSpreadG = advantages.PlannerStats.ZeroSpreadShare,
            ExecAdvStd = advantages.ExecutorStats.EpochStd, PlanAdvStd = advantages.PlannerStats.EpochStd,
            ExecAdvClipped = advantages.ExecutorStats.ClippedFraction, PlanAdvClipped = advantages.PlannerStats.ClippedFraction,
            Update = update, DeltaWExecutor = models.ExecutorAdapters.RelativeChange(), DeltaWPlanner = models.PlannerAdapters.RelativeChange(),
            SecondsPlanning = clock["planning"], SecondsPrefix = clock["prefix"], SecondsContinuations = clock["continuations"],
            SecondsJudging = clock["judging"], SecondsUpdate = clock["update"], SecondsEpoch = clock.Total,
        };
    }

    /// <summary>One AdamW over the trainable adapter sets, each its own learning rate (a frozen side is left out).</summary>
    private TorchSharp.Modules.AdamW CreateOptimizer(List<TorchSharp.Modules.Parameter> trainable)
    {
        var groups = new List<TorchSharp.Modules.AdamW.ParamGroup>();
        if (!config.Ablations.HasFlag(Ablation.ExecutorFrozen))
        {
            groups.Add(new(models.ExecutorAdapters.Parameters, lr: config.Executor.LearningRate));
            trainable.AddRange(models.ExecutorAdapters.Parameters);
        }
        if (!config.Ablations.HasFlag(Ablation.PlannerFrozen))
        {
            groups.Add(new(models.PlannerAdapters.Parameters, lr: config.Planner.LearningRate));
            trainable.AddRange(models.PlannerAdapters.Parameters);
        }
        return optim.AdamW(groups, lr: groups[0].Options.LearningRate!.Value, beta1: config.Optimizer.Beta1, beta2: config.Optimizer.Beta2,
            weight_decay: config.Optimizer.WeightDecay);
    }

    /// <summary>Evaluates with the executor's EMA adapters swapped in (and the live ones back afterwards).</summary>
    private EvalMetrics Evaluate(int done, Dictionary<string, Tensor> ema)
    {
        var live = models.ExecutorAdapters.Snapshot();
        try
        {
            models.ExecutorAdapters.Assign(ema);
            models.Executor.MarkWeightsChanged();
            return new RlEvaluation(config, models, data).Run(done);
        }
        finally
        {
            models.ExecutorAdapters.Assign(live);
            models.Executor.MarkWeightsChanged();
            foreach (var t in live.Values) t.Dispose();
        }
    }

    /// <summary>The resume checkpoint, then the shipped-style folder model/ (EMA executor adapters, planner adapters).</summary>
    private void Checkpoint(int done, long step, Dictionary<string, Tensor> ema, TorchSharp.Modules.AdamW optimizer)
    {
        RlCheckpoint.Save(outDir, done, step, config, models, ema, optimizer, config.Schedule.KeepCheckpoints, AfterCheckpointFile);
        TempActWeights.Save(Path.Combine(outDir, "model"), new TempActManifest
        {
            ExecutorBase = config.Executor.Base, PlannerBase = config.Planner.Base,
            ExecutorLoraRank = config.Executor.LoraRank, ExecutorLoraAlpha = config.Executor.LoraAlpha,
            ExecutorAdapterChunks = config.Executor.AdapterChunks,
            PlannerLoraRank = config.Planner.LoraRank, PlannerLoraAlpha = config.Planner.LoraAlpha,
            SwitchMode = config.Executor.SwitchMode, LookAhead = config.Ablations.HasFlag(Ablation.LookAhead), Epochs = done, Steps = step,
            Ablations = AblationNames.Names(config.Ablations),
        }, models, ema);
    }
}
