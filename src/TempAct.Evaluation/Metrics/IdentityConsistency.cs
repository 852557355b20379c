using TempAct.World.Events;
using TempAct.World.Scenes;
using TempAct.World.Tracking;

namespace TempAct.Evaluation.Metrics;

/// <summary>
/// Identity consistency of one video, from the tracker's tracks: an object keeps its shape and its colour unless an event
/// of the instruction changes it. For every track, each frame with a visible detection (opacity ≥ 0.5) outside the track's
/// own detected changes ([onset, end] of its detected events, where a mid-turn wipe or a jump at the edge may look like
/// something else) is checked: its shape must be the track's reference shape (the majority over its first five checked
/// frames) and its colour one the object may have (its first-seen colour, or the target of a turn event of the
/// instruction whose subject is the track's name). The score is consistent frames / checked frames over all tracks, in
/// [0, 1]; null when no frame was checked (nothing visible).
/// </summary>
public static class IdentityConsistency
{
    /// <summary>Frames of a track that vote for its reference shape.</summary>
    public const int ReferenceFrames = 5;

    /// <summary>The identity consistency of <paramref name="tracking"/> under the instruction's <paramref name="events"/>.</summary>
    public static double? Of(TrackingResult tracking, IReadOnlyList<WorldEvent> events)
    {
        int consistent = 0, checkedFrames = 0;
        foreach (var track in tracking.Tracks)
        {
            var changes = tracking.Events.Where(e => e.TrackId == track.Id).ToList();
            var frames = Enumerable.Range(0, tracking.FrameCount)
                .Where(t => track.At(t) is { Visible: true } && !changes.Any(e => e.Onset <= t && t <= e.End))
                .ToList();
            if (frames.Count == 0) continue;
            var shape = frames.Take(ReferenceFrames).GroupBy(t => track.At(t)!.Shape)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.First()).First().Key;
            var colours = new HashSet<ColorName> { track.Color };
            foreach (var e in events)
                if (e.Action == ActionKind.Turn && e.TargetColor is { } c && e.Subject == track.Name) colours.Add(c);
            foreach (int t in frames)
            {
                var d = track.At(t)!;
                checkedFrames++;
                if (d.Shape == shape && colours.Contains(d.Color)) consistent++;
            }
        }
        return checkedFrames == 0 ? null : (double)consistent / checkedFrames;
    }
}
