using TempAct.World.Events;
using TempAct.World.Rendering;
using TempAct.World.Simulation;
using TempAct.World.Tracking;

namespace TempAct.World.Tests.Tracking;

/// <summary>Fed frame by frame, the tracker sees exactly what it sees in the whole video.</summary>
public sealed class IncrementalTrackerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void ChunkedFeeding_GivesTheWholeVideoResult(int chunk)
    {
        var rng = new Random(21);
        for (int n = 0; n < 6; n++)
        {
            var (scene, events) = ScenarioSampler.Sample(rng, 1 + n % 4);
            int frames = 12 * events.Count;
            var video = Renderer.Render(scene, EventTiming.Assign(events, frames), frames);
            if (n % 2 == 1) video = Noisy(video, rng); // the noise level is measured across frames, too
            var whole = Tracker.Track(video);
            var tracker = new IncrementalTracker(video.Frames, video.Height, video.Width);
            for (int t = 0; t < frames; t += chunk)
            {
                int count = Math.Min(chunk, frames - t);
                tracker.Add(video.Slice(t, t + count).Data, 0, count); // only this chunk's pixels exist
            }
            var part = tracker.Finish();
            Assert.Equal(whole.Events.Select(e => e.ToString()), part.Events.Select(e => e.ToString()));
            Assert.Equal(whole.Tracks.Select(t => t.ToString()), part.Tracks.Select(t => t.ToString()));
            Assert.Equal(whole.Detections.Select(d => d.Count), part.Detections.Select(d => d.Count));
        }
    }

    [Fact]
    public void EventsSoFar_AreTheEventsOfThePrefix_AndAfterTheLastFrameThoseOfFinish()
    {
        var rng = new Random(5);
        for (int n = 0; n < 6; n++)
        {
            var (scene, events) = ScenarioSampler.Sample(rng, 2 + n % 3);
            int frames = 12 * events.Count;
            var video = Renderer.Render(scene, EventTiming.Assign(events, frames), frames);
            var tracker = new IncrementalTracker(frames, video.Height, video.Width);
            Assert.Empty(tracker.EventsSoFar());
            int half = frames / 2;
            tracker.Add(video.Slice(0, half).Data, 0, half);
            // What the tracker says so far is what it says of the video cut there, and reading it changes nothing.
            Assert.Equal(Tracker.Track(video.Slice(0, half)).Events.Select(e => e.ToString()), tracker.EventsSoFar().Select(e => e.ToString()));
            tracker.Add(video.Slice(half, frames).Data, 0, frames - half);
            var soFar = tracker.EventsSoFar().Select(e => e.ToString()).ToList();
            Assert.Equal(Tracker.Track(video).Events.Select(e => e.ToString()), soFar);
            Assert.Equal(soFar, tracker.Finish().Events.Select(e => e.ToString()));
        }
    }

    [Fact]
    public void FinishingEarly_OrAddingTooMuch_IsRefused()
    {
        var tracker = new IncrementalTracker(2, 4, 4);
        tracker.Add(new float[3 * 16], 0, 1);
        Assert.Throws<InvalidOperationException>(() => tracker.Finish());
        Assert.Throws<ArgumentOutOfRangeException>(() => tracker.Add(new float[2 * 3 * 16], 0, 2));
    }

    private static Video Noisy(Video v, Random rng)
    {
        var data = v.Data.Select(x => Math.Clamp(x + (float)(rng.NextDouble() - 0.5) * 0.2f, -1f, 1f)).ToArray();
        return new Video(v.Frames, v.Height, v.Width, data);
    }
}
