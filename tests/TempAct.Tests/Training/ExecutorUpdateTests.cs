using TempAct.Models.Executor;
using TempAct.Tests.Precision;
using TempAct.Training.Config;
using TempAct.Training.Exploration;
using TempAct.Training.Update;
using static TempAct.Tests.Executor.ExecutorFixtures;
using static TempAct.Tests.Training.RlFixtures;
using static TorchSharp.torch;

namespace TempAct.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class ExecutorUpdateTests
{
    private const string A = "red circle moves right", B = "red circle turns blue", C = "green square jumps";

    [Theory]
    [InlineData(SwitchMode.None)]
    [InlineData(SwitchMode.Recache)]
    public void OnlyChunkBCarriesGradient_AndTheReplayedContextIsTheSampledOne(SwitchMode mode)
    {
        using var scope = NewDisposeScope();
        var config = Tiny(lora: 4, window: 6);
        using var model = Perturbed(config, 201);
        // Two plans switching at b = 2 (to different prompts), explored as HierarchicalExplorer does: prefix once per
        // plan, Branch(2), chunk b recorded.
        PlanRollout[] plans = [Plan(0, 0, 0, [A, B], 4, 2), Plan(0, 1, 1, [C, A], 4, 2)];
        var context = Frames(2, 3, 202);
        using var prefix = new Rollout(model, new NoiseStreams([11L, 12L], CPU), mode);
        prefix.Begin([A, C], context);
        var chunk0 = prefix.Step([A, C]);
        var chunk1 = prefix.Step([A, C]);
        using var branches = prefix.Branch(2);
        branches.Step([B, B, A, A], true, out var trajectory);
        // The prefix frames as a leaf that would collect any gradient reaching them.
        var prefixFrames = cat([context, chunk0, chunk1], 1).detach().requires_grad_(true);
        using var group = new ExecutionGroup(plans, 2, prefixFrames, trajectory!, []);

        var rl = new RlConfig { Executor = new ExecutorRlConfig { SwitchMode = mode } };
        var update = new ExecutorUpdate(rl, model);
        model.zero_grad();
        var stats = update.Backward([group], [[1.0, -1.0, 0.5, -0.5]], _ => true, withKl: true, totalRows: 4)!.Value;

        // 1. Same weights: the update's recomputation of chunk b equals the rollout's, so every ratio is 1 (well inside
        //    the RatioNorm clip of 1e-5): the cache rebuilt from the clean prefix and the switch at b are the sampled ones.
        for (int j = 0; j < 3; j++)
        {
            Assert.True(stats.Deviation[j] < 1e-6, $"step {j}: mean |r − 1| = {stats.Deviation[j]:G3}");
            Assert.Equal(0, stats.Clip[j], 12);
        }
        // 2. Gradient reaches the adapters, the cross-attention keys/values' too (text re-encoded with gradients)…
        var grads = model.named_parameters().Where(p => p.name.Contains("lora_")).ToDictionary(p => p.name, p => p.parameter.grad);
        Assert.All(grads.Values, g => Assert.True(g is not null && isfinite(g).all().item<bool>()));
        Assert.True(grads["blocks.0.cross_kv.lora_A"]!.abs().sum().item<float>() > 0, "no gradient through the text condition");
        Assert.True(grads["blocks.1.qkv.lora_A"]!.abs().sum().item<float>() > 0, "no gradient through chunk b's attention");
        // 3. …and none to the prefix: it is context, rebuilt without gradients.
        Assert.Null(prefixFrames.grad);
        using var replay = update.Replay(group, [0, 1]);
        var (keys, _) = replay.Cache.Held(0);
        Assert.False(keys.requires_grad);
        Assert.Equal(prefix.Cache.StoredFrames, replay.Cache.StoredFrames);
    }

    [Fact]
    public void GroupsWithOneBranchChunk_ShareABatch_WithTheSameLossAndGradients()
    {
        // Two groups branching at b = 2 with different lengths (4 and 6 chunks) are updated in one batch; the loss, the
        // statistics and the gradients equal the sum of updating each group on its own (up to batched rounding).
        using var scope = NewDisposeScope();
        var config = Tiny(lora: 4, window: 6);
        using var model = Perturbed(config, 211);
        PlanRollout[] short_ = [Plan(0, 0, 0, [A, B], 4, 2), Plan(0, 1, 1, [C, A], 4, 2)];
        PlanRollout[] long_ = [Plan(1, 0, 2, [B, C, A], 6, 2)];
        var items = short_.Concat(long_).Select((p, i) => new ExecutionItem(Floats(Frames(1, 3, 212 + i)), p.ChunkPrompts, p.BranchChunk, 40 + i)).ToList();
        using var run = MergedExecution.Run(model, SwitchMode.Recache, items, 2);
        using var g1 = new ExecutionGroup(short_, 2, run.PrefixFrames([0, 1]), run.Trajectory([0, 1]), []);
        using var g2 = new ExecutionGroup(long_, 2, run.PrefixFrames([2]), run.Trajectory([2]), []);
        double[][] adv = [[1.0, -1.0, 0.5, -0.5], [0.25, -0.25]];
        var update = new ExecutorUpdate(new RlConfig { Executor = new ExecutorRlConfig { SwitchMode = SwitchMode.Recache } }, model);
        // Perturb the adapters so that ratios, clipping and the KL are not trivial.
        using (no_grad())
            foreach (var (name, p) in model.named_parameters().Where(x => x.name.Contains("lora_B")))
                p.add_(randn(p.shape, generator: new TorchSharp.torch.Generator(7)) * 1e-3);
        model.MarkWeightsChanged();

        model.zero_grad();
        var together = update.Backward([g1, g2], adv, _ => true, withKl: true, totalRows: 6)!.Value;
        var gradTogether = LoraGrads(model);
        model.zero_grad();
        var first = update.Backward([g1], [adv[0]], _ => true, withKl: true, totalRows: 6)!.Value;
        var second = update.Backward([g2], [adv[1]], _ => true, withKl: true, totalRows: 6)!.Value;
        var gradApart = LoraGrads(model);

        Assert.True(first.Deviation.Max() > 1e-7, "the perturbation must move the ratios, else the check proves little");
        // The loss is a small mean of terms −A·r of magnitude max |A| = 1: compare it at that magnitude.
        Close.Scalars((first.Loss * 4 + second.Loss * 2) / 6, together.Loss, 1.0, Close.Chained, "loss");
        Close.Scalars((first.Kl * 4 + second.Kl * 2) / 6, together.Kl, first.Kl + second.Kl, Close.Chained, "KL");
        for (int j = 0; j < 3; j++) // |r − 1| is a small difference of r ≈ 1
            Close.Scalars((first.Deviation[j] * 4 + second.Deviation[j] * 2) / 6, together.Deviation[j], 1.0, Close.Chained, $"|r − 1| at {j}");
        foreach (var (name, g) in gradTogether)
            Close.Tensors(gradApart[name], g, Close.Chained, $"gradient of {name}");
    }

    [Fact]
    public void GatedAdapters_TrainOnlyThePlansThatSwitchAtB_AndTheTextCarriesNone()
    {
        // Adapters gated to the chunk after a switch: plan 0 switches A → B at b = 2, plan 1 repeats C (its step boundary
        // at b changes no prompt), so only plan 0's continuations are the adapters' to train.
        using var scope = NewDisposeScope();
        var config = Tiny(lora: 4, window: 6);
        using var model = Perturbed(config, 221);
        model.AdapterChunks = AdapterChunks.Switch;
        PlanRollout[] plans = [Plan(0, 0, 0, [A, B], 4, 2), Plan(0, 1, 1, [C, C], 4, 2)];
        var items = plans.Select((p, i) => new ExecutionItem(Floats(Frames(1, 3, 222 + i)), p.ChunkPrompts, p.BranchChunk, 50 + i)).ToList();
        using var run = MergedExecution.Run(model, SwitchMode.Recache, items, 2);
        using var group = new ExecutionGroup(plans, 2, run.PrefixFrames([0, 1]), run.Trajectory([0, 1]), []);
        var update = new ExecutorUpdate(new RlConfig { Executor = new ExecutorRlConfig { SwitchMode = SwitchMode.Recache, AdapterChunks = AdapterChunks.Switch } }, model);

        model.zero_grad();
        var stats = update.Backward([group], [[1.0, -1.0, 0.5, -0.5]], _ => true, withKl: true, totalRows: 4)!.Value;
        // Same weights: the recomputed chunk b is the sampled one (the gate chose the same rows in the rollout and here).
        for (int j = 0; j < 3; j++) Assert.True(stats.Deviation[j] < 1e-6, $"step {j}: mean |r − 1| = {stats.Deviation[j]:G3}");
        var grads = LoraGrads(model);
        Assert.True(grads["blocks.1.qkv.lora_A"].abs().sum().item<float>() > 0, "no gradient through the switching plan's chunk b");
        Assert.Equal(0, grads["blocks.0.cross_kv.lora_A"].abs().sum().item<float>()); // text encoded on the base weights

        // Plan 1's advantages do not matter: its rows are the base's (ratio 1, no KL, no gradient).
        model.zero_grad();
        update.Backward([group], [[1.0, -1.0, 7.0, -3.0]], _ => true, withKl: true, totalRows: 4);
        foreach (var (name, g) in LoraGrads(model))
            Close.Tensors(grads[name], g, Close.Reassociated, $"gradient of {name} with other advantages for the plan that does not switch");

        // A batch where no plan switches at b trains nothing and still reports its statistics.
        model.zero_grad();
        using var still = new ExecutionGroup([plans[1]], 2, run.PrefixFrames([1]), run.Trajectory([1]), []);
        var none = update.Backward([still], [[7.0, -3.0]], _ => true, withKl: true, totalRows: 2)!.Value;
        Assert.True(none.Kl < 1e-10, $"KL {none.Kl:G3} between the base and itself"); // rounding only
        Assert.All(LoraGrads(model).Values, g => Assert.Equal(0, g.abs().sum().item<float>()));
    }

    private static Dictionary<string, Tensor> LoraGrads(Models.Executor.ExecutorTransformer model) =>
        model.named_parameters().Where(p => p.name.Contains("lora_")).ToDictionary(p => p.name, p => p.parameter.grad is { } g ? g.clone() : zeros_like(p.parameter));

    private static float[] Floats(Tensor t) => t.contiguous().data<float>().ToArray();
}
