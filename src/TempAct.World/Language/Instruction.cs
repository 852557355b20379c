using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.World.Language;

/// <summary>An instruction: its text and what it means — the scene at frame 0 and the events in order (counts expanded).</summary>
public sealed record Instruction(string Text, Scene Scene, IReadOnlyList<WorldEvent> Events)
{
    /// <inheritdoc />
    public bool Equals(Instruction? other) =>
        other is not null && Text == other.Text && Scene.Equals(other.Scene) && Events.SequenceEqual(other.Events);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Text, Scene, Events.Count);
}
