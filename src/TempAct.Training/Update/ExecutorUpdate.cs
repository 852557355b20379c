using TempAct.Models.Executor;
using TempAct.Training.Config;
using TempAct.Training.Exploration;
using TempAct.Training.Losses;
using static TorchSharp.torch;

namespace TempAct.Training.Update;

/// <summary>
/// The executor's share of an update: for every continuation, chunk b's three re-noise transitions recomputed under the
/// current weights against the prefix cache rebuilt from the clean prefix frames (without gradients: only chunk b
/// carries gradient), the text condition re-encoded with gradients (cross-attention keys and values carry LoRA), one
/// reference forward per step (adapters off, no gradients), and the RatioNorm loss. Gradients accumulate; the caller
/// steps the optimizer.
/// </summary>
public sealed class ExecutorUpdate(RlConfig config, ExecutorTransformer model)
{
    private readonly RatioNormLoss loss = new(config.Executor.ClipEpsilon, config.Executor.KlBeta);

    /// <summary>Sums the executor's loss over the included plans' continuations into the gradients; the loss of each
    /// (branch chunk, step) batch is weighted so the total is the mean over <paramref name="totalRows"/> rows and the three
    /// steps. Groups with one b (their lengths may differ: chunk b's context is the same size) share one batch: one
    /// replay, three policy and three reference forwards and one backward per b.</summary>
    /// <returns>(loss, KL, per-j clip fraction, per-j |r − 1|), each a row-weighted mean; null when no row took part.</returns>
    public (double Loss, double Kl, double[] Clip, double[] Deviation)? Backward(IReadOnlyList<ExecutionGroup> groups, IReadOnlyList<double[]> advantages,
        Func<PlanRollout, bool> included, bool withKl, int totalRows)
    {
        double lossSum = 0, klSum = 0; var clip = new double[3]; var dev = new double[3]; int rowsSeen = 0;
        var parts = groups.Select((g, gi) => (Group: g, Index: gi, PlanRows: Enumerable.Range(0, g.Plans.Count).Where(p => included(g.Plans[p])).ToArray()))
            .Where(x => x.PlanRows.Length > 0).ToList();
        foreach (var sameB in parts.GroupBy(x => x.Group.BranchChunk).OrderBy(x => x.Key))
        {
            var batch = sameB.Select(x => (x.Group, (IReadOnlyList<int>)x.PlanRows)).ToList();
            int k = batch[0].Group.Continuations;
            var plans = batch.SelectMany(x => x.Item2.Select(p => x.Group.Plans[p])).ToList();
            int rows = plans.Count * k;
            using var scope = NewDisposeScope();
            // 1. The prefix cache under the current weights, without gradients, repeated for the K continuations.
            using var replay = Replay(batch);
            using var cache = replay.Cache.Repeat(k);
            // With gated adapters they act on the continuations of plans whose prompt switches at b (every one, unless
            // consecutive step prompts repeat); the others are the base's rows — ratio 1, no gradient.
            int[] adapted = [.. replay.LastSwitched.SelectMany(p => Enumerable.Range(p * k, k))];
            // 2. Chunk b's text with gradients; the reference's with the adapters off. Gated, text encodings run the base
            //    weights, so the two are one encoding.
            var promptsB = plans.Select(p => p.ChunkPrompts[sameB.Key]).ToArray();
            using var reference = Reference(() => model.EncodeText(promptsB).Repeat(k));
            using var ownText = model.AdaptersGated ? null : model.EncodeText(promptsB).Repeat(k);
            var text = ownText ?? reference;
            // The included rows of each group's trajectory, in plan order, and their advantages.
            Tensor Rows(Func<ChunkTrajectory, Tensor> pick) => cat(sameB.Select(x =>
                pick(x.Group.Trajectory).index_select(0, tensor(x.PlanRows.SelectMany(p => Enumerable.Range(p * k, k)).Select(r => (long)r).ToArray(), device: model.Device))).ToArray(), 0);
            var adv = tensor(sameB.SelectMany(x => x.PlanRows.SelectMany(p => Enumerable.Range(p * k, k)).Select(r => (float)advantages[x.Index][r])).ToArray(), device: model.Device);
            // 3. Each stochastic step j: policy and reference forwards, RatioNorm; one backward for the three (they
            // share the text condition's graph).
            var sigmas = batch[0].Group.Trajectory.Sigmas;
            Tensor? total = null;
            for (int j = 0; j < 3; j++)
            {
                double sigma = sigmas[j], sigmaNext = sigmas[j + 1];
                var x = Rows(t => t.States[j]);
                var vRef = Reference(() => model.ForwardChunk(x, sigma, reference, cache));
                // Gated, the rows the adapters do not act on are the reference's own velocity.
                var v = model.ForwardChunk(x, sigma, text, cache, adapted, baseVelocity: vRef);
                var logProb = FewStepSampler.GaussianLogProb(Rows(t => t.States[j + 1]), (1 - sigmaNext) * (x - sigma * v), sigmaNext);
                var terms = loss.Compute(logProb, Rows(t => t.LogProbs[j]), v, Rows(t => t.Velocities[j]), vRef, adv, sigma, sigmaNext, withKl);
                var weighted = terms.Loss * (rows / (3.0 * totalRows));
                total = total is null ? weighted : total + weighted;
                lossSum += terms.Loss.item<float>() * rows / 3.0; klSum += terms.Kl * rows / 3.0;
                clip[j] += terms.ClipFraction * rows; dev[j] += terms.MeanAbsRatioDeviation * rows;
            }
            // With gated adapters a batch whose plans all repeat their prompt at b has nothing to train.
            if (total!.requires_grad) total.backward();
            rowsSeen += rows;
        }
        if (rowsSeen == 0) return null;
        return (lossSum / rowsSeen, klSum / rowsSeen, [.. clip.Select(c => c / rowsSeen)], [.. dev.Select(d => d / rowsSeen)]);
    }

    /// <summary>A rollout fed the group's clean prefix (context + chunks 0…b−1) for some of its plans, then prepared for
    /// chunk b: its cache and text are what chunk b was sampled against, under the current weights.</summary>
    public Rollout Replay(ExecutionGroup g, IReadOnlyList<int> planRows) => Replay([(g, planRows)]);

    /// <summary>As <see cref="Replay(ExecutionGroup, IReadOnlyList{int})"/> for plans of several groups with one b (rows
    /// in the given order).</summary>
    private Rollout Replay(IReadOnlyList<(ExecutionGroup Group, IReadOnlyList<int> PlanRows)> parts)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        int b = parts[0].Group.BranchChunk;
        if (parts.Any(x => x.Group.BranchChunk != b)) throw new ArgumentException("the groups' branch points differ");
        var plans = parts.SelectMany(x => x.PlanRows.Select(p => x.Group.Plans[p])).ToList();
        int cf = model.Config.ChunkFrames;
        var frames = cat(parts.Select(x => x.Group.PrefixFrames.index_select(0, tensor(x.PlanRows.Select(p => (long)p).ToArray(), device: x.Group.PrefixFrames.device))).ToArray(), 0);
        var rollout = new Rollout(model, new NoiseStreams(new long[plans.Count], model.Device), config.Executor.SwitchMode);
        rollout.Begin(HierarchicalExplorer.Prompts(plans, 0, 1), frames.narrow(1, 0, cf));
        for (int c = 0; c < b; c++) rollout.Feed(HierarchicalExplorer.Prompts(plans, c, 1), frames.narrow(1, (1 + c) * cf, cf));
        rollout.Prepare(HierarchicalExplorer.Prompts(plans, b, 1));
        return rollout;
    }

    /// <summary>Runs <paramref name="forward"/> as the reference policy: adapters off, no gradients.</summary>
    private T Reference<T>(Func<T> forward)
    {
        using var _ = no_grad();
        model.SetAdaptersEnabled(false);
        try { return forward(); }
        finally { model.SetAdaptersEnabled(true); }
    }
}
