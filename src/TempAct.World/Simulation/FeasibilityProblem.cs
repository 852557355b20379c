namespace TempAct.World.Simulation;

/// <summary>Why a scene (<see cref="EventIndex"/> = −1) or one of its events cannot happen.</summary>
public sealed record FeasibilityProblem(int EventIndex, string Message)
{
    /// <summary>For a scene problem, the first object of the pair that starts too close (index in the scene).</summary>
    public int? Object { get; init; }

    /// <summary>The other object involved: the one a move or jump would touch, or the second of a crowded pair.</summary>
    public int? Other { get; init; }
}
