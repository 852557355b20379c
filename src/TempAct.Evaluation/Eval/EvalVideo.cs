using TempAct.World.Events;
using TempAct.World.Plans;
using TempAct.World.Rendering;
using TempAct.World.Tracking;

namespace TempAct.Evaluation.Eval;

/// <summary>One video of an `eval` run as it was made and seen: what it was prompted with, the timeline it is measured
/// against, what the tracker found and its scores (the report page shows these).</summary>
/// <param name="Mode">The mode that made it.</param>
/// <param name="Item">Index of its instruction in the set's items.</param>
/// <param name="SeedIndex">Its seed (0 … seeds − 1).</param>
/// <param name="Video">The frames.</param>
/// <param name="Plan">The plan it followed (step, tempact); null for single and for a plan that fell back.</param>
/// <param name="Fallback">Whether its plan was unusable and it fell back to the instruction on every chunk.</param>
/// <param name="Expected">Event m over its span: the plan's steps, or the instruction's default timing.</param>
/// <param name="Switches">Frames where the chunk prompt changes (the switch points; none for a single caption).</param>
/// <param name="Tracking">What the tracker (the oracle) saw.</param>
/// <param name="Scores">Its metrics.</param>
public sealed record EvalVideo(EvalMode Mode, int Item, int SeedIndex, Video Video, StepPlan? Plan, bool Fallback,
    IReadOnlyList<TimedEvent> Expected, IReadOnlyList<int> Switches, TrackingResult Tracking, VideoScores Scores)
{
    /// <summary>The text of every chunk it was generated with (a step's prompt, "s_m ; s_{m+1}" when looking ahead, or
    /// the instruction); empty when not recorded.</summary>
    public IReadOnlyList<string> Prompts { get; init; } = [];
}
