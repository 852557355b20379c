using static TorchSharp.torch;

namespace TempAct.Training.Losses;

/// <summary>A loss value (with gradients) and the numbers that say how the update went; no logging inside losses.</summary>
/// <param name="Loss">The scalar to back-propagate (policy term + β·KL).</param>
/// <param name="PolicyLoss">The clipped policy term alone.</param>
/// <param name="Kl">The KL term before β.</param>
/// <param name="ClipFraction">Share of ratios outside [1 − ε, 1 + ε].</param>
/// <param name="MeanAbsRatioDeviation">mean |r − 1|.</param>
public sealed record LossTerms(Tensor Loss, double PolicyLoss, double Kl, double ClipFraction, double MeanAbsRatioDeviation);
