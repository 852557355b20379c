using TempAct.Judges.Aesthetic;
using TempAct.Models.Checkpoints;

namespace TempAct.Tests.Judges.Aesthetic;

[Collection(TorchCollection.Name)]
public sealed class AestheticTrainerTests
{
    private static readonly AestheticTrainingConfig Tiny = new()
    {
        Steps = 6, BatchSize = 6, TrainFrames = 24, HeldOutFrames = 6, CheckpointEvery = 2, Threads = 2, Model = new([4, 4, 8, 8]),
    };

    [Fact]
    public void AnInterruptedRun_Resumed_EndsWithTheSameWeights_AsAnUninterruptedOne()
    {
        string root = Directory.CreateTempSubdirectory("tempact-aes").FullName;
        try
        {
            string straight = Path.Combine(root, "straight"), resumed = Path.Combine(root, "resumed");
            new AestheticTrainer(Tiny).Train(straight, resume: false);

            using var stop = new CancellationTokenSource();
            Assert.Throws<OperationCanceledException>(() => new AestheticTrainer(Tiny).Train(resumed, false, s => { if (s.Step == 3) stop.Cancel(); }, stop.Token));
            Assert.True(File.Exists(Path.Combine(resumed, "training", "state.json")));
            Assert.Throws<CheckpointException>(() => new AestheticTrainer(Tiny).Train(resumed, resume: false)); // never overwritten silently
            var outcome = new AestheticTrainer(Tiny).Train(resumed, resume: true);

            Assert.Equal(3, outcome.StepsRun);
            Assert.Equal(File.ReadAllBytes(Path.Combine(straight, WeightStore.WeightsFile)), File.ReadAllBytes(Path.Combine(resumed, WeightStore.WeightsFile)));
            Assert.False(Directory.Exists(Path.Combine(resumed, "training")));
            Assert.True(File.Exists(Path.Combine(resumed, AestheticTrainer.EvalFile)));
        }
        finally { Directory.Delete(root, true); }
    }

    [Fact]
    public void ResumingWithNothingToResume_IsACheckpointException()
    {
        string dir = Directory.CreateTempSubdirectory("tempact-aes").FullName;
        try { Assert.Throws<CheckpointException>(() => new AestheticTrainer(Tiny).Train(dir, resume: true)); }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void BadConfigs_AreRejected_NamingTheField()
    {
        Assert.Contains("Steps", Assert.Throws<ArgumentException>(() => (Tiny with { Steps = 0 }).Validate()).Message);
        Assert.Contains("Widths", Assert.Throws<ArgumentException>(() => (Tiny with { Model = new([4, 4]) }).Validate()).Message);
    }
}
