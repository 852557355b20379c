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
/// branch point b is its k-th switch. All plans run in one batched rollout (<see cref="MergedExecution"/>): each plan's
/// prefix [0, b) once, then K continuations to the end of its video with fresh noise, chunk b's trajectory recorded; the
/// result is cut into execution groups of equal b and length.
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

        // 2. Every executable plan's prefix and K continuations in one batched rollout, then cut into execution groups
        //    (equal b and length, as the update and the advantages take them).
        var executable = plans.Where(p => p.Executable).ToList();
        var groups = new List<ExecutionGroup>();
        if (executable.Count > 0)
        {
            long noiseSeed = StableSeed.Of(config.Seed, NoiseRole, epoch);
            var items = executable.Select(p => new ExecutionItem(ExecutorClips.InitialState(p.Source.Scene), p.ChunkPrompts, p.BranchChunk,
                NoiseStreams.KeyOf(noiseSeed, p.Id))).ToList();
            using var run = MergedExecution.Run(models.Executor, config.Executor.SwitchMode, items, config.ContinuationsPerPlan, () => clock.Lap("prefix"));
            var byKey = Enumerable.Range(0, executable.Count).GroupBy(i => (executable[i].BranchChunk, executable[i].TotalChunks)).OrderBy(g => g.Key);
            foreach (var g in byKey)
            {
                var members = g.ToList();
                var videos = members.SelectMany(i => Enumerable.Range(0, config.ContinuationsPerPlan).Select(c => run.Video(i, c))).ToArray();
                groups.Add(new ExecutionGroup([.. members.Select(i => executable[i])], config.ContinuationsPerPlan, run.PrefixFrames(members),
                    run.Trajectory(members), videos));
            }
        }
        clock.Lap("continuations");
        return new EpochRollouts(epoch, k, instructions, plans, plannerGroups, groups);
    }

    /// <summary>How a sampled plan is executed: its spans (or uniform ones), per-chunk prompts, b, readability.</summary>
    private PlanRollout Execution(Instruction instruction, int i, int g, int id, PlanSample sample, int k, int chunks)
    {
        var plan = config.Ablations.ExecutedPlan(sample.Parsed.Plan, chunks);
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

    /// <summary>Chunk <paramref name="chunk"/>'s prompt of every plan, each repeated <paramref name="times"/> times.</summary>
    internal static string[] Prompts(IReadOnlyList<PlanRollout> plans, int chunk, int times) =>
        plans.SelectMany(p => Enumerable.Repeat(p.ChunkPrompts[chunk], times)).ToArray();
}
