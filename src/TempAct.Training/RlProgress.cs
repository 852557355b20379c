using TempAct.Training.Metrics;

namespace TempAct.Training;

/// <summary>One progress report, after every epoch.</summary>
/// <param name="Done">Epochs done.</param>
/// <param name="Epochs">Epochs in the run.</param>
/// <param name="Metrics">The epoch's metrics.</param>
/// <param name="Eval">The evaluation run after it, if one did.</param>
public sealed record RlProgress(int Done, int Epochs, EpochMetrics Metrics, EvalMetrics? Eval);
