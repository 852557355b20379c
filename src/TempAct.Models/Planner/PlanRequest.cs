namespace TempAct.Models.Planner;

/// <summary>One planning request: an instruction, the step count asked for (null: the planner chooses) and the video's
/// chunk count.</summary>
public sealed record PlanRequest(string Instruction, int? Steps, int TotalChunks);
