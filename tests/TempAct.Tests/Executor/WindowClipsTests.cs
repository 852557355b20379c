using TempAct.Models.Executor;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;
using TempAct.World.Rendering;
using TempAct.World.Simulation;
using TempAct.World.Tracking;

namespace TempAct.Tests.Executor;

/// <summary>The long-video window sampler: histories that are not still, captions that match what happens inside the
/// window (ground truth and the tracker), switch clips that switch at a chunk boundary, purity in (seed, index).</summary>
public sealed class WindowClipsTests
{
    private const int Frames = 18, Cf = 3, FrameValues = 3 * 32 * 32;
    private static readonly WindowClips.Options Mix = new(Frames, Cf, MultiEventFraction: 0.25, StepPromptFraction: 0.6, StillStartFraction: 0.25, SwitchFraction: 0.25);

    private static IEnumerable<ExecutorClip> Clips(WindowClips.Options o, int count, long seed = 7) =>
        Enumerable.Range(0, count).Select(i => WindowClips.Draw(seed, i, o));

    private static bool Differ(float[] pixels, int frameA, float[] other, int frameB) =>
        Enumerable.Range(0, FrameValues).Any(j => Math.Abs(pixels[frameA * FrameValues + j] - other[frameB * FrameValues + j]) > 0.05f);

    [Fact]
    public void Histories_AreOftenNotStill_AndSomeClipsStillStartFromTheInitialState()
    {
        var clips = Clips(Mix, 300).ToList();
        int still = 0, moving = 0, changed = 0;
        foreach (var c in clips)
        {
            var initial = ExecutorClips.InitialState(c.LongVideoScene!);
            if (c.StillStart)
            {
                still++;
                Assert.False(Differ(c.Pixels, 0, initial, 0) || Differ(c.Pixels, 2, initial, 0), "a still-start clip opens with the initial state held still");
                continue;
            }
            if (Differ(c.Pixels, 0, c.Pixels, 1) || Differ(c.Pixels, 1, c.Pixels, 2)) moving++; // motion inside the context chunk
            if (Differ(c.Pixels, 0, initial, 0)) changed++;                                      // the history moved or changed something
        }
        // 25% still starts by construction; of the 300 clips drawn here 77 are (a binomial draw, fixed by the seed).
        Assert.InRange(still / 300.0, 0.15, 0.35);
        Assert.True(moving >= 0.15 * clips.Count, $"context chunks with motion: {moving} of {clips.Count}");
        Assert.True(changed >= 0.4 * clips.Count, $"contexts unlike the long video's initial state: {changed} of {clips.Count}");
    }

    [Fact]
    public void Captions_MatchTheEventsStartingInsideTheWindow()
    {
        int trackedEvents = 0;
        foreach (var c in Clips(Mix, 200))
        {
            // 1. Each caption reads back to its events (subjects by their names in the clip's first frame).
            if (c.SwitchChunk > 0)
            {
                Assert.Equal(c.Events[0].Event, StepPrompt.TryParse(c.Caption));
                Assert.Equal(c.Events[1].Event, StepPrompt.TryParse(c.SwitchCaption!));
            }
            else
            {
                var read = StepPrompt.TryParse(c.Caption) is { } step ? [step] : InstructionParser.Parse(c.Caption).Events;
                Assert.Equal(c.Events.Select(e => (e.Event.Subject, e.Event.ActionCode)), read.Select(e => (e.Subject, e.ActionCode)));
                Assert.All(c.Events.Select(e => e.Event.Subject), s => Assert.NotNull(c.Scene.Find(s)));
            }
            // 2. Ground truth: every captioned onset lies after the context chunk, inside the clip.
            Assert.All(c.Events, e => Assert.InRange(e.Span.Start, Cf, Frames - 2));
            if (!c.StillStart) Assert.All(c.Events, e => Assert.True(e.Span.Start <= Frames - WindowClips.MinShownFrames));

            // 3. The tracker: each captioned change that completes inside the clip is seen, by name, at its onset, and no
            //    change the caption does not name starts after the context chunk.
            var tracking = Tracker.Track(new Video(Frames, 32, 32, c.Pixels));
            foreach (var e in c.Events.Where(e => e.Event.Action != ActionKind.Stay && Completes(c, e)))
            {
                trackedEvents++;
                Assert.Contains(tracking.Events, d => d.Subject == e.Event.Subject && d.ActionCode == e.Event.ActionCode
                    && (e.Event.Action == ActionKind.Appear || Math.Abs(d.Onset - e.Span.Start) <= 1));
            }
            Assert.DoesNotContain(tracking.Events, d => d.Onset >= Cf && !c.Events.Any(e => Math.Abs(e.Span.Start - d.Onset) <= 1));
        }
        Assert.True(trackedEvents >= 150, $"only {trackedEvents} captioned events were checked with the tracker");
    }

    /// <summary>True when the event's action ends inside the clip: a window's spans may be cut at the clip's end, so its
    /// duration is the action's whole one (long-video spans always hold it); a still-start clip's spans are its own.</summary>
    private static bool Completes(ExecutorClip c, TimedEvent e) =>
        e.Span.Start + ActionDynamics.ActiveFrames(e.Event, c.StillStart ? e.Span.Length : int.MaxValue) <= Frames;

    [Fact]
    public void SwitchClips_SwitchTheirCaptionAtAChunkBoundaryJustBeforeTheNewEvent()
    {
        var only = Mix with { StillStartFraction = 0, SwitchFraction = 1 };
        var chunks = new HashSet<int>();
        foreach (var c in Clips(only, 120))
        {
            int s = c.SwitchChunk;
            chunks.Add(s);
            Assert.InRange(s, 2, Frames / Cf - 1);
            Assert.Equal(2, c.Events.Count);
            Assert.InRange(c.Events[0].Span.Start, Cf, s * Cf - 1);        // the first caption's event starts before the switch
            Assert.InRange(c.Events[1].Span.Start, s * Cf, s * Cf + Cf - 1); // the new one inside the switch chunk
            Assert.Equal(StepPrompt.Canonical(c.Events[0].Event), c.Caption);
            Assert.Equal(StepPrompt.Canonical(c.Events[1].Event), c.SwitchCaption);
            Assert.NotEqual(c.Caption, c.SwitchCaption);
            Assert.Equal(c.Caption, c.CaptionAt(s - 1));
            Assert.Equal(c.SwitchCaption, c.CaptionAt(s));
        }
        Assert.True(chunks.Count >= 3, $"switch chunks drawn: {string.Join(", ", chunks)}");
        Assert.All(Clips(Mix with { SwitchFraction = 0 }, 60), c => Assert.Equal(0, c.SwitchChunk));
    }

    [Fact]
    public void ClipI_IsAPureFunctionOfSeedAndIndex()
    {
        var a = WindowClips.Draw(3, 41, Mix);
        var b = WindowClips.Draw(3, 41, Mix);
        Assert.Equal(a.Pixels, b.Pixels);
        Assert.Equal((a.Caption, a.SwitchCaption, a.Offset), (b.Caption, b.SwitchCaption, b.Offset));
        var others = Enumerable.Range(42, 4).Select(i => WindowClips.Draw(3, i, Mix)).ToList();
        Assert.Contains(others, o => !o.Pixels.SequenceEqual(a.Pixels));
    }
}
