using TempAct.Judges.Rewards;
using TempAct.World.Events;
using TempAct.World.Plans;
using TempAct.World.Rendering;
using TempAct.World.Scenes;
using TempAct.World.Tracking;

namespace TempAct.Judges.Oracle;

/// <summary>
/// S_local by the tracker: does the window of the step that begins at a switch do what its step prompt says — the
/// subject is there, the rest of the scene holds still, the action starts promptly and alone, the frames are plausible,
/// and the subject ends where the action takes it from the frame before the switch (docs/rewards.md, "S_local").
/// The video is tracked from frame 0 to <see cref="OracleOptions.FramesAfterWindow"/> frames past the window's end, so
/// the prompt's frame-0 names resolve and an action still under way at the window's end is recognised.
/// </summary>
public sealed class OracleStepJudge(OracleOptions? options = null, StepJudgeWeights? weights = null) : IStepJudge
{
    private readonly OracleOptions o = options ?? OracleOptions.Default;
    private readonly StepJudgeWeights w = weights ?? new();

    /// <inheritdoc />
    public Task<IReadOnlyList<JudgeScore>> ScoreAsync(IReadOnlyList<StepJudgeItem> items, CancellationToken cancellation = default) =>
        Task.FromResult(o.Batch(items, item => Score(item.Video, item.Window, item.Prompt), cancellation));

    /// <summary>Scores one window.</summary>
    public JudgeScore Score(Video video, FrameSpan window, string prompt)
    {
        if (window.Start < 0 || window.End > video.Frames || window.Length < 1)
            throw new JudgeInputException($"step window {window} is not inside the video's {video.Frames} frames");
        // Past the window's end, so an action under way there is classified by its whole course (a move cut in the middle
        // is still a move, a jump cut at its top would look like a move up); only its onset has to lie in the window.
        int seen = Math.Min(video.Frames, window.End + o.FramesAfterWindow);
        var clip = seen < video.Frames ? video.Slice(0, seen) : video;
        var tracking = Tracker.Track(clip, o.TrackerOrDefault);
        int pre = Math.Max(window.Start - 1, 0); // the last frame before the switch: where the step starts from
        var step = StepPrompt.TryParse(prompt);
        var subject = step is null ? null : tracking.Tracks.Where(t => t.Name == step.Subject)
            .OrderByDescending(t => SeenIn(t, pre, window.End)).FirstOrDefault();
        if (subject is not null && SeenIn(subject, pre, window.End) == 0) subject = null;
        if (step is { Action: ActionKind.Stay } && subject?.At(pre) is not { Visible: true })
            return HiddenStay(tracking, step, window, pre);

        var subs = new Dictionary<string, double>
        {
            [SubScoreNames.Subject] = subject is null ? 0 : 1,
            [SubScoreNames.Scene] = SceneScore(tracking, subject, window, pre),
            [SubScoreNames.Action] = step is null || subject is null ? 0 : ActionScore(tracking, subject, step, window),
            [SubScoreNames.ObjectReasonability] = PlausibilityCheck.Score(PlausibilityCheck.ViolationFrames(tracking, o), window.Start, window.End),
            [SubScoreNames.Final] = step is null || subject is null ? 0 : FinalScore(subject, step, window, pre),
        };
        if (o.GradedAction && step is not null && step.Action != ActionKind.Stay)
        {
            bool detected = subject is not null && Match(tracking, subject, step, window) is not null;
            subs[SubScoreNames.ActionEvent] = detected ? 1 : 0;
            if (!detected && subject is not null) subs[SubScoreNames.Action] = o.GradedActionCap * Progress(subject, step, window, pre);
        }
        return new JudgeScore(w.Total(subs), subs);
    }

    /// <summary>
    /// How far the subject got toward the step's action, in [0, 1], from its detection at <paramref name="pre"/> (the
    /// frame before the switch; before an appear, its last sighting) to the window's last frame, never past it. Moves: the
    /// signed centroid shift along the direction over one cell (<see cref="WorldGeometry.MoveDistance"/>); jump: the
    /// highest rise above the start inside the window over <see cref="WorldGeometry.JumpHeight"/>; grow and shrink: the
    /// signed radius change over the radius step between the small and the large size; turn: the target colour's share of
    /// the blob's colour mass at the end; appear: the end opacity (0 unseen); vanish: 1 − the end opacity (1 unseen).
    /// A geometric action with no start or end detection has made no progress.
    /// </summary>
    private static double Progress(Track subject, WorldEvent step, FrameSpan window, int pre)
    {
        var end = subject.At(window.End - 1);
        var start = subject.At(pre) ?? Enumerable.Range(0, pre + 1).Reverse().Select(subject.At).FirstOrDefault(d => d is not null);
        const float sizeStep = WorldGeometry.LargeRadius - WorldGeometry.SmallRadius;
        double progress = step.Action switch
        {
            ActionKind.Appear => end?.Alpha ?? 0,
            ActionKind.Vanish => 1 - (end?.Alpha ?? 0),
            ActionKind.Turn => end is null ? 0 : end.ColorMass[(int)step.TargetColor!.Value] / Math.Max(end.ColorMass.Sum(), 1e-6f),
            ActionKind.Jump => start is null ? 0 : Enumerable.Range(window.Start, window.Length).Select(subject.At)
                .Where(d => d is not null).Select(d => (double)(start.Y - d!.Y)).DefaultIfEmpty(0).Max() / WorldGeometry.JumpHeight,
            _ when start is null || end is null => 0,
            ActionKind.MoveLeft => (start.X - end.X) / WorldGeometry.MoveDistance,
            ActionKind.MoveRight => (end.X - start.X) / WorldGeometry.MoveDistance,
            ActionKind.MoveUp => (start.Y - end.Y) / WorldGeometry.MoveDistance,
            ActionKind.MoveDown => (end.Y - start.Y) / WorldGeometry.MoveDistance,
            ActionKind.Grow => (end.Radius - start.Radius) / sizeStep,
            ActionKind.Shrink => (start.Radius - end.Radius) / sizeStep,
            _ => 0,
        };
        return Math.Clamp(progress, 0, 1);
    }

    /// <summary>The first event of the subject with the step's action code that starts inside the window, or null.</summary>
    private static DetectedEvent? Match(TrackingResult tracking, Track subject, WorldEvent step, FrameSpan window) =>
        tracking.Events.FirstOrDefault(e => e.TrackId == subject.Id && Touches(e, window) && e.Onset >= window.Start && e.ActionCode == step.ActionCode);

    /// <summary>
    /// A stay of a subject that is not visible before the switch (it vanished, or has not appeared yet): it must stay
    /// unseen. Subject, action and final are 1 when no blob of its name is seen in the window, else 0.
    /// </summary>
    private JudgeScore HiddenStay(TrackingResult tracking, WorldEvent step, FrameSpan window, int pre)
    {
        bool unseen = !tracking.Tracks.Any(t => t.Name == step.Subject && Enumerable.Range(window.Start, window.Length).Any(f => t.At(f) is { Visible: true }));
        double kept = unseen ? 1 : 0;
        var subs = new Dictionary<string, double>
        {
            [SubScoreNames.Subject] = kept,
            [SubScoreNames.Scene] = SceneScore(tracking, null, window, pre),
            [SubScoreNames.Action] = kept,
            [SubScoreNames.ObjectReasonability] = PlausibilityCheck.Score(PlausibilityCheck.ViolationFrames(tracking, o), window.Start, window.End),
            [SubScoreNames.Final] = kept,
        };
        return new JudgeScore(w.Total(subs), subs);
    }

    /// <summary>True when detected event <paramref name="e"/> touches the window: starts inside it, or started before the
    /// switch and was still going at it (a previous action carried over).</summary>
    private static bool Touches(DetectedEvent e, FrameSpan window) =>
        window.Contains(e.Onset) || (e.Onset < window.Start && e.End >= window.Start);

    /// <summary>
    /// Share of the other objects (seen in the window or just before it) that stay as they were: no event of theirs touches
    /// the window, they are seen (or not) alike before the switch and at the window's end, and they were not born inside
    /// the window. 1 when the subject is alone.
    /// </summary>
    private static double SceneScore(TrackingResult tracking, Track? subject, FrameSpan window, int pre)
    {
        int others = 0, kept = 0;
        foreach (var t in tracking.Tracks)
        {
            if (ReferenceEquals(t, subject) || SeenIn(t, pre, window.End) == 0) continue;
            others++;
            bool changed = tracking.Events.Any(e => e.TrackId == t.Id && Touches(e, window))
                || (t.At(pre) is not null) != (t.At(window.End - 1) is not null)
                || t.FirstFrame >= window.Start;
            if (!changed) kept++;
        }
        return others == 0 ? 1 : (double)kept / others;
    }

    /// <summary>
    /// Stay: 1 when none of the subject's events touches the window. Otherwise 0 unless an event of the prompt's action
    /// code starts inside the window; then 1 when it starts within <see cref="OracleOptions.ActionSlackFrames"/> frames of
    /// the switch, falling linearly to 0.5 at the window's end (a delayed reaction), halved when any other event of the
    /// subject touches the window (blending).
    /// </summary>
    private double ActionScore(TrackingResult tracking, Track subject, WorldEvent step, FrameSpan window)
    {
        var touching = tracking.Events.Where(e => e.TrackId == subject.Id && Touches(e, window)).ToList();
        if (step.Action == ActionKind.Stay) return touching.Count == 0 ? 1 : 0;
        var match = Match(tracking, subject, step, window);
        if (match is null) return 0;
        int delay = match.Onset - window.Start;
        double timeliness = delay <= o.ActionSlackFrames
            ? 1 : 1 - 0.5 * Math.Min(1, (double)(delay - o.ActionSlackFrames) / Math.Max(1, window.Length - o.ActionSlackFrames));
        return timeliness * (touching.Count == 1 ? 1 : 0.5);
    }

    /// <summary>
    /// The subject's end state against the action applied to its state before the switch: visibility must be right
    /// (vanish: gone; appear: there); when it should be seen, 0.4·position + 0.3·colour + 0.3·size, where a move shifts
    /// the start position by one cell, a turn sets the colour and grow/shrink the size.
    /// </summary>
    private double FinalScore(Track subject, WorldEvent step, FrameSpan window, int pre)
    {
        var start = subject.At(pre);
        var end = subject.At(window.End - 1);
        bool startVisible = start is { Visible: true };
        bool expectVisible = step.Action switch { ActionKind.Vanish => false, ActionKind.Appear => true, _ => startVisible };
        bool endVisible = end is { Visible: true };
        if (!expectVisible) return endVisible ? 0 : 1;
        if (!endVisible) return 0;
        // Before an appear the subject is unseen: its last sighting (if any) holds its place, colour and size.
        var reference = start ?? Enumerable.Range(0, pre + 1).Reverse().Select(subject.At).FirstOrDefault(d => d is not null);
        float dx = step.Action switch { ActionKind.MoveLeft => -WorldGeometry.MoveDistance, ActionKind.MoveRight => WorldGeometry.MoveDistance, _ => 0 };
        float dy = step.Action switch { ActionKind.MoveUp => -WorldGeometry.MoveDistance, ActionKind.MoveDown => WorldGeometry.MoveDistance, _ => 0 };
        double position = reference is null ? 1 : o.PositionCredit(Math.Sqrt(
            (end!.X - reference.X - dx) * (end.X - reference.X - dx) + (end.Y - reference.Y - dy) * (end.Y - reference.Y - dy)));
        var colour = step.Action == ActionKind.Turn ? step.TargetColor!.Value : reference?.Color ?? subject.Color;
        var size = step.Action switch { ActionKind.Grow => SizeClass.Large, ActionKind.Shrink => SizeClass.Small, _ => reference?.Size ?? subject.Size };
        return 0.4 * position + 0.3 * (end!.Color == colour ? 1 : 0) + 0.3 * (end.Size == size ? 1 : 0);
    }

    private static int SeenIn(Track t, int from, int to)
    {
        int n = 0;
        for (int f = from; f < to; f++) if (t.At(f) is not null) n++;
        return n;
    }
}
