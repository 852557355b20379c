namespace TempAct.Judges.Aesthetic;

/// <summary>What one training step reports (for progress bars and logs; the loss itself does no logging).</summary>
/// <param name="Step">Steps done so far (1-based).</param>
/// <param name="Steps">Steps in the run.</param>
/// <param name="Loss">Ranking + anchor loss of the step.</param>
/// <param name="PairAccuracy">Share of the step's pairs already ranked clean above degraded.</param>
/// <param name="LearningRate">Learning rate used in the step.</param>
public sealed record AestheticTrainingStep(int Step, int Steps, double Loss, double PairAccuracy, double LearningRate);
