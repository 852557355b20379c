namespace TempAct.World.Scenes;

/// <summary>The seven colours of ShapeWorld (SPEC §2).</summary>
public enum ColorName { Red, Green, Blue, Yellow, Purple, Cyan, White }
