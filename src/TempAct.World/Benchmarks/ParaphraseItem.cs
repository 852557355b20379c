using TempAct.World.Events;

namespace TempAct.World.Benchmarks;

/// <summary>One line of a paraphrase set: an instruction as a person wrote it and the events it means (written by the
/// person, not by the parser).</summary>
/// <param name="Line">1-based line number in its file.</param>
/// <param name="Text">The instruction.</param>
/// <param name="Events">The events it means, in order.</param>
/// <param name="Frames">The video's length in frames (12 per event when the line does not say).</param>
public sealed record ParaphraseItem(int Line, string Text, IReadOnlyList<WorldEvent> Events, int Frames);
