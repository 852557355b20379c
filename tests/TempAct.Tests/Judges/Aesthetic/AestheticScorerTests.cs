using System.Text.Json;
using TempAct.Judges;
using TempAct.Judges.Aesthetic;
using Xunit.Abstractions;

using TempAct.Tests.Precision;

namespace TempAct.Tests.Judges.Aesthetic;

[Collection(TorchCollection.Name)]
public sealed class AestheticScorerTests(ITestOutputHelper output)
{
    private static string ShippedDir => JudgePaths.ShippedAesthetic;

    [Fact]
    public void ShippedScorer_RanksCleanAboveEachDegradation_OnHeldOutFrames()
    {
        // Held out twice over: another seed than the trainer's pools, and no frame identical to a training frame.
        using var eval = JsonDocument.Parse(File.ReadAllText(Path.Combine(ShippedDir, AestheticTrainer.EvalFile)));
        var trained = eval.RootElement.GetProperty("config").Deserialize<AestheticTrainingConfig>(new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        var training = FramePool.Build(trained.Seed, trained.TrainFrames);
        var heldOut = FramePool.Build(424_242, 300, training.Hashes());
        using var scorer = AestheticScorer.Load(ShippedDir);
        var result = AestheticEvaluation.Evaluate(scorer, heldOut, seed: 99);

        output.WriteLine($"{result.Frames} held-out frames; mean S_aes of clean frames {result.CleanScore:0.000}");
        output.WriteLine("degradation   learned  analytic  mean S_aes degraded");
        foreach (var kind in Degradations.All)
            output.WriteLine($"{kind,-13} {result.Accuracy[kind],7:P1}  {result.AnalyticAccuracy[kind],7:P1}  {result.DegradedScore[kind],6:0.000}");
        Assert.All(Degradations.All, kind => Assert.True(result.Accuracy[kind] >= 0.95, $"{kind}: {result.Accuracy[kind]:P1}"));
        Assert.True(result.CleanScore > 0.5);
    }

    [Fact]
    public async Task Scorer_GivesAClipItsMeanAndWorstFrame()
    {
        using var scorer = AestheticScorer.Load(ShippedDir);
        var video = JudgeScenarios.GroundTruth().Slice(12, 24);
        var scores = await scorer.ScoreAsync([video]);
        var frames = scorer.ScoreFrames(video.Data, video.Frames, video.Height, video.Width);
        // Scores are sigmoid outputs in [0, 1] from float32 forwards that may batch differently: compare in ulps of 1.
        Close.Scalars(frames.Average(), scores[0].Total, 1, Close.Reassociated, "clip score vs mean frame score");
        Close.Scalars(frames.Min(), scores[0][SubScoreNames.FrameMin], 1, Close.Reassociated, "worst-frame score vs min frame score");
        Assert.All(frames, f => Assert.InRange(f, 0f, 1f));
    }

    [Fact]
    public void Loading_AMissingFolder_IsACheckpointException() =>
        Assert.Throws<TempAct.Models.Checkpoints.CheckpointException>(() => AestheticScorer.Load(Path.Combine(Path.GetTempPath(), "no-such-aesthetic-model")));
}
