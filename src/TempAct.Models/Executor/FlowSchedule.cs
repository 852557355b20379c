namespace TempAct.Models.Executor;

/// <summary>
/// The rectified-flow schedule: x_σ = (1 − σ)·x0 + σ·ε, velocity v = ε − x0, with the timestep t ∈ [0, 1] warped by
/// the shift s as σ = s·t / (1 + (s − 1)·t) (SD3 / Wan). The few-step sampler's denoising list [1000, 750, 500, 250]
/// becomes σ = 1, 0.9375, 0.8333, 0.625 at shift 5.
/// </summary>
public static class FlowSchedule
{
    /// <summary>The denoising list of the 4-step sampler, in timesteps out of 1000 (Self-Forcing's list).</summary>
    public static readonly IReadOnlyList<int> DenoisingSteps = [1000, 750, 500, 250];

    /// <summary>Warps t ∈ [0, 1] through the shift.</summary>
    public static double Sigma(double t, double shift) => shift * t / (1 + (shift - 1) * t);

    /// <summary>σ for each entry of the denoising list.</summary>
    public static double[] SamplerSigmas(double shift) => DenoisingSteps.Select(s => Sigma(s / 1000.0, shift)).ToArray();
}
