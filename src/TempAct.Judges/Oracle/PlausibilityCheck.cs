using TempAct.World.Tracking;

namespace TempAct.Judges.Oracle;

/// <summary>
/// Marks the frames that break the world's physics (docs/rewards.md, "physical_plausibility"): a tracked object that
/// teleports (moves more than <see cref="OracleOptions.MaxStep"/> px from the previous frame), flickers (missing for one
/// frame between two frames where it is seen), or changes shape while it is still (outside its detected changes); and
/// debris — a visible blob that belongs to no track.
/// </summary>
internal static class PlausibilityCheck
{
    /// <summary>One flag per frame: true when something in that frame is implausible.</summary>
    public static bool[] ViolationFrames(TrackingResult tracking, OracleOptions o)
    {
        int frames = tracking.FrameCount;
        var bad = new bool[frames];
        foreach (var track in tracking.Tracks)
        {
            var busy = new bool[frames]; // frames in or next to one of this object's changes: shapes may read oddly there
            foreach (var e in tracking.Events)
                if (e.TrackId == track.Id)
                    for (int t = Math.Max(0, e.Onset - 1); t <= Math.Min(frames - 1, e.End + 1); t++) busy[t] = true;
            for (int t = 0; t < frames; t++)
            {
                var d = track.At(t);
                var previous = track.At(t - 1);
                if (d is not null && previous is not null && Distance(d, previous) > o.MaxStep) bad[t] = true;
                if (d is null && previous is not null && track.At(t + 1) is not null) bad[t] = true;
                if (d is not null && !busy[t] && d.Alpha >= 0.9f && d.Mass >= o.TrackerOrDefault.ConfidentMass && d.Shape != track.Shape)
                    bad[t] = true;
            }
        }
        for (int t = 0; t < frames; t++)
            foreach (var d in tracking.Detections[t])
                if (d.Visible && !tracking.Tracks.Any(tr => ReferenceEquals(tr.At(t), d))) { bad[t] = true; break; }
        return bad;
    }

    /// <summary>1 − (flagged frames in [start, end)) / (end − start).</summary>
    public static double Score(bool[] violations, int start, int end)
    {
        int n = 0;
        for (int t = start; t < end; t++) if (violations[t]) n++;
        return end > start ? 1 - (double)n / (end - start) : 1;
    }

    private static float Distance(Detection a, Detection b) => MathF.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
