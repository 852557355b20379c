using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;
using TempAct.World.Rendering;
using TempAct.World.Scenes;
using TempAct.World.Simulation;

namespace TempAct.Models.Executor;

/// <summary>
/// Pretraining clips cut the way real base models' clips are: windows at random chunk-aligned offsets of long
/// ground-truth videos (1–6 events of every action, 1–3 objects, after one still chunk), so the context chunk holds
/// whatever happened before the window — the end of a motion, a changed colour, size or place — and not always the
/// still initial state. A share of clips still comes from <see cref="ExecutorClips.Draw"/> (still start, event right
/// after it): generation starts from one. Clip i of seed s is a pure function of (s, i) and the options.
/// <para>Captions: a window is captioned with exactly the events whose onset lies inside it, after its context chunk —
/// it is cut so that no uncaptioned event starts there, each captioned onset at least <see cref="MinShownFrames"/>
/// frames before its end. The tail of an earlier event may run on into the window (it started before, in the context
/// or earlier, and is not captioned). One onset: its step prompt or an instruction sentence; two or three: one
/// instruction sentence (the multi-event share). Subjects are named by colour and shape as in the clip's first frame —
/// the context plays the part the initial state plays at inference, whose names step prompts use — and windows where
/// a turn runs between the first frame and the first captioned onset are not cut (that name would be ambiguous).</para>
/// <para>Switch clips (the LongLive-like tuning): exactly two onsets of events with different step prompts, the second
/// inside chunk s ≥ 2 and the first in an earlier chunk; the caption is the first event's step prompt on chunks &lt; s and the second's from chunk s on — the
/// prompt switches at the chunk boundary just before the new event starts, as a plan's switch does.</para>
/// </summary>
public static class WindowClips
{
    /// <summary>What <see cref="Draw"/> draws (<see cref="ExecutorTrainConfig"/>'s clip fields).</summary>
    /// <param name="Frames">Frames a clip (the context chunk included).</param>
    /// <param name="ChunkFrames">Frames a chunk; offsets and switches are chunk-aligned.</param>
    /// <param name="MultiEventFraction">Share of (non-switch) windows captioned with 2–3 events.</param>
    /// <param name="StepPromptFraction">Share of single-event captions that are step prompts (the rest: a sentence).</param>
    /// <param name="StillStartFraction">Share of clips drawn from the still-start source.</param>
    /// <param name="SwitchFraction">Share of clips whose caption switches at a chunk boundary.</param>
    /// <param name="FullWordingFraction">Share of sentence captions written in the whole instruction language.</param>
    public sealed record Options(int Frames, int ChunkFrames, double MultiEventFraction, double StepPromptFraction,
        double StillStartFraction, double SwitchFraction, double FullWordingFraction = 0)
    {
        /// <summary>The options of a training config.</summary>
        public static Options From(ExecutorTrainConfig c) =>
            new(c.ClipFrames, c.Model.ChunkFrames, c.MultiEventFraction, c.StepPromptFraction, c.StillStartFraction, c.SwitchFraction,
                c.FullWordingFraction);
    }

    /// <summary>Most events of a long video (the instruction language's limit).</summary>
    public const int MaxEvents = 6;

    /// <summary>Most still frames after an action before the next event starts (at least one, as in the World's timing).</summary>
    public const int MaxHoldFrames = 9;

    /// <summary>Fewest frames of a captioned event inside the window (a chunk's worth): its onset is at least this many
    /// frames before the window's end.</summary>
    public const int MinShownFrames = 3;

    private const int Attempts = 10_000;

    /// <summary>Draws clip <paramref name="index"/> of the stream for <paramref name="seed"/>.</summary>
    public static ExecutorClip Draw(long seed, long index, Options o)
    {
        if (o.Frames < 3 * o.ChunkFrames || o.Frames % o.ChunkFrames != 0)
            throw new ArgumentException($"window clips need a whole number of at least 3 chunks, got {o.Frames} frames of {o.ChunkFrames}");
        var rng = new Random(StableSeed.Of(seed, index, 0x3d1d));
        double u = rng.NextDouble();
        if (u < o.StillStartFraction) return ExecutorClips.Draw(seed, index, o.Frames, o.MultiEventFraction, o.StepPromptFraction, o.FullWordingFraction);
        bool switching = u < o.StillStartFraction + o.SwitchFraction;
        int captioned = switching ? 2 : rng.NextDouble() < o.MultiEventFraction ? 2 + rng.Next(2) : 1;
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            var video = LongVideo(rng, captioned, o);
            var windows = Windows(video, captioned, switching, o);
            if (windows.Count == 0) continue;
            var (offset, first) = windows[rng.Next(windows.Count)];
            if (Cut(rng, video, offset, first, captioned, switching, o) is { } clip) return clip;
        }
        throw new InvalidOperationException($"no window with {captioned} captioned events in {Attempts} long videos");
    }

    /// <summary>A long ground-truth video: one still chunk, then the events one after another, each taking its action's
    /// whole duration plus 1–<see cref="MaxHoldFrames"/> still frames (a stay 3–<see cref="MaxHoldFrames"/>), then a
    /// clip's length of stillness so a window may hold the last event late.</summary>
    private static (Scene Scene, IReadOnlyList<TimedEvent> Timed, int Frames) LongVideo(Random rng, int atLeast, Options o)
    {
        int n = atLeast + rng.Next(MaxEvents - atLeast + 1);
        var (scene, events) = ScenarioSampler.Sample(rng, n);
        var timed = new List<TimedEvent>(n);
        int start = o.ChunkFrames;
        foreach (var e in events)
        {
            int active = ActionDynamics.ActiveFrames(e, int.MaxValue);
            int length = Math.Max(EventTiming.MinSpanFrames, active + 1 + rng.Next(MaxHoldFrames));
            timed.Add(new TimedEvent(e, new FrameSpan(start, start + length)));
            start += length;
        }
        return (scene, timed, start + o.Frames);
    }

    /// <summary>Every (offset, first captioned event) that satisfies the caption rules (see the class summary).</summary>
    private static List<(int Offset, int First)> Windows((Scene Scene, IReadOnlyList<TimedEvent> Timed, int Frames) video, int captioned,
        bool switching, Options o)
    {
        var result = new List<(int, int)>();
        var timed = video.Timed;
        for (int offset = 0; offset + o.Frames <= video.Frames; offset += o.ChunkFrames)
        {
            int from = offset + o.ChunkFrames, to = offset + o.Frames; // onsets allowed in [from, to)
            int first = -1, count = 0;
            for (int j = 0; j < timed.Count; j++)
            {
                int onset = timed[j].Span.Start;
                if (onset < from || onset >= to) continue;
                if (first < 0) first = j;
                count++;
            }
            if (count != captioned || timed[first + count - 1].Span.Start > to - MinShownFrames) continue;
            if (TurnRunsBefore(timed, first, offset)) continue;
            if (switching)
            {
                int a = (timed[first].Span.Start - offset) / o.ChunkFrames, s = (timed[first + 1].Span.Start - offset) / o.ChunkFrames;
                if (s < 2 || a >= s) continue;
                // A repeat ("moves right" twice) has one prompt for both: no switch to train.
                if (StepPrompt.Canonical(timed[first].Event) == StepPrompt.Canonical(timed[first + 1].Event)) continue;
            }
            result.Add((offset, first));
        }
        return result;
    }

    /// <summary>True when a turn is still running at or after the window's first frame, before event
    /// <paramref name="first"/> starts (the subject's colour at the first frame would not be its colour later).</summary>
    private static bool TurnRunsBefore(IReadOnlyList<TimedEvent> timed, int first, int offset)
    {
        for (int j = 0; j < first; j++)
        {
            var t = timed[j];
            if (t.Event.Action == ActionKind.Turn && t.Span.Start + ActionDynamics.ActiveFrames(t.Event, t.Span.Length) > offset) return true;
        }
        return false;
    }

    /// <summary>Renders the window and captions it; null when two objects would share a name in the clip.</summary>
    private static ExecutorClip? Cut(Random rng, (Scene Scene, IReadOnlyList<TimedEvent> Timed, int Frames) video, int offset, int first,
        int captioned, bool switching, Options o)
    {
        var names = video.Scene.Objects.Select(x => x.Name).ToArray();
        // The objects when the first captioned event starts: every earlier event has completed (an action ends inside its span).
        var rest = WorldSimulator.Initial(video.Scene);
        for (int j = 0; j < first; j++)
            if (WorldSimulator.TryApply(rest, names, video.Timed[j].Event, j) is { } problem)
                throw new InvalidOperationException($"long video event {j} infeasible: {problem}");
        var objects = video.Scene.Objects.Select((x, i) => new SceneObject(rest[i].Color, x.Shape, rest[i].Size, Cell(rest[i]), rest[i].Visible)).ToList();
        if (objects.Select(x => x.Name).Distinct().Count() != objects.Count) return null;
        var scene = new Scene(objects);
        var rename = names.Select((n, i) => (n, objects[i].Name)).ToDictionary(x => x.n, x => x.Item2);
        var events = video.Timed.Skip(first).Take(captioned).Select(t => new TimedEvent(t.Event with { Subject = rename[t.Event.Subject] },
            new FrameSpan(t.Span.Start - offset, Math.Min(t.Span.End - offset, o.Frames)))).ToList();

        var states = WorldSimulator.States(video.Scene, video.Timed, offset + o.Frames);
        var pixels = Renderer.RenderStates(states.Skip(offset).ToArray()).Data;
        var clip = new ExecutorClip(pixels, "", events, scene) { Offset = offset, LongVideoScene = video.Scene };
        if (switching)
            return clip with
            {
                Caption = StepPrompt.Canonical(events[0].Event),
                SwitchCaption = StepPrompt.Canonical(events[1].Event),
                SwitchChunk = events[1].Span.Start / o.ChunkFrames,
            };
        string caption = captioned == 1 && rng.NextDouble() < o.StepPromptFraction
            ? StepPrompt.Canonical(events[0].Event)
            : InstructionGenerator.Render(rng, scene, events.Select(e => e.Event).ToList(), ExecutorClips.SentenceWording(rng, o.FullWordingFraction));
        return clip with { Caption = caption };
    }

    /// <summary>The grid cell an object rests in (every move is one whole cell; a jump lands where it started).</summary>
    private static Placement Cell(ObjectState s)
    {
        int Index(float v) => Math.Clamp((int)Math.Round((v - WorldGeometry.CellCenter(0)) / WorldGeometry.MoveDistance), 0, 2);
        return new Placement(Index(s.X), Index(s.Y));
    }
}
