using System.Globalization;
using System.Text.RegularExpressions;
using TempAct.Evaluation.Eval;
using TempAct.Evaluation.Metrics;
using TempAct.Evaluation.Report;
using TempAct.Models.Executor;
using TempAct.Models.Training;
using TempAct.Tests.Judges;
using TempAct.World.Benchmarks;
using TempAct.World.Events;
using TempAct.World.Media;
using TempAct.World.Rendering;
using TempAct.World.Tracking;

namespace TempAct.Tests.Evaluation;

/// <summary>The report page on rendered videos (no network, no browser): relative links to files that exist, the gain the
/// rows sort by, the switch points on the timelines, the GIFs as written; the report folder's refusal and overwrite; the
/// demo's choice of instructions and modes.</summary>
public sealed partial class EvalPageTests
{
    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tempact-page-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static readonly BenchmarkItem Item = new(JudgeScenarios.Instruction, JudgeScenarios.Frames,
        EventTiming.Assign(JudgeScenarios.Instruction.Events, JudgeScenarios.Frames));

    private static readonly EvalSet Set = new("tiny", [Item, Item with { }], []);

    /// <summary>Item 0's videos are the ground truth; item 1's miss the turn. Step and tempact follow the teacher's plan.</summary>
    internal static EvalVideo VideoOf(EvalMode mode, int item, int seed)
    {
        var video = item == 0 ? JudgeScenarios.GroundTruth() : JudgeScenarios.MissingEvent();
        var plan = mode == EvalMode.Single ? null : JudgeScenarios.TeacherPlan(JudgeScenarios.Instruction, JudgeScenarios.Frames);
        var expected = Item.Timed;
        var tracking = Tracker.Track(video);
        var scores = new VideoScores(TemporalMetrics.Measure(video, tracking, JudgeScenarios.Instruction, expected), 0.5,
            IdentityConsistency.Of(tracking, JudgeScenarios.Instruction.Events)) { Item = item, Seed = seed };
        var switches = plan is null ? [] : plan.SwitchChunks.Select(c => c * 3).ToList();
        return new EvalVideo(mode, item, seed, video, plan, false, expected, switches, tracking, scores);
    }

    private static (EvalPage Page, EvalReport Report, List<EvalVideo> Videos) Build(string dir, IReadOnlyList<EvalMode> modes, int seeds = 2)
    {
        var page = new EvalPage(dir, Set, modes, seeds);
        var videos = new List<EvalVideo>();
        foreach (var m in modes)
            for (int i = 0; i < Set.Items.Count; i++)
                for (int s = 0; s < seeds; s++)
                {
                    var v = VideoOf(m, i, s);
                    videos.Add(v);
                    page.Add(v);
                }
        var results = modes.Select(m => ModeResult.Of(m, videos.Where(v => v.Mode == m).Select(v => v.Scores).ToList(), 0)).ToList();
        return (page, new EvalReport(Set.Name, SwitchMode.None, seeds, results, [], 1.5), videos);
    }

    [GeneratedRegex("(?:src|href)=\"([^\"]*)\"")]
    private static partial Regex Links();

    [Fact]
    public void Page_LinksOnlyRelativeFilesThatExist_OneGifAVideo_EightCharts()
    {
        string dir = TempDir();
        try
        {
            var (page, report, videos) = Build(dir, [EvalMode.Single, EvalMode.Step, EvalMode.TempAct]);
            report.Save(dir);
            var events = new EventsTable();
            foreach (var v in videos) events.Add(v);
            events.Save(dir);
            var written = page.Write(report);
            Assert.Equal(9, written.Count); // 8 charts + index.html
            string html = File.ReadAllText(Path.Combine(dir, EvalPage.IndexFile));
            var links = Links().Matches(html).Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(12 + 8 + 4, links.Count); // GIFs, charts, results.json + results.md + videos.csv + events.csv
            foreach (var link in links)
            {
                Assert.False(link.Contains(':', StringComparison.Ordinal) || link.StartsWith('/'), $"not relative: {link}");
                Assert.True(File.Exists(Path.Combine(dir, link)), $"missing: {link}");
            }
            Assert.DoesNotContain(dir, html, StringComparison.Ordinal);
            Assert.Contains("image-rendering: pixelated", html, StringComparison.Ordinal);
            // The paired table: single and tempact against step; this fixture gives every mode the same videos, so every difference is 0.
            Assert.Contains("<th>single − step</th><th>tempact − step</th>", html, StringComparison.Ordinal);
            Assert.Contains("<tr data-metric=\"tfs\"><th>Temporal-Following (S_video)</th><td>", html, StringComparison.Ordinal);
            Assert.Contains("<td>0.000 &#177; 0.000 <span class=\"n\">n 4</span></td></tr>", html, StringComparison.Ordinal);
            // The GIF holds the video's frames at their own size (the page scales them up).
            var back = VideoImages.ReadFrames(Path.Combine(dir, EvalPage.GifPath(EvalMode.Step, 1, 0)));
            Assert.Equal(videos.First(v => v.Mode == EvalMode.Step && v is { Item: 1, SeedIndex: 0 }).Video.Frames, back.Frames);
            // Switch points: the teacher's plan switches twice a video, in step and tempact (8 videos); single never.
            Assert.Equal(16, Regex.Count(html, "class=\"switch\""));
            // The tracker's events are listed with their frames.
            var first = videos[0].Tracking.Events[0];
            Assert.Contains($"{first.ActionCode} <span class=\"frames\">[{first.Onset}–{first.End}]</span>", html, StringComparison.Ordinal);
            // No leftover temporary files.
            Assert.Empty(Directory.EnumerateFiles(dir, "*.tmp", SearchOption.AllDirectories));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Gain_IsTempActMinusStep_ElseStepMinusSingle_MeanOverSeeds()
    {
        string dir = TempDir();
        try
        {
            Assert.Equal((EvalMode.TempAct, EvalMode.Step), EvalPage.GainPair([EvalMode.Single, EvalMode.Step, EvalMode.TempAct]));
            Assert.Equal((EvalMode.TempAct, EvalMode.Single), EvalPage.GainPair([EvalMode.TempAct, EvalMode.Single]));
            Assert.Equal((EvalMode.Step, EvalMode.Single), EvalPage.GainPair([EvalMode.Single, EvalMode.Step]));
            Assert.Null(EvalPage.GainPair([EvalMode.Step]));

            var (page, report, videos) = Build(dir, [EvalMode.Single, EvalMode.Step]);
            double Tfs(EvalMode m, int item) => videos.Where(v => v.Mode == m && v.Item == item).Average(v => v.Scores.Temporal.SVideo);
            for (int i = 0; i < 2; i++)
                Assert.Equal(Tfs(EvalMode.Step, i) - Tfs(EvalMode.Single, i), page.Gain(i)!.Value, 12);
            string html = page.Html(report);
            Assert.Contains($"data-order=\"1\" data-gain=\"{page.Gain(1)!.Value.ToString("R", CultureInfo.InvariantCulture)}\"", html, StringComparison.Ordinal);
            Assert.Contains("id=\"sort-gain\"", html, StringComparison.Ordinal);

            var (onlyStep, stepReport, _) = Build(dir, [EvalMode.Step], 1);
            Assert.Null(onlyStep.Gain(0));
            Assert.DoesNotContain("id=\"sort-gain\"", onlyStep.Html(stepReport), StringComparison.Ordinal);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void ReportFolder_RefusesANonEmptyFolder_AndOverwriteRemovesOnlyTheReport()
    {
        string dir = TempDir();
        try
        {
            ReportFolder.Prepare(dir, overwrite: false); // empty: fine
            ReportFolder.Prepare(Path.Combine(dir, "new"), overwrite: false); // absent: fine
            File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
            File.WriteAllText(Path.Combine(dir, EvalPage.IndexFile), "old");
            Directory.CreateDirectory(Path.Combine(dir, EvalPage.VideosFolder));
            File.WriteAllText(Path.Combine(dir, EvalPage.VideosFolder, "single-000-s0.gif"), "old");
            var e = Assert.Throws<RunExistsException>(() => ReportFolder.Prepare(dir, overwrite: false));
            Assert.Contains("not empty", e.Message);
            Assert.Contains("--overwrite", e.Message);
            Assert.True(File.Exists(Path.Combine(dir, EvalPage.IndexFile)));
            ReportFolder.Prepare(dir, overwrite: true);
            Assert.False(File.Exists(Path.Combine(dir, EvalPage.IndexFile)));
            Assert.False(Directory.Exists(Path.Combine(dir, EvalPage.VideosFolder)));
            Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "notes.txt")));
            Assert.Throws<RunExistsException>(() => ReportFolder.Prepare(Path.Combine(dir, "notes.txt"), overwrite: true));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Demo_PicksEvenlySpreadInstructions_AndAddsTempActOnlyWhenItsWeightsExist()
    {
        var items = Enumerable.Range(0, 100).Select(i => Item with { Frames = 36 + i }).ToList(); // tell them apart by frames
        var picked = EvalDemo.Pick(new EvalSet("hard", items, []));
        Assert.Equal("hard-demo", picked.Name);
        Assert.Equal([36, 52, 69, 86, 102, 119], picked.Items.Select(i => i.Frames)); // items 0, 16, 33, 50, 66, 83
        Assert.Equal(3, EvalDemo.Pick(new EvalSet("s", items.Take(3).ToList(), [])).Items.Count);

        var without = EvalDemo.Options(tempact: false, SwitchMode.Recache);
        Assert.Equal([EvalMode.Single, EvalMode.Step], without.Modes);
        Assert.Equal(SwitchMode.None, without.Switch);
        Assert.Equal(2, without.Seeds);
        var with = EvalDemo.Options(tempact: true, SwitchMode.Recache);
        Assert.Equal([EvalMode.Single, EvalMode.Step, EvalMode.TempAct], with.Modes);
        Assert.Equal(SwitchMode.Recache, with.Switch);
        Assert.Null(EvalDemo.Notice(true, "models/tempact"));
        Assert.Contains("models/tempact", EvalDemo.Notice(false, "models/tempact"));
    }
}
