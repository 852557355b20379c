namespace TempAct.Evaluation.Eval;

/// <summary>A line of the evaluation set that was left out, with the reason (the parser's message).</summary>
/// <param name="Instruction">The instruction text as written.</param>
/// <param name="Error">Why it was skipped, naming the line.</param>
public sealed record SkippedInstruction(string Instruction, string Error);
