using System.Text.Json.Serialization;

namespace TempAct.Models.Executor;

/// <summary>Where the executor's pretraining clips come from (<see cref="ExecutorTrainConfig.Clips"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClipSource>))]
public enum ClipSource
{
    /// <summary>Every clip opens with the still initial state and its events start right after it
    /// (<see cref="ExecutorClips.Draw"/>): the first base's recipe. It never sees an event start after motion.</summary>
    StillStart,
    /// <summary>Windows cut at random chunk-aligned offsets from long multi-event ground-truth videos
    /// (<see cref="WindowClips"/>): the context chunk holds whatever happened before the window; a configured share of
    /// still-start clips stays in the mix. The Self-Forcing-like base; with a switch share, the LongLive-like tuning.</summary>
    LongVideoWindows,
}
