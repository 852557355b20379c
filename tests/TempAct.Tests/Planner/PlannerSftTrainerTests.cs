using TempAct.Models.Checkpoints;
using TempAct.Models.Planner;
using static TorchSharp.torch;

namespace TempAct.Tests.Planner;

[Collection(TorchCollection.Name)]
public sealed class PlannerSftTrainerTests
{
    private static readonly PlannerSftConfig Tiny = new()
    {
        Steps = 6, BatchSize = 4, WarmupSteps = 2, EvalEvery = 1000, EvalInstructions = 1, CheckpointEvery = 3,
        Model = new PlannerConfig { Dim = 32, Layers = 1, Heads = 2, MaxTokens = 320 },
    };

    [Fact]
    public void InterruptedThenResumed_EqualsAnUninterruptedRun()
    {
        string a = Directory.CreateTempSubdirectory("tempact-sft-a").FullName, b = Directory.CreateTempSubdirectory("tempact-sft-b").FullName;
        try
        {
            new PlannerSftTrainer(Tiny, a, CPU).Run(resume: false);
            using (var stop = new CancellationTokenSource())
                new PlannerSftTrainer(Tiny, b, CPU).Run(false, new Progress(r => { if (r.Step == 3) stop.Cancel(); }), stop.Token);
            Assert.Contains("\"Step\":3", File.ReadAllText(Path.Combine(b, "trainer_state.json")));
            new PlannerSftTrainer(Tiny, b, CPU).Run(resume: true);
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, WeightStore.WeightsFile)), File.ReadAllBytes(Path.Combine(b, WeightStore.WeightsFile)));
            Assert.Equal(7, File.ReadAllLines(Path.Combine(b, "metrics.csv")).Length); // header + 6 steps, the resumed run appends
        }
        finally { Directory.Delete(a, true); Directory.Delete(b, true); }
    }

    [Fact]
    public void ResumeWithNothingToResume_IsAClearError()
    {
        string dir = Directory.CreateTempSubdirectory("tempact-sft-empty").FullName;
        try { Assert.Contains("nothing to resume", Assert.Throws<CheckpointException>(() => new PlannerSftTrainer(Tiny, dir, CPU).Run(resume: true)).Message); }
        finally { Directory.Delete(dir, true); }
    }

    private sealed class Progress(Action<PlannerSftTrainer.Report> report) : IProgress<PlannerSftTrainer.Report>
    {
        public void Report(PlannerSftTrainer.Report value) => report(value);
    }
}
