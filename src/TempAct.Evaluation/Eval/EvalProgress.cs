namespace TempAct.Evaluation.Eval;

/// <summary>Progress of an `eval` run in video chunks: <paramref name="Done"/> of <paramref name="Total"/> chunks of the
/// videos of <paramref name="Mode"/> generated (a video of 20 chunks counts 20; scoring follows each batch).</summary>
/// <param name="Mode">The mode being run.</param>
/// <param name="Done">Video chunks of the mode generated so far.</param>
/// <param name="Total">Video chunks of the mode.</param>
public sealed record EvalProgress(EvalMode Mode, int Done, int Total);
