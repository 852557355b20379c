namespace TempAct.Evaluation.Eval;

/// <summary>Progress of an `eval` run: <paramref name="Done"/> of <paramref name="Total"/> videos of
/// <paramref name="Mode"/> generated and scored.</summary>
/// <param name="Mode">The mode being run.</param>
/// <param name="Done">Videos of the mode finished so far.</param>
/// <param name="Total">Videos of the mode.</param>
public sealed record EvalProgress(EvalMode Mode, int Done, int Total);
