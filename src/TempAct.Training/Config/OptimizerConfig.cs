namespace TempAct.Training.Config;

/// <summary>The one AdamW over both adapter sets (each with its own learning rate) and its one gradient-norm clip.</summary>
public sealed record OptimizerConfig
{
    /// <summary>AdamW β1. Release: 0.9. Ours: 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW β2. Release: 0.999. Ours: 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>AdamW weight decay (on the adapters only). Release: 1e-4. Ours: 1e-4.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>One gradient-norm clip over both adapter sets together. Release: 1.0. Ours: 1.0.</summary>
    public double GradClip { get; init; } = 1.0;

    /// <summary>Optimizer steps per epoch: the epoch's plans are split into this many mini-batches (a plan's K
    /// continuations stay together; instructions split alike for the planner), each one step. With 1 the ratios are 1 at
    /// the update (on-policy) and only the sign of the advantage moves the weights; with more, later mini-batches see
    /// r ≠ 1 and the clip acts. Release: not in the facts we have. Ours: 1.</summary>
    public int MiniBatches { get; init; } = 1;

    /// <summary>Which steps add the KL terms. Release: alternate steps. Ours: alternate steps.</summary>
    public KlSchedule Kl { get; init; } = KlSchedule.AlternateSteps;
}
