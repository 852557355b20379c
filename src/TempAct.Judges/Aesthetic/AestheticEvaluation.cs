namespace TempAct.Judges.Aesthetic;

/// <summary>
/// Held-out check of an aesthetic scorer: every held-out clean frame against a degraded copy of itself, per
/// <see cref="DegradationKind"/>; the share of pairs where the clean frame scores higher. The analytic
/// <see cref="FrameQuality"/> metric is measured on the same pairs, for comparison (it is not what was trained).
/// </summary>
public static class AestheticEvaluation
{
    /// <summary>Figures of one evaluation.</summary>
    /// <param name="Frames">Held-out clean frames used.</param>
    /// <param name="Accuracy">Per kind: share of pairs the learned scorer ranks clean above degraded.</param>
    /// <param name="AnalyticAccuracy">Per kind: the same share for the analytic frame-quality metric.</param>
    /// <param name="CleanScore">Mean σ(logit) of the clean frames.</param>
    /// <param name="DegradedScore">Per kind: mean σ(logit) of the degraded frames.</param>
    public sealed record Result(int Frames, IReadOnlyDictionary<DegradationKind, double> Accuracy,
        IReadOnlyDictionary<DegradationKind, double> AnalyticAccuracy, double CleanScore, IReadOnlyDictionary<DegradationKind, double> DegradedScore)
    {
        /// <summary>The worst kind's accuracy.</summary>
        public double MinAccuracy => Accuracy.Values.Min();
    }

    /// <summary>Evaluates <paramref name="scorer"/> on <paramref name="heldOut"/>; degradations drawn from <paramref name="seed"/>.</summary>
    public static Result Evaluate(AestheticScorer scorer, FramePool heldOut, int seed)
    {
        int n = heldOut.Count, size = FramePool.FrameSize, per = 3 * size * size;
        var clean = new float[n * per];
        for (int i = 0; i < n; i++) heldOut[i].CopyTo(clean, i * per);
        // Rank by logits: σ saturates in float32, and a tie is not a win.
        var cleanLogits = scorer.Logits(clean, n, size, size);
        var cleanQuality = Enumerable.Range(0, n).Select(i => FrameQuality.Score(heldOut[i], size, size).Total).ToArray();

        var accuracy = new Dictionary<DegradationKind, double>();
        var analytic = new Dictionary<DegradationKind, double>();
        var degradedMean = new Dictionary<DegradationKind, double>();
        foreach (var kind in Degradations.All)
        {
            var degraded = new float[n * per];
            var used = new bool[n];
            for (int i = 0; i < n; i++)
            {
                var rng = new Random(unchecked(seed * 7919 + i * 31 + (int)kind));
                Degradations.Apply(heldOut[i], size, size, kind, rng, out var applied).CopyTo(degraded, i * per);
                used[i] = applied == kind;
            }
            var logits = scorer.Logits(degraded, n, size, size);
            int pairs = 0, wins = 0, analyticWins = 0;
            for (int i = 0; i < n; i++)
            {
                if (!used[i]) continue;
                pairs++;
                if (cleanLogits[i] > logits[i]) wins++;
                var q = FrameQuality.Score(degraded.AsSpan(i * per, per).ToArray(), size, size).Total;
                if (cleanQuality[i] > q) analyticWins++;
            }
            accuracy[kind] = pairs == 0 ? double.NaN : (double)wins / pairs;
            analytic[kind] = pairs == 0 ? double.NaN : (double)analyticWins / pairs;
            degradedMean[kind] = logits.Where((_, i) => used[i]).Select(Sigmoid).DefaultIfEmpty(double.NaN).Average();
        }
        return new Result(n, accuracy, analytic, cleanLogits.Select(Sigmoid).Average(), degradedMean);
    }

    private static double Sigmoid(float x) => 1 / (1 + Math.Exp(-x));
}
