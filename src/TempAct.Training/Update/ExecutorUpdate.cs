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
    /// (group, step) is weighted so the total is the mean over <paramref name="totalRows"/> rows and the three steps.</summary>
    /// <returns>(loss, KL, per-j clip fraction, per-j |r − 1|), each a row-weighted mean; null when no row took part.</returns>
    public (double Loss, double Kl, double[] Clip, double[] Deviation)? Backward(IReadOnlyList<ExecutionGroup> groups, IReadOnlyList<double[]> advantages,
        Func<PlanRollout, bool> included, bool withKl, int totalRows)
    {
        double lossSum = 0, klSum = 0; var clip = new double[3]; var dev = new double[3]; int rowsSeen = 0;
        for (int gi = 0; gi < groups.Count; gi++)
        {
            var g = groups[gi];
            var planRows = Enumerable.Range(0, g.Plans.Count).Where(p => included(g.Plans[p])).ToArray();
            if (planRows.Length == 0) continue;
            int k = g.Continuations;
            var rows = planRows.SelectMany(p => Enumerable.Range(p * k, k)).ToArray();
            using var scope = NewDisposeScope();
            // 1. The prefix cache under the current weights, without gradients, repeated for the K continuations.
            using var replay = Replay(g, planRows);
            using var cache = replay.Cache.Repeat(k);
            // 2. Chunk b's text with gradients; the reference's with the adapters off.
            var promptsB = planRows.Select(p => g.Plans[p].ChunkPrompts[g.BranchChunk]).ToArray();
            using var text = model.EncodeText(promptsB).Repeat(k);
            using var reference = Reference(() => model.EncodeText(promptsB).Repeat(k));
            var index = tensor(rows.Select(r => (long)r).ToArray(), device: model.Device);
            var adv = tensor(rows.Select(r => (float)advantages[gi][r]).ToArray(), device: model.Device);
            // 3. Each stochastic step j: policy and reference forwards, RatioNorm; one backward for the three (they
            // share the text condition's graph).
            var t = g.Trajectory;
            Tensor? total = null;
            for (int j = 0; j < 3; j++)
            {
                double sigma = t.Sigmas[j], sigmaNext = t.Sigmas[j + 1];
                var x = t.States[j].index_select(0, index);
                var v = model.ForwardChunk(x, sigma, text, cache);
                var logProb = FewStepSampler.GaussianLogProb(t.States[j + 1].index_select(0, index), (1 - sigmaNext) * (x - sigma * v), sigmaNext);
                var vRef = Reference(() => model.ForwardChunk(x, sigma, reference, cache));
                var terms = loss.Compute(logProb, t.LogProbs[j].index_select(0, index), v, t.Velocities[j].index_select(0, index), vRef, adv,
                    sigma, sigmaNext, withKl);
                var weighted = terms.Loss * (rows.Length / (3.0 * totalRows));
                total = total is null ? weighted : total + weighted;
                lossSum += terms.Loss.item<float>() * rows.Length / 3.0; klSum += terms.Kl * rows.Length / 3.0;
                clip[j] += terms.ClipFraction * rows.Length; dev[j] += terms.MeanAbsRatioDeviation * rows.Length;
            }
            total!.backward();
            rowsSeen += rows.Length;
        }
        if (rowsSeen == 0) return null;
        return (lossSum / rowsSeen, klSum / rowsSeen, [.. clip.Select(c => c / rowsSeen)], [.. dev.Select(d => d / rowsSeen)]);
    }

    /// <summary>A rollout fed the group's clean prefix (context + chunks 0…b−1) for some of its plans, then prepared for
    /// chunk b: its cache and text are what chunk b was sampled against, under the current weights.</summary>
    public Rollout Replay(ExecutionGroup g, IReadOnlyList<int> planRows)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var plans = planRows.Select(p => g.Plans[p]).ToList();
        int cf = model.Config.ChunkFrames;
        var frames = g.PrefixFrames.index_select(0, tensor(planRows.Select(p => (long)p).ToArray(), device: g.PrefixFrames.device));
        var rollout = new Rollout(model, new NoiseStreams(new long[plans.Count], model.Device), config.Executor.SwitchMode);
        rollout.Begin(HierarchicalExplorer.Prompts(plans, 0, 1), frames.narrow(1, 0, cf));
        for (int c = 0; c < g.BranchChunk; c++) rollout.Feed(HierarchicalExplorer.Prompts(plans, c, 1), frames.narrow(1, (1 + c) * cf, cf));
        rollout.Prepare(HierarchicalExplorer.Prompts(plans, g.BranchChunk, 1));
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
