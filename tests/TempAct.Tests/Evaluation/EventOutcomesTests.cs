using TempAct.Evaluation.Eval;
using TempAct.Evaluation.Metrics;
using TempAct.Judges.Oracle;
using TempAct.World.Events;
using TempAct.World.Plans;
using TempAct.World.Scenes;
using TempAct.World.Tracking;

namespace TempAct.Tests.Evaluation;

/// <summary>Why an expected event was not shown, on hand-made detections with hand-worked answers, and the events.csv
/// rows of rendered videos.</summary>
public sealed class EventOutcomesTests
{
    private const string R = "red circle", G = "green square";

    private static TimedEvent At(string subject, ActionKind action, int start, ColorName? color = null) =>
        new(new WorldEvent(subject, action, color), new FrameSpan(start, start + 12));

    private static DetectedEvent Saw(string subject, ActionKind action, int onset, ColorName? color = null) =>
        new(subject, action, color, onset, onset + 4, subject == R ? 0 : 1);

    private static IReadOnlyList<EventOutcome> Classify(IReadOnlyList<TimedEvent> expected, IReadOnlyList<DetectedEvent> detected) =>
        EventOutcomes.Of(expected, detected.OrderBy(d => d.Onset).ToList(), span => !detected.Any(d => span.Contains(d.Onset)));

    [Fact]
    public void EveryFailureKind_OnItsOwnEvent()
    {
        TimedEvent[] expected =
        [
            At(R, ActionKind.MoveRight, 0),             // 0: shown at 2
            At(R, ActionKind.Turn, 12, ColorName.Blue), // 1: the square turned blue instead → wrong-subject
            At(R, ActionKind.Jump, 24),                 // 2: nothing in its span; the only jump (at 50) pairs with event 4 → elsewhere
            At(G, ActionKind.Stay, 36),                 // 3: the square grows at 40 → moved
            At(R, ActionKind.Jump, 48),                 // 4: shown at 50 (nearer than event 2's start)
            At(R, ActionKind.Shrink, 60),               // 5: the circle moves up instead → other-action
            At(G, ActionKind.Vanish, 72),               // 6: nothing at all → nothing
        ];
        DetectedEvent[] detected =
        [
            Saw(R, ActionKind.MoveRight, 2), Saw(G, ActionKind.Turn, 14, ColorName.Blue), Saw(G, ActionKind.Grow, 40),
            Saw(R, ActionKind.Jump, 50), Saw(R, ActionKind.MoveUp, 62),
        ];
        var o = Classify(expected, detected);
        Assert.Equal([true, false, false, false, true, false, false], o.Select(x => x.Shown));
        Assert.Equal([null, "wrong-subject", "elsewhere", "moved", null, "other-action", "nothing"], o.Select(x => x.Failure));
        Assert.Equal([2, null, null, null, 50, null, null], o.Select(x => x.Onset));
        // The circle's events after its (expected) turn, whether or not the turn was shown; the square never turns.
        Assert.Equal([false, false, true, false, true, true, false], o.Select(x => x.AfterTurn));
        Assert.Equal([false, false, false, false, true, false, false], o.Select(x => x.Repeat));
        Assert.Equal(Enumerable.Range(0, 7), o.Select(x => x.Index));
    }

    [Fact]
    public void TheActionOnAnotherObject_OutranksAnotherActionOfTheSubject()
    {
        // Both happen in the jump's span: the square jumps (at 3) and the circle grows (at 5).
        var o = Classify([At(R, ActionKind.Jump, 0)], [Saw(G, ActionKind.Jump, 3), Saw(R, ActionKind.Grow, 5)]);
        Assert.Equal("wrong-subject", o[0].Failure);
        // Without the square's jump, the circle's growth is the failure.
        Assert.Equal("other-action", Classify([At(R, ActionKind.Jump, 0)], [Saw(R, ActionKind.Grow, 5)])[0].Failure);
        // The circle's only jump starts inside the first jump's span but nearer the second's start: the pairing gives it to
        // the second; the first was seen "elsewhere", not as another action.
        var taken = Classify([At(R, ActionKind.Jump, 0), At(R, ActionKind.Jump, 12)], [Saw(R, ActionKind.Jump, 10)]);
        Assert.Equal([false, true], taken.Select(x => x.Shown));
        Assert.Equal("elsewhere", taken[0].Failure);
        // An event starting just before the span is not inside it: the circle did not change during the jump's span.
        Assert.Equal("nothing", Classify([At(R, ActionKind.Jump, 12)], [Saw(R, ActionKind.Grow, 11)])[0].Failure);
    }

    [Fact]
    public void ShownAndCompletion_Agree_WithTheMetrics()
    {
        // Completion counts the shown events; the outcomes count the same ones.
        TimedEvent[] expected = [At(R, ActionKind.MoveRight, 0), At(R, ActionKind.Stay, 12), At(R, ActionKind.Jump, 24)];
        DetectedEvent[] detected = [Saw(R, ActionKind.MoveRight, 1), Saw(R, ActionKind.Grow, 26)];
        var o = Classify(expected, detected);
        var matching = EventMatcher.Match(expected, detected, span => !detected.Any(d => span.Contains(d.Onset)));
        Assert.Equal(TemporalMetrics.Completion(matching), o.Count(x => x.Shown) / 3.0);
    }

    [Fact]
    public void EventsCsv_OfRenderedVideos_OneRowAnEvent_TheMissingTurnSaysNothing()
    {
        var table = new EventsTable();
        table.Add(EvalPageTests.VideoOf(EvalMode.Step, 0, 0));  // the ground truth: every event shown
        table.Add(EvalPageTests.VideoOf(EvalMode.Step, 1, 0));  // the turn never happens
        var lines = table.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(string.Join(",", EventsTable.Columns), lines[0]);
        Assert.Equal(7, lines.Length); // header + 3 events × 2 videos
        Assert.Equal(6, table.Count);
        var rows = lines[1..].Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.Equal(EventsTable.Columns.Count, r.Length));
        Assert.All(rows.Take(3), r => Assert.Equal("1", r[9]));
        Assert.Equal(["step", "1", "0", "1", "red circle", "turn_blue", "0", "12", "24", "0", "", "nothing", "0", "0", "0", "1"], rows[4]);
        Assert.Equal("1", rows[5][12]); // the jump comes after the (expected) turn
        // A single caption has no plan: prompt_ok is empty; a plan step naming another object is a planner's miss.
        var single = new EventsTable();
        single.Add(EvalPageTests.VideoOf(EvalMode.Single, 0, 0));
        Assert.All(single.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[1..], l => Assert.EndsWith(",", l));
        var v = EvalPageTests.VideoOf(EvalMode.Step, 0, 0);
        var steps = v.Plan!.Steps.Select(st => st.StepIndex == 1 ? st with { Prompt = "green square turns blue" } : st).ToList();
        var wrong = new EventsTable();
        wrong.Add(v with { Plan = new StepPlan(steps, v.Plan.TotalChunks) });
        Assert.Equal(["1", "0", "1"], wrong.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[1..].Select(l => l.Split(',')[^1]));
    }
}
