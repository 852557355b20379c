namespace TempAct.World.Events;

/// <summary>How fast an event happens: "slowly" doubles its duration and its share of the video.</summary>
public enum Pace { Normal, Slow }
