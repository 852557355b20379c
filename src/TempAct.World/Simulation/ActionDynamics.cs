using TempAct.World.Events;

namespace TempAct.World.Simulation;

/// <summary>
/// How long each action takes and how it unfolds (documented in docs/instruction-language.md, "Physics"). An action starts
/// on the first frame of its span, runs for <see cref="ActiveFrames"/> frames at a fixed speed, then the object holds
/// still until the span ends; a slow action takes twice as long. Fixed speeds keep every frame's change well above the
/// tracker's noise floor, whatever the span length.
/// </summary>
public static class ActionDynamics
{
    /// <summary>Frames an action takes at normal pace (stay takes none).</summary>
    public static int NormalDuration(ActionKind action) => action switch
    {
        ActionKind.MoveLeft or ActionKind.MoveRight or ActionKind.MoveUp or ActionKind.MoveDown => 5, // 2 px a frame
        ActionKind.Jump => 5,     // 3 frames up, 2 down
        ActionKind.Grow or ActionKind.Shrink => 4,
        ActionKind.Turn => 3,     // a top-down colour wipe
        ActionKind.Vanish or ActionKind.Appear => 4, // fades
        ActionKind.Stay => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>Frames the action is active inside a span of <paramref name="spanLength"/> frames: its duration, squeezed
    /// to leave at least one hold frame at the end of the span.</summary>
    public static int ActiveFrames(WorldEvent e, int spanLength)
    {
        int d = NormalDuration(e.Action) * (e.Pace == Pace.Slow ? 2 : 1);
        return d == 0 ? 0 : Math.Max(e.Action == ActionKind.Jump ? 2 : 1, Math.Min(d, spanLength - 1));
    }
}
