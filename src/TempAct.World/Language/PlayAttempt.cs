using TempAct.World.Events;
using TempAct.World.Scenes;
using TempAct.World.Simulation;

namespace TempAct.World.Language;

/// <summary>One way of settling the unstated facts, played through: the scene, the events that happened, which
/// <see cref="EventSpec"/> each came from, and the first problem (null when everything can happen).</summary>
/// <param name="Scene">The scene tried.</param>
/// <param name="Events">The events that could happen, in order.</param>
/// <param name="Origins">For each event, the index of the spec it came from.</param>
/// <param name="Problem">Why the next event cannot happen (EventIndex −1: the scene itself), or null.</param>
/// <param name="FailedSpec">The spec of the event that cannot happen (−1 for a scene problem or none).</param>
/// <param name="Failed">The event that cannot happen, when it was made (a destination already reached makes none).</param>
internal sealed record PlayAttempt(Scene Scene, List<WorldEvent> Events, List<int> Origins, FeasibilityProblem? Problem, int FailedSpec, WorldEvent? Failed)
{
    /// <summary>How far it got: the events played (−1 when the scene itself fails).</summary>
    public int Progress => Problem is { EventIndex: < 0 } ? -1 : Events.Count;
}
