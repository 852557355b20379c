using TempAct.World.Scenes;
using TempAct.World.Simulation;
using TempAct.World.Tracking;

namespace TempAct.Judges.Oracle;

/// <summary>
/// How well one frame's blobs show a set of expected object states: each expected object is paired with at most one blob
/// (the pairing with the highest total credit), and the frame's score is the summed credit of the objects that must be
/// visible over their number plus the visible blobs nobody expected. Credit of a pair: 0.4·position + 0.3·colour +
/// 0.15·shape + 0.15·size (docs/rewards.md, "frame score").
/// </summary>
internal static class FrameMatcher
{
    private const int MaxCandidates = 8; // blobs beyond the 8 largest of a frame are extras anyway

    /// <summary>The frame score in [0, 1] of <paramref name="detections"/> against <paramref name="expected"/>.</summary>
    public static double Score(ObjectState[] expected, IReadOnlyList<Detection> detections, OracleOptions o)
    {
        // Objects at least half visible must be found; fainter ones (mid-fade) may absorb a blob but are not required.
        var wanted = new List<(ObjectState State, bool Required)>();
        foreach (var s in expected)
            if (s.Alpha >= 0.5f) wanted.Add((s, true));
            else if (s.Alpha > 0f) wanted.Add((s, false));
        int m = Math.Min(detections.Count, MaxCandidates);
        var credit = new double[wanted.Count, m];
        for (int i = 0; i < wanted.Count; i++)
            for (int j = 0; j < m; j++)
                credit[i, j] = PairCredit(wanted[i].State, detections[j], o);

        var best = BestAssignment(credit, wanted.Count, m);
        double sum = 0;
        int required = 0;
        var used = new bool[detections.Count];
        for (int i = 0; i < wanted.Count; i++)
        {
            if (best[i] >= 0) used[best[i]] = true;
            if (!wanted[i].Required) continue;
            required++;
            if (best[i] >= 0) sum += credit[i, best[i]];
        }
        int extras = 0;
        for (int j = 0; j < detections.Count; j++) if (!used[j] && detections[j].Visible) extras++;
        return required + extras == 0 ? 1 : sum / (required + extras);
    }

    /// <summary>Credit in [0, 1] for blob <paramref name="d"/> being object state <paramref name="s"/>; 0 beyond the match radius.</summary>
    public static double PairCredit(ObjectState s, Detection d, OracleOptions o)
    {
        var (ex, ey) = Centroid(s);
        double distance = Math.Sqrt((d.X - ex) * (d.X - ex) + (d.Y - ey) * (d.Y - ey));
        if (distance > o.MatchRadius) return 0;
        double colour = d.Color == s.Color || (s.WipeColor is { } w && d.Color == w) ? 1 : 0;
        double shape = d.Shape == s.Shape ? 1 : 0;
        // Mid-grow radii belong to neither class: any size reading is fine then.
        bool between = s.Radius > WorldGeometry.SmallRadius + 0.01f && s.Radius < WorldGeometry.LargeRadius - 0.01f;
        double size = between || d.Size == s.Size ? 1 : 0;
        return 0.4 * o.PositionCredit(distance) + 0.3 * colour + 0.15 * shape + 0.15 * size;
    }

    /// <summary>Where the tracker's alpha-weighted centroid of an object state lies: the bounding-box centre, except for
    /// triangles, whose area centroid sits a third of the half height below it.</summary>
    public static (float X, float Y) Centroid(ObjectState s)
    {
        if (s.Shape != ShapeKind.Triangle) return (s.X, s.Y);
        var (_, hy) = WorldGeometry.HalfExtents(s.Shape, s.Radius);
        return (s.X, s.Y + hy / 3);
    }

    /// <summary>The pairing (blob index per object, −1 for none) with the highest total credit; exhaustive (≤ 3 objects,
    /// ≤ 8 blobs). Pairs of zero credit are never made.</summary>
    private static int[] BestAssignment(double[,] credit, int n, int m)
    {
        var best = new int[n];
        Array.Fill(best, -1);
        var current = new int[n];
        var taken = new bool[m];
        double bestTotal = -1;
        Search(0, 0);
        return best;

        void Search(int i, double total)
        {
            if (i == n)
            {
                if (total > bestTotal + 1e-12) { bestTotal = total; Array.Copy(current, best, n); }
                return;
            }
            for (int j = 0; j < m; j++)
            {
                if (taken[j] || credit[i, j] <= 0) continue;
                taken[j] = true; current[i] = j;
                Search(i + 1, total + credit[i, j]);
                taken[j] = false;
            }
            current[i] = -1;
            Search(i + 1, total);
        }
    }
}
