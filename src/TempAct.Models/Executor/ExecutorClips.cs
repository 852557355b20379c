using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;
using TempAct.World.Rendering;
using TempAct.World.Scenes;
using TempAct.World.Simulation;

namespace TempAct.Models.Executor;

/// <summary>
/// The executor's pretraining clips. <see cref="For"/> picks the configured source (<see cref="ClipSource"/>);
/// <see cref="Draw"/> is the still-start source, one caption per clip. Most clips are one
/// event from a random initial state, the action starting on the first frame, captioned either with its step prompt
/// ("red circle moves right") or with a full instruction sentence; the rest are 2–3 events under one global instruction
/// caption. Never a clip whose caption changes mid-way — prompt switching stays out of distribution. Every clip opens
/// with one chunk of the still initial state (<see cref="InitialState"/>): generation is conditioned on it, as an
/// image-to-video model is on its first frame (docs/executor.md says why).
/// Clip i of seed s is a pure function of (s, i).
/// </summary>
public static class ExecutorClips
{
    /// <summary>Clip <paramref name="index"/> of the configured pretraining stream: a pure function of (seed, index) and
    /// the config's clip fields.</summary>
    public static ExecutorClip For(ExecutorTrainConfig config, long index) => config.Clips switch
    {
        ClipSource.StillStart => Draw(config.Seed, index, config.ClipFrames, config.MultiEventFraction, config.StepPromptFraction, config.FullWordingFraction),
        ClipSource.LongVideoWindows => WindowClips.Draw(config.Seed, index, WindowClips.Options.From(config)),
        _ => throw new ArgumentOutOfRangeException(nameof(config), $"clip source {config.Clips}"),
    };

    /// <summary>Draws still-start clip <paramref name="index"/> of the stream for <paramref name="seed"/>.</summary>
    public static ExecutorClip Draw(long seed, long index, int frames, double multiEventFraction, double stepPromptFraction, double fullWordingFraction = 0)
    {
        var rng = new Random(StableSeed.Of(seed, index, 0x5eed));
        bool multi = rng.NextDouble() < multiEventFraction;
        int events = multi ? 2 + rng.Next(2) : 1;
        int prefix = StepPlan.ChunkFrames, eventFrames = frames - prefix;
        while (events > 1 && eventFrames / events < EventTiming.MinSpanFrames + 3) events--;
        var (scene, evs) = ScenarioSampler.Sample(rng, events);
        var timed = EventTiming.Assign(evs, eventFrames).Select(t => t with { Span = new FrameSpan(t.Span.Start + prefix, t.Span.End + prefix) }).ToArray();
        string caption = events == 1 && rng.NextDouble() < stepPromptFraction
            ? StepPrompt.Canonical(evs[0])
            : InstructionGenerator.Render(rng, scene, evs, SentenceWording(rng, fullWordingFraction));
        var video = Renderer.Render(scene, timed, frames);
        return new ExecutorClip(video.Data, caption, timed, scene) { StillStart = true, LongVideoScene = scene };
    }

    /// <summary>The wording of a sentence caption: the whole language with probability <paramref name="fullWordingFraction"/>
    /// (no random draw when it is 0, so streams without it are unchanged).</summary>
    internal static Wording SentenceWording(Random rng, double fullWordingFraction) =>
        fullWordingFraction > 0 && rng.NextDouble() < fullWordingFraction ? Wording.Full : Wording.Core;

    /// <summary>The context chunk of a scene: its initial state held still for one chunk (the World's layout).</summary>
    public static float[] InitialState(Scene scene)
    {
        var initial = WorldSimulator.Initial(scene);
        return Renderer.RenderStates(Enumerable.Repeat(initial, StepPlan.ChunkFrames).ToArray()).Data;
    }

    /// <summary>A held-out single-event prompt set (a different stream than training): scene, event, step prompt.</summary>
    public static IReadOnlyList<Instruction> HeldOutSingleEvents(long seed, int count)
    {
        var rng = new Random(StableSeed.Of(seed, 0x4e1d));
        var result = new List<Instruction>();
        for (int i = 0; i < count; i++)
        {
            var (scene, evs) = ScenarioSampler.Sample(rng, 1);
            result.Add(new Instruction(StepPrompt.Canonical(evs[0]), scene, evs));
        }
        return result;
    }
}
