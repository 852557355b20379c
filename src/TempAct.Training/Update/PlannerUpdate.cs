using TempAct.Models.Planner;
using TempAct.Training.Config;
using TempAct.Training.Exploration;
using TempAct.Training.Losses;
using static TorchSharp.torch;

namespace TempAct.Training.Update;

/// <summary>
/// The planner's share of an update: each instruction's G answers scored again under the current weights (with
/// gradients) and under the adapters-off planner (the KL reference), and GSPO's loss against the old log-probs the
/// exploration recorded. Gradients accumulate; the caller steps the optimizer.
/// </summary>
public sealed class PlannerUpdate(RlConfig config, PlannerLm model, int padId)
{
    /// <summary>Sums GSPO's loss over the included instructions into the gradients (each weighted 1 / <paramref name="total"/>).</summary>
    /// <returns>(loss, k3 KL, clip fraction, mean |s − 1|), means over the instructions; null when none took part.</returns>
    public (double Loss, double Kl, double Clip, double Deviation)? Backward(IReadOnlyList<PlannerGroup> groups, IReadOnlyList<double[]> advantages,
        Func<int, bool> included, bool withKl, int total)
    {
        var loss = new GspoLoss(config.Planner.ClipEpsilon, withKl ? config.Planner.KlBeta : 0);
        double lossSum = 0, kl = 0, clip = 0, dev = 0; int seen = 0;
        for (int i = 0; i < groups.Count; i++)
        {
            if (!included(i)) continue;
            var g = groups[i];
            using var scope = NewDisposeScope();
            var (logProbs, mask) = PlannerLogProbs.Compute(model, g.Prompt, g.Answers, config.Planner.Temperature, padId);
            Tensor reference;
            using (no_grad())
            {
                model.SetAdaptersEnabled(false);
                try { reference = PlannerLogProbs.Compute(model, g.Prompt, g.Answers, config.Planner.Temperature, padId).LogProbs; }
                finally { model.SetAdaptersEnabled(true); }
            }
            var adv = tensor(advantages[i].Select(a => (float)a).ToArray(), device: logProbs.device);
            var terms = loss.Compute(logProbs, g.OldLogProbs, reference, mask, adv);
            (terms.Loss / total).backward();
            lossSum += terms.Loss.item<float>(); kl += terms.Kl; clip += terms.ClipFraction; dev += terms.MeanAbsRatioDeviation;
            seen++;
        }
        return seen == 0 ? null : (lossSum / seen, kl / seen, clip / seen, dev / seen);
    }
}
