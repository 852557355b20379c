using TempAct.World.Scenes;

namespace TempAct.World.Simulation;

/// <summary>
/// One object in one frame: position (bounding-box centre), radius, colour, opacity. During a turn the part of the shape
/// above <see cref="WipeFraction"/> of its height already shows <see cref="WipeColor"/> (a top-down wipe).
/// </summary>
public readonly record struct ObjectState(
    ShapeKind Shape, float X, float Y, float Radius, ColorName Color, float Alpha, ColorName? WipeColor = null, float WipeFraction = 0f)
{
    /// <summary>True when the object is drawn at all.</summary>
    public bool Visible => Alpha > 0f;

    /// <summary>The size class the radius is closest to.</summary>
    public SizeClass Size => Radius < (WorldGeometry.SmallRadius + WorldGeometry.LargeRadius) / 2 ? SizeClass.Small : SizeClass.Large;
}
