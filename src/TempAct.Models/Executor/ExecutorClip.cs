using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.Models.Executor;

/// <summary>
/// One pretraining clip: rendered frames (the World's layout, [−1, 1]) whose first chunk is the context the model is
/// conditioned on (the still initial state, or whatever preceded a window cut from a long video), its caption and the
/// events it captions (spans in clip frames, subjects by their names in <see cref="Scene"/>).
/// </summary>
/// <param name="Pixels">Frames × 3 × S × S values.</param>
/// <param name="Caption">The caption of the clip (of chunks before <see cref="SwitchChunk"/> when it switches).</param>
/// <param name="Events">The captioned events in order; for a switch clip [the first caption's, the second's].</param>
/// <param name="Scene">The objects as the caption names them: colour and shape as in the clip's first frame, placed and
/// sized as when the first captioned event starts.</param>
public sealed record ExecutorClip(float[] Pixels, string Caption, IReadOnlyList<TimedEvent> Events, Scene Scene)
{
    /// <summary>Chunk (of the clip, the context being chunk 0) from which <see cref="SwitchCaption"/> holds; 0 when the
    /// caption never switches.</summary>
    public int SwitchChunk { get; init; }

    /// <summary>The caption from <see cref="SwitchChunk"/> on; null when the caption never switches.</summary>
    public string? SwitchCaption { get; init; }

    /// <summary>First frame of the clip in its long video (0 for a still-start clip).</summary>
    public int Offset { get; init; }

    /// <summary>True when the clip is a still-start clip: its context chunk is the initial state held still.</summary>
    public bool StillStart { get; init; }

    /// <summary>The scene at the start of the long video the clip was cut from (what the history changed); the same as
    /// <see cref="Scene"/> for a still-start clip.</summary>
    public Scene? LongVideoScene { get; init; }

    /// <summary>The caption of chunk <paramref name="chunk"/>.</summary>
    public string CaptionAt(int chunk) => SwitchChunk > 0 && chunk >= SwitchChunk ? SwitchCaption! : Caption;
}
