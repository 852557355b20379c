namespace TempAct.World.Scenes;

/// <summary>An object as it is at frame 0. Its <see cref="Name"/> ("red circle") is its identity for the whole video,
/// even after it turns another colour.</summary>
public sealed record SceneObject(ColorName Color, ShapeKind Shape, SizeClass Size, Placement Placement, bool Visible = true)
{
    /// <summary>Colour + shape, lower case: "red circle". Unique within a scene.</summary>
    public string Name => $"{Color.Word()} {Shape.Word()}";
}
