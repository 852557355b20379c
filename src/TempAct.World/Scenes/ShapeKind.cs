namespace TempAct.World.Scenes;

/// <summary>The three shapes of ShapeWorld.</summary>
public enum ShapeKind { Square, Circle, Triangle }
