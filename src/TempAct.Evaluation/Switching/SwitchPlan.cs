using TempAct.World.Events;
using TempAct.World.Plans;
using TempAct.World.Scenes;
using TempAct.World.Simulation;

namespace TempAct.Evaluation.Switching;

/// <summary>
/// A two-step plan for the switch-reaction measurement: a scene and two events feasible one after the other, each a
/// visible change (no stay) and the second not a repeat of the first, prompted by their step prompts (subjects by their
/// frame-0 names, as plans name them).
/// </summary>
/// <param name="Scene">The scene; generation starts from its still initial state.</param>
/// <param name="First">Step 1's event (before the switch).</param>
/// <param name="Second">Step 2's event (from the switch on): the one whose onset the measurement times.</param>
public sealed record SwitchPlan(Scene Scene, WorldEvent First, WorldEvent Second)
{
    /// <summary>Step 1's prompt.</summary>
    public string FirstPrompt => StepPrompt.Canonical(First);

    /// <summary>Step 2's prompt.</summary>
    public string SecondPrompt => StepPrompt.Canonical(Second);

    /// <summary>"red circle moves right → red circle turns blue".</summary>
    public override string ToString() => $"{FirstPrompt} → {SecondPrompt}";

    /// <summary>
    /// <paramref name="count"/> plans of the held-out stream for <paramref name="seed"/> — a stream of its own
    /// (<see cref="ScenarioSampler"/> under a seed no training clip or other held-out set uses), drawn in order, so the
    /// first n plans of a longer list are the n-plan list.
    /// </summary>
    public static IReadOnlyList<SwitchPlan> HeldOut(long seed, int count)
    {
        var rng = new Random(StableSeed.Of(seed, 0x5717c4));
        var plans = new List<SwitchPlan>(count);
        while (plans.Count < count)
        {
            var (scene, events) = ScenarioSampler.Sample(rng, 2);
            if (events.Any(e => e.Action == ActionKind.Stay) || StepPrompt.Canonical(events[0]) == StepPrompt.Canonical(events[1])) continue;
            plans.Add(new SwitchPlan(scene, events[0], events[1]));
        }
        return plans;
    }
}
