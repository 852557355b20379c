using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;
using TempAct.World.Rendering;
using TempAct.World.Scenes;
using TempAct.World.Simulation;

namespace TempAct.Tests.Judges;

/// <summary>Videos for the judge tests: ground truth, and the three failures a judge must catch (wrong order, a missing
/// event, a blended transition).</summary>
public static class JudgeScenarios
{
    /// <summary>Frames of the fixed scenario: 3 events of 12 frames.</summary>
    public const int Frames = 36;

    /// <summary>"A red circle rests on the left. It moves to the right, then turns blue, and finally jumps."</summary>
    public static Instruction Instruction { get; } = InstructionParser.Parse(
        "A large red circle rests on the left. A small green square sits at the top right. The red circle slides to the right, then it turns blue, and finally it jumps.");

    /// <summary>Renders events at their default spans.</summary>
    public static Video Render(Scene scene, IReadOnlyList<WorldEvent> events, int frames) =>
        Renderer.Render(scene, EventTiming.Assign(events, frames), frames);

    /// <summary>The instruction rendered as it says.</summary>
    public static Video GroundTruth() => Render(Instruction.Scene, Instruction.Events, Frames);

    /// <summary>The first two events swapped (turn blue, then move right, then jump).</summary>
    public static Video WrongOrder()
    {
        var e = Instruction.Events;
        return Render(Instruction.Scene, [e[1], e[0], e[2]], Frames);
    }

    /// <summary>The middle event (turn blue) never happens: the circle stays red.</summary>
    public static Video MissingEvent()
    {
        var e = Instruction.Events;
        return Render(Instruction.Scene, [e[0], new WorldEvent(e[0].Subject, ActionKind.Stay), e[2]], Frames);
    }

    /// <summary>
    /// A blended transition: the move runs late, over frames 8–15, across the switch at frame 12, while the turn (frames
    /// 11–13) already happens during it — two steps' actions overlapping.
    /// </summary>
    public static Video Blended()
    {
        var e = Instruction.Events;
        return RenderOverlapping(Instruction.Scene, [(e[0], 8, 8), (e[1], 11, 3), (e[2], 24, 5)], Frames);
    }

    /// <summary>Renders events that may overlap in time: each (event, first frame, active frames) is applied on top of
    /// the earlier ones in every frame, partially while active and fully after.</summary>
    public static Video RenderOverlapping(Scene scene, IReadOnlyList<(WorldEvent Event, int Start, int Active)> events, int frames)
    {
        var states = new ObjectState[frames][];
        for (int f = 0; f < frames; f++)
        {
            var s = WorldSimulator.Initial(scene);
            foreach (var (ev, start, active) in events)
            {
                int k = f - start + 1, i = scene.IndexOf(ev.Subject);
                if (k <= 0) continue;
                s[i] = k >= active ? WorldSimulator.Final(s[i], ev) : WorldSimulator.Partial(s[i], ev, k, active);
            }
            states[f] = s;
        }
        return Renderer.RenderStates(states);
    }

    /// <summary>The rule teacher's plan: one canonical step prompt per event, chunk spans proportional to the events'
    /// default spans (slow events get twice the room).</summary>
    public static StepPlan TeacherPlan(Instruction instruction, int frames)
    {
        var timed = EventTiming.Assign(instruction.Events, frames);
        int chunks = frames / StepPlan.ChunkFrames, start = 0;
        var steps = new List<PlanStep>();
        for (int i = 0; i < timed.Count; i++)
        {
            int end = i == timed.Count - 1 ? chunks : Math.Max(start + 1, (int)Math.Round(timed[i].Span.End / (double)StepPlan.ChunkFrames));
            steps.Add(new PlanStep(i, StepPrompt.Canonical(timed[i].Event), new ChunkSpan(start, end)));
            start = end;
        }
        return new StepPlan(steps, chunks);
    }

    /// <summary>The frames of step <paramref name="index"/> of an instruction rendered at its default spans.</summary>
    public static FrameSpan StepWindow(Instruction instruction, int frames, int index) =>
        EventTiming.Assign(instruction.Events, frames)[index].Span;
}
