using TempAct.World.Events;
using TempAct.World.Tracking;

namespace TempAct.Judges.Oracle;

/// <summary>
/// Pairs the instruction's events with the tracker's detected events, ignoring time except as a tie-breaker: an expected
/// event matches a detected one of the same subject and action code (a turn's colour included; pace ignored). Among the
/// events of one key the pairing keeps their order and minimises the summed |onset − expected start| (an exact dynamic
/// programme). A stay matches when no detected event starts inside its span.
/// </summary>
public static class EventMatcher
{
    /// <summary>The pairing: for each expected event the index of its detected event (−1 unmatched; stays: −2 when
    /// satisfied), and the detected events nobody expected.</summary>
    public sealed record Matching(int[] DetectedOf, int Extras)
    {
        /// <summary>True when expected event <paramref name="i"/> was shown (matched, or a satisfied stay).</summary>
        public bool Shown(int i) => DetectedOf[i] != -1;
    }

    /// <summary>Matches <paramref name="timed"/> against <paramref name="detected"/> (sorted by onset).</summary>
    public static Matching Match(IReadOnlyList<TimedEvent> timed, IReadOnlyList<DetectedEvent> detected, Func<FrameSpan, bool> staySatisfied)
    {
        var result = new int[timed.Count];
        Array.Fill(result, -1);
        var used = new bool[detected.Count];
        var keys = timed.Where(t => t.Event.Action != ActionKind.Stay).Select(t => (t.Event.Subject, t.Event.ActionCode)).Distinct();
        foreach (var key in keys)
        {
            var a = Enumerable.Range(0, timed.Count).Where(i => timed[i].Event.Action != ActionKind.Stay
                && (timed[i].Event.Subject, timed[i].Event.ActionCode) == key).ToArray();
            var b = Enumerable.Range(0, detected.Count).Where(j => (detected[j].Subject, detected[j].ActionCode) == key).ToArray();
            foreach (var (i, j) in MatchSorted(a.Select(i => timed[i].Span.Start).ToArray(), b.Select(j => detected[j].Onset).ToArray()))
            {
                result[a[i]] = b[j];
                used[b[j]] = true;
            }
        }
        for (int i = 0; i < timed.Count; i++)
            if (timed[i].Event.Action == ActionKind.Stay && staySatisfied(timed[i].Span)) result[i] = -2;
        return new Matching(result, used.Count(u => !u));
    }

    /// <summary>
    /// Order-preserving pairing of min(|x|, |y|) elements of two ascending lists minimising Σ|x − y|: the shorter list is
    /// matched in full to a subsequence of the longer one (f[i][j] = min(f[i][j−1], f[i−1][j−1] + |x_i − y_j|)).
    /// </summary>
    internal static List<(int I, int J)> MatchSorted(int[] x, int[] y)
    {
        bool swap = x.Length > y.Length;
        var (s, l) = swap ? (y, x) : (x, y);
        int n = s.Length, m = l.Length;
        var f = new double[n + 1, m + 1];
        for (int i = 1; i <= n; i++) for (int j = 0; j <= m; j++) f[i, j] = double.PositiveInfinity;
        for (int i = 1; i <= n; i++)
            for (int j = i; j <= m; j++)
                f[i, j] = Math.Min(f[i, j - 1], f[i - 1, j - 1] + Math.Abs(s[i - 1] - l[j - 1]));
        var pairs = new List<(int I, int J)>();
        for (int i = n, j = m; i > 0; j--)
        {
            if (j > i && f[i, j] == f[i, j - 1]) continue; // l[j−1] is skipped
            pairs.Add(swap ? (j - 1, i - 1) : (i - 1, j - 1));
            i--;
        }
        pairs.Reverse();
        return pairs;
    }

    /// <summary>
    /// Share of the pairs (i &lt; j) of expected non-stay events that were both shown with onsets in the same order;
    /// a missing event breaks every pair it is in. With one such event: 1 when it was shown; with none: 1.
    /// </summary>
    public static double OrderScore(IReadOnlyList<TimedEvent> timed, Matching matching, IReadOnlyList<DetectedEvent> detected)
    {
        var acts = Enumerable.Range(0, timed.Count).Where(i => timed[i].Event.Action != ActionKind.Stay).ToArray();
        if (acts.Length == 0) return 1;
        if (acts.Length == 1) return matching.DetectedOf[acts[0]] >= 0 ? 1 : 0;
        int concordant = 0, pairs = 0;
        for (int p = 0; p < acts.Length; p++)
            for (int q = p + 1; q < acts.Length; q++)
            {
                pairs++;
                int a = matching.DetectedOf[acts[p]], b = matching.DetectedOf[acts[q]];
                if (a >= 0 && b >= 0 && detected[a].Onset < detected[b].Onset) concordant++;
            }
        return (double)concordant / pairs;
    }
}
