using TempAct.Studio;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Rendering;
using TempAct.World.Tracking;

namespace TempAct.Tests.Studio;

/// <summary>The live tracker: each event once, when settled, with the frames of the whole stream.</summary>
public sealed class LiveTrackerTests
{
    private static Video Render(string instruction, int frames)
    {
        var i = InstructionParser.Parse(instruction);
        return Renderer.Render(i.Scene, EventTiming.Assign(i.Events, frames), frames);
    }

    private static List<LiveEvent> Feed(LiveTracker tracker, Video video, bool final = true)
    {
        var found = new List<LiveEvent>();
        for (int t = 0; t < video.Frames; t += 3)
            found.AddRange(tracker.Add(video.Slice(t, t + 3).Data, 0, 3, final && t + 3 == video.Frames));
        return found;
    }

    [Fact]
    public void AShortStream_ReportsWhatTheTrackerSeesInTheWholeVideo_EachEventOnce()
    {
        var video = Render("A red circle rests on the left. It slides to the right, then it turns blue, and then it jumps.", 72);
        var expected = Tracker.Track(video).Events.Select(e => (e.Subject, e.ActionCode, e.Onset)).ToList();
        Assert.Equal(3, expected.Count);
        var tracker = new LiveTracker(32, 32, 600);
        var found = new List<LiveEvent>();
        var reportedAt = new List<int>();
        for (int t = 0; t < 72; t += 3)
        {
            var part = tracker.Add(video.Slice(t, t + 3).Data, 0, 3, t + 3 == 72);
            found.AddRange(part);
            reportedAt.AddRange(part.Select(_ => t + 3));
        }
        Assert.Equal(expected, found.Select(e => (e.Subject, e.Action, e.Onset)));
        // Live: the first event is reported long before the stream ends, and only once it has settled.
        Assert.True(reportedAt[0] < 72, $"the first event came only at frame {reportedAt[0]}");
        Assert.True(reportedAt[0] > found[0].End + LiveTracker.SettleFrames - 3);
    }

    [Fact]
    public void ALongStream_RestartsTheTrackerBySegment_WithFramesOfTheWholeStream()
    {
        var first = Render("A red circle rests on the left. It slides to the right.", 48);
        var second = Render("A blue square sits on the right. It jumps.", 48);
        var tracker = new LiveTracker(32, 32, 48);
        var found = Feed(tracker, first, final: false);
        found.AddRange(Feed(tracker, second));
        Assert.Equal(96, tracker.Frames);
        Assert.Contains(found, e => e.Subject == "red circle" && e.Action == "move_right" && e.Onset < 48);
        Assert.Contains(found, e => e.Subject == "blue square" && e.Action == "jump" && e.Onset >= 48);
    }
}
