using TempAct.Judges.Aesthetic;
using TempAct.Models.Checkpoints;
using TempAct.Models.Training;

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
            new AestheticTrainer(Tiny).Train(straight, TrainingStart.Fresh);

            using var stop = new CancellationTokenSource();
            Assert.Throws<OperationCanceledException>(() => new AestheticTrainer(Tiny).Train(resumed, TrainingStart.Fresh, s => { if (s.Step == 3) stop.Cancel(); }, stop.Token));
            Assert.True(File.Exists(Path.Combine(resumed, "training", "state.json")));
            Assert.Throws<RunExistsException>(() => new AestheticTrainer(Tiny).Train(resumed, TrainingStart.Fresh)); // never overwritten silently
            var outcome = new AestheticTrainer(Tiny).Train(resumed, TrainingStart.Resume);

            Assert.Equal(3, outcome.StepsRun);
            Assert.Equal(File.ReadAllBytes(Path.Combine(straight, WeightStore.WeightsFile)), File.ReadAllBytes(Path.Combine(resumed, WeightStore.WeightsFile)));
            Assert.False(Directory.Exists(Path.Combine(resumed, "training")));
            Assert.True(File.Exists(Path.Combine(resumed, AestheticTrainer.EvalFile)));
        }
        finally { Directory.Delete(root, true); }
    }

    [Fact]
    public void AFinishedScorerIsNeverOverwrittenSilently_AndAKillBetweenCheckpointFilesResumesExactly()
    {
        string root = Directory.CreateTempSubdirectory("tempact-aes").FullName;
        try
        {
            string straight = Path.Combine(root, "straight"), killed = Path.Combine(root, "killed");
            new AestheticTrainer(Tiny).Train(straight, TrainingStart.Fresh);
            var weights = File.ReadAllBytes(Path.Combine(straight, WeightStore.WeightsFile));
            Assert.Throws<RunExistsException>(() => new AestheticTrainer(Tiny).Train(straight, TrainingStart.Fresh));
            Assert.Equal(weights, File.ReadAllBytes(Path.Combine(straight, WeightStore.WeightsFile)));

            // Killed after the step-4 checkpoint's weights were moved into place, before its optimizer and state.
            var kill = new AestheticTrainer(Tiny) { CheckpointFault = (step, point) => { if (step == 4 && point == "move optimizer.bin") throw new IOException("killed"); } };
            Assert.Throws<IOException>(() => kill.Train(killed, TrainingStart.Fresh));
            Assert.Equal(2, new AestheticTrainer(Tiny).Train(killed, TrainingStart.Resume).StepsRun); // the step-4 checkpoint was completed
            Assert.Equal(weights, File.ReadAllBytes(Path.Combine(killed, WeightStore.WeightsFile)));
        }
        finally { Directory.Delete(root, true); }
    }

    [Fact]
    public void ResumingWithNothingToResume_IsACheckpointException()
    {
        string dir = Directory.CreateTempSubdirectory("tempact-aes").FullName;
        try { Assert.Throws<CheckpointException>(() => new AestheticTrainer(Tiny).Train(dir, TrainingStart.Resume)); }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void BadConfigs_AreRejected_NamingTheField()
    {
        Assert.StartsWith("Steps", Assert.Throws<ConfigException>(() => (Tiny with { Steps = 0 }).Validate()).Message);
        Assert.StartsWith("LearningRate", Assert.Throws<ConfigException>(() => (Tiny with { LearningRate = double.NaN }).Validate()).Message);
        Assert.StartsWith("Model.Widths", Assert.Throws<ConfigException>(() => (Tiny with { Model = new([4, 4]) }).Validate()).Message);
    }
}
