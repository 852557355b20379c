namespace TempAct.World.Scenes;

/// <summary>The three shapes of ShapeWorld (SPEC §2).</summary>
public enum ShapeKind { Square, Circle, Triangle }
