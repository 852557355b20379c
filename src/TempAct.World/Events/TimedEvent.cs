namespace TempAct.World.Events;

/// <summary>An event with the frames it occupies; its action starts at <see cref="FrameSpan.Start"/>.</summary>
public sealed record TimedEvent(WorldEvent Event, FrameSpan Span);
