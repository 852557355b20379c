using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Simulation;

namespace TempAct.Judges.Oracle;

/// <summary>What the instruction says each frame should show: its events at their default spans
/// (<see cref="EventTiming.Assign"/>) and every object's simulated state per frame (<see cref="WorldSimulator.States"/>).</summary>
internal sealed class ExpectedTimeline
{
    private ExpectedTimeline(Instruction instruction, IReadOnlyList<TimedEvent> timed, ObjectState[][] states)
    {
        Instruction = instruction; Timed = timed; States = states;
    }

    /// <summary>The instruction.</summary>
    public Instruction Instruction { get; }

    /// <summary>The events with their spans.</summary>
    public IReadOnlyList<TimedEvent> Timed { get; }

    /// <summary>Every object's state (scene order) in each frame.</summary>
    public ObjectState[][] States { get; }

    /// <summary>The timeline of <paramref name="instruction"/> over <paramref name="frames"/> frames; a
    /// <see cref="JudgeInputException"/> when the video is too short for its events.</summary>
    public static ExpectedTimeline Of(Instruction instruction, int frames)
    {
        IReadOnlyList<TimedEvent> timed;
        try { timed = EventTiming.Assign(instruction.Events, frames); }
        catch (ArgumentException e) { throw new JudgeInputException($"cannot judge a {frames}-frame video of \"{instruction.Text}\": {e.Message}"); }
        return new ExpectedTimeline(instruction, timed, WorldSimulator.States(instruction.Scene, timed, frames));
    }

    /// <summary>Names of the objects that are at least half visible in some frame.</summary>
    public IReadOnlyList<string> EverVisible() =>
        Instruction.Scene.Objects.Where((_, i) => States.Any(frame => frame[i].Alpha >= 0.5f)).Select(o => o.Name).ToArray();
}
