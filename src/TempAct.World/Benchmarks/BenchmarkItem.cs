using TempAct.World.Events;
using TempAct.World.Language;

namespace TempAct.World.Benchmarks;

/// <summary>One evaluation item: an instruction, the video length, and the ground-truth timing of its events.</summary>
public sealed record BenchmarkItem(Instruction Instruction, int Frames, IReadOnlyList<TimedEvent> Timed);
