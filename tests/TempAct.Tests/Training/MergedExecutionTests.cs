using TempAct.Models.Executor;
using TempAct.Tests.Precision;
using TempAct.Training.Exploration;
using static TempAct.Tests.Executor.ExecutorFixtures;
using static TorchSharp.torch;

namespace TempAct.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class MergedExecutionTests
{
    private const string A = "red circle moves right", B = "red circle turns blue", C = "green square jumps";

    /// <summary>Plan P: 5 chunks, switches at 2 and 4, branches at 2.</summary>
    private static ExecutionItem PlanP(Tensor context) => new(Floats(context), [A, A, B, B, C], 2, 31L);

    [Theory]
    [InlineData(SwitchMode.None)]
    [InlineData(SwitchMode.Recache)]
    public void APlansContinuations_AreTheSameAloneOrMergedWithOtherBranchPointsAndLengths(SwitchMode mode)
    {
        using var scope = NewDisposeScope();
        var config = Tiny(window: 6); // the window slides during the 6-chunk video
        using var model = Perturbed(config, 301);
        var p = PlanP(Frames(1, 3, 302));
        using var alone = MergedExecution.Run(model, mode, [p], 3);
        // P between a shorter plan branching earlier and a longer one branching later (their switches and re-caches,
        // their branch and end points all fall on other chunks than P's).
        ExecutionItem early = new(Floats(Frames(1, 3, 303)), [C, B, B, A], 1, 5L), late = new(Floats(Frames(1, 3, 304)), [B, A, A, A, C, C], 3, 9L);
        using var merged = MergedExecution.Run(model, mode, [early, p, late], 3);

        // Equal up to the rounding of batched CPU kernels (a batch of other rows and another row split reassociate the
        // sums), as for any video in any batch (RolloutTests.AVideosFrames_DoNotDependOnItsBatch).
        for (int k = 0; k < 3; k++)
            Close.Tensors(Video(alone, 0, k), Video(merged, 1, k), Close.Chained, $"{mode}: continuation {k} alone vs merged");
        using var tAlone = alone.Trajectory([0]);
        using var tMerged = merged.Trajectory([1]);
        for (int j = 0; j < 4; j++)
        {
            Close.Tensors(tAlone.States[j], tMerged.States[j], Close.Chained, $"{mode}: x_{j}");
            Close.Tensors(tAlone.Velocities[j], tMerged.Velocities[j], Close.Chained, $"{mode}: v_{j}");
        }
        // A log-prob is a mean of ≈ −½z² − log σ terms: compare it at the magnitude of those terms.
        for (int j = 0; j < 3; j++)
            Close.Tensors(tAlone.LogProbs[j], tMerged.LogProbs[j], LogProbScale(tAlone, j), Close.Chained, $"{mode}: log-prob {j}");
        Close.Tensors(alone.PrefixFrames([0]), merged.PrefixFrames([1]), Close.Chained, $"{mode}: prefix");
        // The check can fail: the other plans' videos differ from P's, and P's continuations from each other after b.
        Assert.True(MaxDiff(Video(merged, 0, 0).narrow(0, 0, 12), Video(merged, 1, 0).narrow(0, 0, 12)) > 1e-2, "the plans' videos must differ");
        Assert.True(MaxDiff(tMerged.States[1][0], tMerged.States[1][1]) > 1e-2, "P's continuations drew the same chunk b");
    }

    [Theory]
    [InlineData(SwitchMode.None)]
    [InlineData(SwitchMode.Recache)]
    public void MergedExecution_EqualsPrefixThenBranch(SwitchMode mode)
    {
        // The merged batch is the old per-group schedule (prefix at batch 1, Branch(K), continuations) re-packed: the
        // same noise keys, frames, trajectory and prefix.
        using var scope = NewDisposeScope();
        var config = Tiny(window: 6);
        using var model = Perturbed(config, 311);
        var context = Frames(1, 3, 312);
        var p = PlanP(context);
        // The old schedule under the CPU settings the merged run takes for its widest batch (2 rows): the same kernels
        // on the same batches, so bit for bit.
        var settings = VideoGenerator.SmallBatchCpu(model, 2);
        using var prefix = new Rollout(model, new NoiseStreams([p.NoiseKey], CPU), mode);
        prefix.Begin([A], context);
        var chunks = new List<Tensor> { prefix.Step([A]), prefix.Step([A]) };
        using var branches = prefix.Branch(2);
        chunks.Add(branches.Step([B, B], true, out var trajectory));
        chunks.Add(branches.Step([B, B]));
        chunks.Add(branches.Step([C, C]));
        using var _ = trajectory;
        settings.Dispose();

        using var merged = MergedExecution.Run(model, mode, [p], 2);
        for (int k = 0; k < 2; k++)
        {
            var expected = cat([chunks[0], chunks[1], chunks[2][k].unsqueeze(0), chunks[3][k].unsqueeze(0), chunks[4][k].unsqueeze(0)], 1);
            Assert.Equal(Floats(expected), merged.Video(0, k));
        }
        using var recorded = merged.Trajectory([0]);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(0.0, MaxDiff(trajectory!.States[j], recorded.States[j]));
            Assert.Equal(0.0, MaxDiff(trajectory.Velocities[j], recorded.Velocities[j]));
            Assert.Equal(0.0, MaxDiff(trajectory.LogProbs[j], recorded.LogProbs[j]));
        }
        Assert.Equal(0.0, MaxDiff(cat([context, chunks[0], chunks[1]], 1), merged.PrefixFrames([0])));
    }

    [Fact]
    public void GroupsTakeTheirRowsItemMajor_AndRefuseMixedBranchPoints()
    {
        using var scope = NewDisposeScope();
        using var model = Perturbed(Tiny(window: 6), 321);
        ExecutionItem Item(long key, int b, long seed) => new(Floats(Frames(1, 3, seed)), [A, B, B, C], b, key);
        ExecutionItem[] items = [Item(1, 2, 322), Item(2, 1, 323), Item(3, 2, 324)];
        using var all = MergedExecution.Run(model, SwitchMode.None, items, 2);
        using var pair = MergedExecution.Run(model, SwitchMode.None, [items[2], items[0]], 2);
        using var group = all.Trajectory([2, 0]);      // item 2's two continuations, then item 0's
        using var same = pair.Trajectory([0, 1]);
        Close.Tensors(same.States[3], group.States[3], Close.Chained, "x_3 of the group's rows");
        Assert.True(MaxDiff(group.States[3][0], group.States[3][2]) > 1e-2, "items 2 and 0 must differ");
        Assert.Equal(4, group.States[0].shape[0]);
        Assert.Throws<ArgumentException>(() => all.Trajectory([0, 1]));
        Assert.Throws<ArgumentException>(() => all.PrefixFrames([1, 2]));
    }

    private static Tensor Video(MergedExecution run, int item, int branch) => tensor(run.Video(item, branch));

    /// <summary>The magnitude of the per-element terms behind log-prob j: −log σ − ½log 2π and the mean's own size.</summary>
    private static double LogProbScale(ChunkTrajectory t, int j) => 1 + Math.Abs(Math.Log(t.Sigmas[j + 1]));

    private static float[] Floats(Tensor t) => t.contiguous().cpu().data<float>().ToArray();
}
