using System.Text.Json.Serialization;

namespace TempAct.Training.Config;

/// <summary>How many steps the planner is asked for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlanStepCount>))]
public enum PlanStepCount
{
    /// <summary>"steps : auto": the planner chooses.</summary>
    Auto,
    /// <summary>"steps : M" with M the instruction's event count (TempAct asks for a fixed step count).</summary>
    EventCount,
}
