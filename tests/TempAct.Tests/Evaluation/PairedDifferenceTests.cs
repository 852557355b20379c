using System.Text.Json;
using TempAct.Evaluation.Eval;
using TempAct.Evaluation.Metrics;
using TempAct.Models.Executor;
using Xunit;

namespace TempAct.Tests.Evaluation;

/// <summary>Paired differences of eval modes (mode − step on the same instruction and seed) and the per-video file,
/// against hand-computed values.</summary>
public sealed class PairedDifferenceTests
{
    private static VideoScores Video(int item, int seed, double sVideo, double? delay = 1.0, double aesthetic = 0.5) =>
        new(new TemporalScores(Completion: sVideo, Order: 1.0, Delay: delay, Blending: 0.1, SVideo: sVideo, FrameQuality: 0.8), aesthetic, 0.9)
        { Item = item, Seed = seed };

    private static ModeResult Mode(string name, params VideoScores[] videos) => ModeResult.Of(EvalMode.Parse(name), videos, 0);

    // step S_video on (item, seed) (0,0) (0,1) (1,0) (1,1) = 0.5 0.6 0.7 0.9; tempact 0.6 0.65 0.75 1.0, listed in another
    // order: differences 0.1 0.05 0.05 0.1 → mean 0.075, sample sd √(4 · 0.025² / 3) = 0.0288675, se 0.0144338,
    // t(0.975, 3) = 3.182 → half-width 0.0459283.
    private static readonly ModeResult Step = Mode("step", Video(0, 0, 0.5), Video(0, 1, 0.6), Video(1, 0, 0.7), Video(1, 1, 0.9));
    private static readonly ModeResult TempActMode = Mode("tempact", Video(1, 1, 1.0), Video(0, 0, 0.6), Video(1, 0, 0.75), Video(0, 1, 0.65));

    [Fact]
    public void Difference_PairsOnInstructionAndSeed_NotOnOrder()
    {
        var d = PairedDifference.Between(TempActMode, Step);
        var tfs = d.Metrics["tfs"];
        Assert.Equal(4, tfs.N);
        Assert.Equal(0.075, tfs.Mean, 1e-12);
        Assert.Equal(3.182 * Math.Sqrt(4 * 0.025 * 0.025 / 3) / 2, tfs.HalfWidth, 1e-9);
        Assert.Equal(0.0, d.Metrics["frame_quality"].Mean, 1e-12); // equal everywhere → 0 ± 0
        Assert.Equal(0.0, d.Metrics["frame_quality"].HalfWidth, 1e-12);
        Assert.Equal(("tempact", "step"), (d.Mode, d.Reference));
    }

    [Fact]
    public void Difference_SkipsPairsWhereEitherValueIsUndefined_AndVideosWithoutPartner()
    {
        var step = Mode("step", Video(0, 0, 0.5, delay: 2.0), Video(0, 1, 0.6, delay: null), Video(1, 0, 0.7, delay: -1.0), Video(5, 0, 0.1));
        var tempact = Mode("tempact", Video(0, 0, 0.6, delay: 1.0), Video(0, 1, 0.6, delay: 3.0), Video(1, 0, 0.7, delay: 1.0));
        var d = PairedDifference.Between(tempact, step);
        Assert.Equal(3, d.Metrics["tfs"].N); // (5, 0) has no partner
        var delay = d.Metrics["transition_delay"];
        Assert.Equal(2, delay.N);             // (0, 1): step's delay undefined
        Assert.Equal(((1.0 - 2.0) + (1.0 - -1.0)) / 2, delay.Mean, 1e-12);
    }

    [Fact]
    public void Reference_IsStepWhenItRan_ElseTheFirstMode()
    {
        var single = Mode("single", Video(0, 0, 0.3), Video(0, 1, 0.2), Video(1, 0, 0.4), Video(1, 1, 0.5));
        var all = PairedDifference.Of([single, Step, TempActMode]);
        Assert.Equal(["single", "tempact"], all.Select(p => p.Mode));
        Assert.All(all, p => Assert.Equal("step", p.Reference));
        Assert.Equal(-0.325, all[0].Metrics["tfs"].Mean, 1e-12); // (0.3−0.5 + 0.2−0.6 + 0.4−0.7 + 0.5−0.9) / 4
        var noStep = PairedDifference.Of([single, TempActMode]);
        Assert.Equal("single", Assert.Single(noStep).Reference);
        Assert.Empty(PairedDifference.Of([Step]));
    }

    [Fact]
    public void Report_WritesThePairedTable_AndEveryVideosMetrics()
    {
        var report = new EvalReport("tiny", SwitchMode.Recache, 2, [Step, TempActMode], [], 1.0)
        {
            Instructions = ["A red circle slides to the right, then it jumps.", "A \"blue\" square grows"],
        };
        using var doc = JsonDocument.Parse(report.ToJson());
        var paired = doc.RootElement.GetProperty("paired");
        Assert.Equal("step", paired.GetProperty("reference").GetString());
        var tfs = paired.GetProperty("modes").GetProperty("tempact").GetProperty("tfs");
        Assert.Equal(0.075, tfs.GetProperty("mean").GetDouble(), 1e-12);
        Assert.Equal(4, tfs.GetProperty("n").GetInt32());

        string md = report.ToMarkdown();
        Assert.Contains("| metric | tempact − step |", md);
        Assert.Contains("| Temporal-Following (S_video) | +0.075 ± 0.046 |", md);
        Assert.Contains("| frame quality (analytic) | 0.000 ± 0.000 |", md);

        var lines = report.ToCsv().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("mode,item,seed,instruction,tfs,completion,order_accuracy,transition_delay,blending,frame_quality,aesthetic,identity", lines[0]);
        Assert.Equal(9, lines.Length);
        Assert.Equal("step,0,0,\"A red circle slides to the right, then it jumps.\",0.5,0.5,1,1,0.1,0.8,0.5,0.9", lines[1]);
        Assert.Equal("tempact,1,1,\"A \"\"blue\"\" square grows\",1,1,1,1,0.1,0.8,0.5,0.9", lines[5]);

        using var one = JsonDocument.Parse(new EvalReport("tiny", SwitchMode.Recache, 2, [Step], [], 1.0).ToJson());
        Assert.Equal(JsonValueKind.Null, one.RootElement.GetProperty("paired").ValueKind);
    }

    [Fact]
    public void Csv_LeavesUndefinedMetricsEmpty()
    {
        var report = new EvalReport("tiny", SwitchMode.None, 1, [Mode("step", Video(0, 0, 0.5, delay: null))], [], 1.0);
        var row = report.ToCsv().Split('\n')[1].TrimEnd('\r');
        Assert.Equal("step,0,0,,0.5,0.5,1,,0.1,0.8,0.5,0.9", row);
    }
}
