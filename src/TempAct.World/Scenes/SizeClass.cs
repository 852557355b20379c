namespace TempAct.World.Scenes;

/// <summary>Object size: small (radius 3 px) or large (radius 4.5 px), see <see cref="WorldGeometry"/>.</summary>
public enum SizeClass { Small, Large }
