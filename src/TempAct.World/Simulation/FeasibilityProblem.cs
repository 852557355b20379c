namespace TempAct.World.Simulation;

/// <summary>Why a scene (<see cref="EventIndex"/> = −1) or one of its events cannot happen.</summary>
public sealed record FeasibilityProblem(int EventIndex, string Message);
