namespace TempAct.Models.Planner;

/// <summary>Anything that writes plans for an instruction: the local LM or an external chat endpoint.</summary>
public interface IPlanner
{
    /// <summary>Samples <paramref name="count"/> plans for a video of <paramref name="totalChunks"/> chunks;
    /// <paramref name="steps"/> null lets the planner choose the step count.</summary>
    IReadOnlyList<PlanSample> Sample(string instruction, int? steps, int totalChunks, int count, long seed);
}
