namespace TempAct.World.Plans;

/// <summary>One step of a plan: its index, the step prompt the executor is conditioned on, and its chunk span.</summary>
public sealed record PlanStep(int StepIndex, string Prompt, ChunkSpan Chunks);
