using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;
using TempAct.World.Rendering;
using TempAct.World.Simulation;

namespace TempAct.Models.Executor;

/// <summary>One pretraining clip: rendered frames (the World's layout, [−1, 1]), its one caption and its events.</summary>
public sealed record ExecutorClip(float[] Pixels, string Caption, IReadOnlyList<TimedEvent> Events, Instruction Content);

/// <summary>
/// The executor's pretraining distribution, as real base models see theirs: one caption per clip. Most clips are one
/// event from a random initial state, the action starting on the first frame, captioned either with its step prompt
/// ("red circle moves right") or with a full instruction sentence; the rest are 2–3 events under one global instruction
/// caption. Never a clip whose caption changes mid-way — prompt switching stays out of distribution.
/// Clip i of seed s is a pure function of (s, i).
/// </summary>
public static class ExecutorClips
{
    /// <summary>Draws clip <paramref name="index"/> of the stream for <paramref name="seed"/>.</summary>
    public static ExecutorClip Draw(long seed, long index, int frames, double multiEventFraction, double stepPromptFraction)
    {
        var rng = new Random(HashCode.Combine(seed, index, 0x5eed));
        bool multi = rng.NextDouble() < multiEventFraction;
        int events = multi ? 2 + rng.Next(2) : 1;
        while (events > 1 && frames / events < EventTiming.MinSpanFrames + 3) events--;
        var (scene, evs) = ScenarioSampler.Sample(rng, events);
        var timed = EventTiming.Assign(evs, frames);
        string caption = events == 1 && rng.NextDouble() < stepPromptFraction
            ? StepPrompt.Canonical(evs[0])
            : InstructionGenerator.Render(rng, scene, evs);
        var video = Renderer.Render(scene, timed, frames);
        return new ExecutorClip(video.Data, caption, timed, new Instruction(caption, scene, evs));
    }

    /// <summary>A held-out single-event prompt set (a different stream than training): scene, event, step prompt.</summary>
    public static IReadOnlyList<Instruction> HeldOutSingleEvents(long seed, int count)
    {
        var rng = new Random(HashCode.Combine(seed, 0x4e1d));
        var result = new List<Instruction>();
        for (int i = 0; i < count; i++)
        {
            var (scene, evs) = ScenarioSampler.Sample(rng, 1);
            result.Add(new Instruction(StepPrompt.Canonical(evs[0]), scene, evs));
        }
        return result;
    }
}
