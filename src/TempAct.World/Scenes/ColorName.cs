namespace TempAct.World.Scenes;

/// <summary>The seven colours of ShapeWorld.</summary>
public enum ColorName { Red, Green, Blue, Yellow, Purple, Cyan, White }
