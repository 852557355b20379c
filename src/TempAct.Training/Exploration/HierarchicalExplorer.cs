using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.Training.Config;
using TempAct.Training.Data;
using TempAct.Training.Metrics;
using TempAct.World.Language;
using TempAct.World.Plans;
using TempAct.World.Simulation;
using static TorchSharp.torch;

namespace TempAct.Training.Exploration;

/// <summary>
/// Hierarchical group exploration, one epoch: P instructions × G plans (planner at T, top-p; old per-token log-probs
/// from one full no-grad forward after sampling) × K continuations. One switch index k is drawn per epoch; each plan's
/// branch point b is its k-th switch. Plans with equal b and equal length run together: their prefixes [0, b) once per
/// plan, then <see cref="Rollout.Branch"/>(K) to the end of the video with fresh noise, chunk b's trajectory recorded.
/// Every draw is a function of (seed, epoch): the planner's generator, the noise stream keys, k.
/// </summary>
public sealed class HierarchicalExplorer(RlConfig config, RlModels models, RlInstructions data)
{
    private const long SwitchRole = 0x6B, PlanRole = 0x706C, NoiseRole = 0x6E6F;

    /// <summary>Explores epoch <paramref name="epoch"/>; the clock gets the planning, prefix and continuations laps.</summary>
    public EpochRollouts Explore(int epoch, PhaseClock clock)
    {
        var instructions = data.Epoch(epoch, config.Exploration.Instructions);
        int k = config.Exploration.SwitchIndices[new Random(StableSeed.Of(config.Seed, SwitchRole, epoch)).Next(config.Exploration.SwitchIndices.Length)];

        // 1. Planning: every instruction's G plans in one batch, then π_old of their tokens.
        var requests = instructions.Select(i => new PlanRequest(i.Text, config.Planner.Steps == PlanStepCount.EventCount ? i.Events.Count : null, data.ChunksFor(i))).ToList();
        var sampling = new SamplingOptions { Temperature = config.Planner.Temperature, TopP = config.Planner.TopP, MaxAnswerTokens = config.Planner.MaxAnswerTokens };
        var samples = BatchPlanSampler.Sample(models.Planner, models.PlannerTokenizer, sampling, requests, config.Exploration.Plans,
            new TorchSharp.torch.Generator((ulong)StableSeed.Of(config.Seed, PlanRole, epoch)));
        var plannerGroups = samples.Select(OldLogProbs).ToList();
        var plans = new List<PlanRollout>();
        for (int i = 0; i < instructions.Count; i++)
            for (int g = 0; g < samples[i].Count; g++)
                plans.Add(Execution(instructions[i], i, g, plans.Count, samples[i][g], k, requests[i].TotalChunks));
        clock.Lap("planning");

        // 2. Execution groups: equal b and length; prefix once per plan, then K continuations each.
        var groups = plans.Where(p => p.Executable).GroupBy(p => (p.BranchChunk, p.TotalChunks)).OrderBy(g => g.Key)
            .Select(g => Run(g.ToList(), epoch, clock)).ToList();
        return new EpochRollouts(epoch, k, instructions, plans, plannerGroups, groups);
    }

    /// <summary>How a sampled plan is executed: its spans (or uniform ones), per-chunk prompts, b, readability.</summary>
    private PlanRollout Execution(Instruction instruction, int i, int g, int id, PlanSample sample, int k, int chunks)
    {
        var plan = sample.Parsed.Plan;
        if (config.Ablations.HasFlag(Ablation.UniformSpans)) plan = StepPlan.Uniform(plan.Steps.Select(s => s.Prompt).ToList(), chunks);
        var prompts = VideoGenerator.ChunkPrompts(plan, config.Ablations.HasFlag(Ablation.LookAhead));
        string? problem = null;
        foreach (var p in prompts.Distinct())
        {
            try { models.Executor.Tokenize(p); }
            catch (PromptException e) { problem = e.Message; break; }
        }
        return new PlanRollout(i, g, id, instruction, sample, plan, prompts, PlanRollout.BranchPoint(plan, k, instruction.Events.Count), problem);
    }

    /// <summary>log π_old of one instruction's answers: one full forward without gradients, at logits / T.</summary>
    private PlannerGroup OldLogProbs(IReadOnlyList<PlanSample> samples)
    {
        using var _ = no_grad();
        var answers = samples.Select(s => s.AnswerTokens).ToList();
        var (logProbs, mask) = PlannerLogProbs.Compute(models.Planner, samples[0].PromptTokens, answers, config.Planner.Temperature, models.PlannerTokenizer.PadId);
        return new PlannerGroup(samples[0].PromptTokens, answers, logProbs.DetachFromDisposeScope(), mask.DetachFromDisposeScope());
    }

    /// <summary>One execution group: prefixes at batch = plans, then K continuations of each.</summary>
    private ExecutionGroup Run(IReadOnlyList<PlanRollout> plans, int epoch, PhaseClock clock)
    {
        var model = models.Executor;
        int n = plans.Count, kCount = config.ContinuationsPerPlan, b = plans[0].BranchChunk, total = plans[0].TotalChunks;
        int cf = model.Config.ChunkFrames, s = model.Config.FrameSize, frameSize = 3 * s * s;
        using var scope = NewDisposeScope();
        using var cpu = VideoGenerator.SmallBatchCpu(model, n * kCount);
        // 1. Prefix [0, b) once per plan, from the scene's still initial state.
        var context = tensor(plans.SelectMany(p => ExecutorClips.InitialState(p.Source.Scene)).ToArray(), new long[] { n, cf, 3, s, s }).to(model.Device);
        var keys = plans.Select(p => NoiseStreams.KeyOf(StableSeed.Of(config.Seed, NoiseRole, epoch), p.Id)).ToArray();
        using var prefix = new Rollout(model, new NoiseStreams(keys, model.Device), config.Executor.SwitchMode);
        prefix.Begin(Prompts(plans, 0, 1), context);
        var prefixChunks = new List<Tensor> { context };
        for (int c = 0; c < b; c++) prefixChunks.Add(prefix.Step(Prompts(plans, c, 1)));
        var prefixFrames = cat(prefixChunks, 1);                                                    // [n, (1 + b)·C, 3, S, S]
        clock.Lap("prefix");

        // 2. K continuations of each plan from b to the end, fresh noise each; chunk b's trajectory recorded.
        using var branches = prefix.Branch(kCount);
        var chunks = new List<Tensor>();
        ChunkTrajectory? trajectory = null;
        for (int c = b; c < total; c++)
        {
            chunks.Add(branches.Step(Prompts(plans, c, kCount), c == b, out var recorded));
            trajectory ??= recorded;
        }
        // One transfer each for the prefixes and the continuations: no per-video synchronisation.
        var prefixPixels = prefixFrames.narrow(1, cf, b * cf).cpu().contiguous().data<float>().ToArray();
        var contPixels = cat(chunks, 1).cpu().contiguous().data<float>().ToArray();
        clock.Lap("continuations");
        int prefixSize = b * cf * frameSize, contSize = (total - b) * cf * frameSize;
        var videos = new float[n * kCount][];
        for (int row = 0; row < videos.Length; row++)
        {
            var video = new float[total * cf * frameSize];
            Array.Copy(prefixPixels, row / kCount * prefixSize, video, 0, prefixSize);
            Array.Copy(contPixels, (long)row * contSize, video, prefixSize, contSize);
            videos[row] = video;
        }
        return new ExecutionGroup(plans, kCount, prefixFrames.DetachFromDisposeScope(), trajectory!, videos);
    }

    /// <summary>Chunk <paramref name="chunk"/>'s prompt of every plan, each repeated <paramref name="times"/> times.</summary>
    internal static string[] Prompts(IReadOnlyList<PlanRollout> plans, int chunk, int times) =>
        plans.SelectMany(p => Enumerable.Repeat(p.ChunkPrompts[chunk], times)).ToArray();
}
