namespace TempAct.World.Events;

/// <summary>What a step does to its subject. <see cref="Turn"/> carries its target colour on the event.</summary>
public enum ActionKind { MoveLeft, MoveRight, MoveUp, MoveDown, Jump, Grow, Shrink, Turn, Vanish, Appear, Stay }
