using System.Text.Json;
using TempAct.Evaluation;
using TempAct.Evaluation.Metrics;
using TempAct.Evaluation.Report;
using TempAct.Models.Executor;
using TempAct.Tests.Cli;
using TempAct.Tests.Executor;
using TempAct.Tests.Judges;
using TempAct.World.Benchmarks;
using TempAct.World.Events;
using TempAct.World.Rendering;
using TempAct.World.Tracking;

namespace TempAct.Tests.Evaluation;

/// <summary>The temporal metrics on the judge scenarios (ground truth and its three failures), the confidence interval,
/// and one tiny end-to-end run of <see cref="ExecutorQuality"/> on a random executor (its shape, not its quality).</summary>
[Collection(TorchCollection.Name)]
public sealed class ExecutorQualityTests
{
    private static readonly IReadOnlyList<TimedEvent> Expected =
        EventTiming.Assign(JudgeScenarios.Instruction.Events, JudgeScenarios.Frames); // 12 frames a step: switches at 12 and 24

    private static TemporalScores Measure(Video video) => TemporalMetrics.Measure(video, JudgeScenarios.Instruction, Expected);

    [Fact]
    public void GroundTruth_IsComplete_InOrder_OnTime_AndUnblended()
    {
        var s = Measure(JudgeScenarios.GroundTruth());
        Assert.Equal(1.0, s.Completion);
        Assert.Equal(1.0, s.Order);
        Assert.NotNull(s.Delay);
        Assert.True(Math.Abs(s.Delay!.Value) <= 0.5, $"delay {s.Delay}");
        Assert.Equal(0.0, s.Blending);
        Assert.True(s.SVideo > 0.95, $"S_video {s.SVideo}");
        Assert.True(s.FrameQuality > 0.9, $"frame quality {s.FrameQuality}");
    }

    [Fact]
    public void SwappedEvents_LowerOrderAccuracy_ButNotCompletion()
    {
        var s = Measure(JudgeScenarios.WrongOrder()); // turn, move, jump: the (move, turn) pair is out of order
        Assert.Equal(1.0, s.Completion);
        Assert.True(s.Order < 1, $"order {s.Order}");
        Assert.Equal(2.0 / 3, s.Order!.Value, 6);
    }

    [Fact]
    public void MissingEvent_LowersCompletion()
    {
        var s = Measure(JudgeScenarios.MissingEvent()); // the turn never happens
        Assert.Equal(2.0 / 3, s.Completion, 6);
        Assert.Equal(1.0, s.Order); // the two shown events are in order
    }

    [Fact]
    public void ActionRunningIntoTheNextStep_Blends()
    {
        var s = Measure(JudgeScenarios.Blended()); // the move runs over frames 8–15, across the switch at 12
        Assert.True(s.Blending > 0, $"blending {s.Blending}");
    }

    [Fact]
    public void Blending_CountsPostSwitchFramesWhereAnEarlierChangeIsStillUnderWay()
    {
        // Switches at 12 and 24 (24 post-switch frames). A change over [8, 15] began before the switch at 12 and covers
        // frames 12–15: 4 frames. A change over [20, 26] began before the switch at 24 and covers 24–26: 3 frames. A
        // change over [13, 16] began after its switch: none. (4 + 3) / 24.
        var detected = new[]
        {
            new DetectedEvent("red circle", ActionKind.MoveRight, null, 8, 15, 0),
            new DetectedEvent("red circle", ActionKind.Grow, null, 13, 16, 0),
            new DetectedEvent("green square", ActionKind.MoveLeft, null, 20, 26, 1),
        };
        Assert.Equal(7.0 / 24, TemporalMetrics.Blending(Expected, detected, JudgeScenarios.Frames)!.Value, 9);
        Assert.Null(TemporalMetrics.Blending(Expected.Take(1).Select(e => e with { Span = new FrameSpan(0, 36) }).ToList(), detected, 36));
    }

    [Fact]
    public void ConfidenceInterval_IsTheStudentTInterval()
    {
        // {1, 2, 3}: mean 2, s = 1, t(0.975, 2) = 4.303 → half-width 4.303 / √3 = 2.4843.
        var c = ConfidenceInterval.Of([1, 2, 3]);
        Assert.Equal(2.0, c.Mean, 9);
        Assert.Equal(4.303 / Math.Sqrt(3), c.HalfWidth, 9);
        Assert.Equal(3, c.N);
        Assert.Equal(2.021, ConfidenceInterval.StudentT975(40), 3); // table value t(0.975, 40) = 2.021
        Assert.Equal(0, ConfidenceInterval.Of([]).N);
    }

    [Fact]
    public void TinyRun_ReportsEveryPartWithNumbersInRange_AndRepeatsExactly()
    {
        var set = BenchmarkSet.Load(Path.Combine(JudgePaths.RepoRoot(), "data", "benchmarks", "simple.jsonl"));
        var options = new ExecutorQualityOptions { SingleCount = 3, MultiCount = 2, BatchSize = 2, Samples = 1, Seed = 5 };
        using var model = ExecutorFixtures.Perturbed(ExecutorFixtures.Tiny(), 11);
        int videos = 0;
        var report = ExecutorQuality.Measure(model, set, options, n => videos += n);

        Assert.Equal(3 + 3 * 2, videos);
        Assert.Equal(ExecutorQuality.Work(options, set.Count), videos);
        Assert.Equal(3, report.Single.Count);
        Assert.Equal(12, report.Single.Frames);
        Assert.All(new[] { report.Single.Success, report.Single.GeneratedQuality, report.Single.TruthQuality }, c => InUnit(c.Mean));
        Assert.Equal(3, report.Single.Success.N);
        Assert.Equal(new[] { "global", "step-none", "step-recache" }, report.Modes.Select(m => m.Name));
        foreach (var m in report.Modes)
        {
            Assert.Equal(2, m.Videos.Count);
            Assert.Equal(2, m.Summary.Videos);
            foreach (var v in m.Videos)
            {
                InUnit(v.Completion); InUnit(v.SVideo); InUnit(v.FrameQuality);
                if (v.Order is { } o) InUnit(o);
                if (v.Blending is { } b) InUnit(b);
                if (v.Delay is { } d) Assert.InRange(d, -36, 36);
            }
        }
        Assert.Equal(new[] { "single_000", "multi_000" }, report.Samples.Select(s => s.Name));
        Assert.Equal(4, report.Samples[1].Panels.Count); // three modes + the ground truth

        // Deterministic, and each mode's noise is independent of the others: one mode alone gives the same videos.
        var alone = ExecutorQuality.Measure(model, set, options with { SingleCount = 0, Modes = [BaselineMode.StepRecache] });
        Assert.Equal(report.Modes[2].Videos, alone.Modes[0].Videos);

        string dir = Path.Combine(Path.GetTempPath(), "tempact-eval-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var written = report.Save(dir);
            Assert.Equal(4, written.Count);
            Assert.All(written, f => Assert.True(new FileInfo(f).Length > 0, f));
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, ExecutorQualityReport.JsonFile)));
            var modes = json.RootElement.GetProperty("multi").GetProperty("modes");
            Assert.Equal(2, modes.GetProperty("step-recache").GetProperty("videos").GetArrayLength());
            Assert.Equal(3, json.RootElement.GetProperty("single").GetProperty("success").GetProperty("n").GetInt32());
            Assert.Contains("| step-none |", File.ReadAllText(Path.Combine(dir, ExecutorQualityReport.MarkdownFile)));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void MeasureExecutorCommand_WritesTheReport_AndPrintsItWithJson()
    {
        string root = Path.Combine(Path.GetTempPath(), "tempact-cli-eval-" + Guid.NewGuid().ToString("N")[..8]);
        string modelDir = Path.Combine(root, "model"), outDir = Path.Combine(root, "out");
        try
        {
            using (var model = ExecutorFixtures.Perturbed(ExecutorFixtures.Tiny(), 3)) ExecutorCheckpoint.Save(model, modelDir);
            var (code, stdout, stderr) = CliRunner.Run("measure", "executor", "--model", modelDir, "--single", "2", "--multi", "1",
                "--gifs", "1", "--seed", "2", "--out", outDir, "--json");
            Assert.True(code == 0, stderr);
            using var json = JsonDocument.Parse(stdout);
            Assert.Equal(2, json.RootElement.GetProperty("single").GetProperty("prompts").GetInt32());
            Assert.Equal(1, json.RootElement.GetProperty("multi").GetProperty("instructions").GetInt32());
            Assert.True(File.Exists(Path.Combine(outDir, ExecutorQualityReport.MarkdownFile)));
            Assert.True(File.Exists(Path.Combine(outDir, "multi_000.gif")));
        }
        finally { if (Directory.Exists(root)) Directory.Delete(root, recursive: true); }
    }

    private static void InUnit(double x) => Assert.InRange(x, 0.0, 1.0);
}
