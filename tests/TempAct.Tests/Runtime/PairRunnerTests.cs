using TempAct.Models.Runtime;
using static TorchSharp.torch;

namespace TempAct.Tests.Runtime;

[Collection(TorchCollection.Name)]
public sealed class PairRunnerTests
{
    [Fact]
    public void BothBodiesRun_OnDifferentThreads_AndMeetAtTheirBarrier()
    {
        using var barrier = new Barrier(2);
        int caller = 0, helper = 0, callerThread = 0, helperThread = 0;
        for (int round = 0; round < 50; round++)
            PairRunner.Run(
                t => { callerThread = Environment.CurrentManagedThreadId; barrier.SignalAndWait(t); caller++; },
                t => { helperThread = Environment.CurrentManagedThreadId; barrier.SignalAndWait(t); helper++; });
        Assert.Equal(50, caller);
        Assert.Equal(50, helper);
        Assert.NotEqual(callerThread, helperThread);
        Assert.Equal(Environment.CurrentManagedThreadId, callerThread);
    }

    [Fact]
    public void AFailingBody_ReleasesTheOtherFromTheBarrier_AndIsRethrown()
    {
        using var barrier = new Barrier(2);
        var e = Assert.Throws<InvalidOperationException>(() => PairRunner.Run(
            t => barrier.SignalAndWait(t),
            _ => throw new InvalidOperationException("helper failed")));
        Assert.Equal("helper failed", e.Message);
        using var barrier2 = new Barrier(2);
        var e2 = Assert.Throws<ArgumentException>(() => PairRunner.Run(
            _ => throw new ArgumentException("caller failed"),
            t => barrier2.SignalAndWait(t)));
        Assert.Equal("caller failed", e2.Message);
        // And the runner still works afterwards.
        int ran = 0;
        PairRunner.Run(_ => Interlocked.Increment(ref ran), _ => Interlocked.Increment(ref ran));
        Assert.Equal(2, ran);
    }

    [Fact]
    public void SmallBatchCpuSettings_AreRestored()
    {
        var config = Executor.ExecutorFixtures.Tiny();
        using var model = Executor.ExecutorFixtures.Perturbed(config, 3);
        int threads = get_num_threads();
        using (TempAct.Models.Executor.VideoGenerator.SmallBatchCpu(model, 1))
        {
            Assert.Equal(1, get_num_threads());
            Assert.Equal(Environment.ProcessorCount >= 2 ? 2 : 1, model.RowWorkers);
        }
        Assert.Equal(threads, get_num_threads());
        Assert.Equal(1, model.RowWorkers);
        // A batch past the one-thread size keeps the process settings.
        using (TempAct.Models.Executor.VideoGenerator.SmallBatchCpu(model, 64)) Assert.Equal(threads, get_num_threads());
    }
}
