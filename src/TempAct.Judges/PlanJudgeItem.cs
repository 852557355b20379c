using TempAct.World.Language;
using TempAct.World.Plans;

namespace TempAct.Judges;

/// <summary>One input of the plan judge: a planner's plan (step prompts and chunk spans) and the instruction it rewrites.</summary>
/// <param name="Plan">The (parsed, possibly repaired) plan.</param>
/// <param name="Instruction">The instruction.</param>
public sealed record PlanJudgeItem(StepPlan Plan, Instruction Instruction);
