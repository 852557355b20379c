using System.Text.Json.Serialization;

namespace TempAct.Training.Config;

/// <summary>Which optimizer steps add the KL terms to the losses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KlSchedule>))]
public enum KlSchedule
{
    /// <summary>Every step.</summary>
    EveryStep,
    /// <summary>Steps 0, 2, 4, … only (TempAct's released trainer).</summary>
    AlternateSteps,
}
