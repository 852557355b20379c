using TempAct.Evaluation.Metrics;
using TempAct.Models.Executor;

namespace TempAct.Evaluation.Switching;

/// <summary>
/// The switch reaction of one switch mode over the plans. Rates are over all continuations; their 95% intervals are
/// over plans (each plan's share of its K continuations), since a plan's continuations are not independent.
/// </summary>
/// <param name="Mode">How the prompt switch was applied.</param>
/// <param name="Reaction">Share of continuations in which step 2's event starts within the reaction window.</param>
/// <param name="ZeroGroups">Share of plans (K-groups) with no reacting continuation: groups that give RL no signal.</param>
/// <param name="FirstStep">Share of continuations showing step 1's event before the switch.</param>
/// <param name="AfterSwitch">Share of continuations in which step 2's event starts after the switch at any time.</param>
/// <param name="Delay">Frames from the switch to step 2's onset, over continuations where it starts after the switch.</param>
/// <param name="FrameQuality">Analytic frame quality of the videos.</param>
/// <param name="Successes">Reacting continuations of each plan, in plan order.</param>
public sealed record ModeReaction(SwitchMode Mode, ConfidenceInterval Reaction, double ZeroGroups, ConfidenceInterval FirstStep,
    ConfidenceInterval AfterSwitch, ConfidenceInterval Delay, ConfidenceInterval FrameQuality, IReadOnlyList<int> Successes)
{
    /// <summary>The mode's name in files and tables: none, recache.</summary>
    public string Name => Mode.ToString().ToLowerInvariant();

    /// <summary>Summarises <paramref name="outcomes"/>[plan][continuation].</summary>
    public static ModeReaction Of(SwitchMode mode, IReadOnlyList<IReadOnlyList<SwitchOutcome>> outcomes)
    {
        ConfidenceInterval PerPlan(Func<SwitchOutcome, bool> f) => ConfidenceInterval.Of(outcomes.Select(g => g.Average(o => f(o) ? 1.0 : 0.0)));
        var successes = outcomes.Select(g => g.Count(o => o.Reacted)).ToList();
        return new ModeReaction(mode, PerPlan(o => o.Reacted), outcomes.Count == 0 ? double.NaN : successes.Count(s => s == 0) / (double)outcomes.Count,
            PerPlan(o => o.FirstShown), PerPlan(o => o.AfterSwitch),
            ConfidenceInterval.Of(outcomes.SelectMany(g => g).Where(o => o.Delay is not null).Select(o => (double)o.Delay!.Value)),
            ConfidenceInterval.Of(outcomes.Select(g => g.Average(o => o.FrameQuality))), successes);
    }
}
