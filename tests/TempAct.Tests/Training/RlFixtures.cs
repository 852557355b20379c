using TempAct.Models.Planner;
using TempAct.Training.Exploration;
using TempAct.World.Language;
using TempAct.World.Plans;

namespace TempAct.Tests.Training;

/// <summary>Small hand-made pieces of an RL epoch for tests.</summary>
internal static class RlFixtures
{
    public static readonly Instruction Instruction = InstructionParser.Parse("A red circle rests on the left. It slides to the right, then it turns blue.");

    /// <summary>A plan rollout with the given prompts on uniform spans over <paramref name="chunks"/> chunks.</summary>
    public static PlanRollout Plan(int instruction, int index, int id, IReadOnlyList<string> prompts, int chunks, int branchChunk)
    {
        var plan = StepPlan.Uniform(prompts, chunks);
        var sample = new PlanSample([], [], [], "", new PlanParseResult(plan, 1.0, []));
        return new PlanRollout(instruction, index, id, Instruction, sample, plan, Models.Executor.VideoGenerator.ChunkPrompts(plan, false), branchChunk, null);
    }
}
