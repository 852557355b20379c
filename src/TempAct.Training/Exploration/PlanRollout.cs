using TempAct.Models.Planner;
using TempAct.World.Language;
using TempAct.World.Plans;

namespace TempAct.Training.Exploration;

/// <summary>
/// One sampled plan of one instruction and how it is executed: the plan (its spans, or uniform ones under the
/// uniform-spans ablation), the prompt of every chunk, the branch point b (the plan's k-th switch chunk) and whether the
/// executor can read its prompts at all.
/// </summary>
/// <param name="Instruction">Index of the instruction in the epoch.</param>
/// <param name="Index">g: the plan's index among the instruction's G.</param>
/// <param name="Id">Index among the epoch's plans (instruction-major).</param>
/// <param name="Source">The instruction.</param>
/// <param name="Sample">The planner's answer: tokens, sampling log-probs, text, parse result and format score.</param>
/// <param name="Plan">The plan executed.</param>
/// <param name="ChunkPrompts">The executor's prompt for every chunk (with look-ahead when asked).</param>
/// <param name="BranchChunk">b: where the K continuations branch; chunk b is the one trained.</param>
/// <param name="Unexecutable">Why the executor cannot read the plan (an unknown word, a prompt too long); null when it can.</param>
public sealed record PlanRollout(int Instruction, int Index, int Id, Instruction Source, PlanSample Sample, StepPlan Plan,
    IReadOnlyList<string> ChunkPrompts, int BranchChunk, string? Unexecutable)
{
    /// <summary>True when the plan's videos are generated.</summary>
    public bool Executable => Unexecutable is null;

    /// <summary>Chunks of the video.</summary>
    public int TotalChunks => Plan.TotalChunks;

    /// <summary>The step prompt in force at b (S_local's prompt: step k's).</summary>
    public string StepPrompt => Plan.StepAt(BranchChunk).Prompt;

    /// <summary>The plan's format score f.</summary>
    public double FormatScore => Sample.Parsed.FormatScore;

    /// <summary>
    /// b for a plan: its <paramref name="switchIndex"/>-th switch chunk; a plan with fewer switches takes its last; a
    /// plan without any takes where that switch would be under uniform spans of <paramref name="events"/> steps.
    /// </summary>
    public static int BranchPoint(StepPlan plan, int switchIndex, int events)
    {
        var switches = plan.SwitchChunks.ToList();
        if (switches.Count > 0) return switches[Math.Min(switchIndex, switches.Count) - 1];
        var uniform = StepPlan.UniformSpans(Math.Min(Math.Max(events, 2), plan.TotalChunks), plan.TotalChunks);
        return uniform[Math.Min(switchIndex, uniform.Count - 1)].First;
    }
}
