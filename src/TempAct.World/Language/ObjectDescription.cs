using TempAct.World.Scenes;

namespace TempAct.World.Language;

/// <summary>An object as the scene part describes it: what was stated, and what was left open (the size when no size
/// word was given; the cell within a side when the placement only names a side).</summary>
/// <param name="Color">Its colour (with the shape, its name).</param>
/// <param name="Shape">Its shape.</param>
/// <param name="Size">The stated size, or null when none was given.</param>
/// <param name="Cells">The cells its placement allows, the preferred one first.</param>
/// <param name="Visible">False when it starts hidden.</param>
/// <param name="NameToken">The colour word that names it (where scene errors point).</param>
/// <param name="Statement">The clause that describes it, as written.</param>
internal sealed record ObjectDescription(
    ColorName Color, ShapeKind Shape, SizeClass? Size, IReadOnlyList<Placement> Cells, bool Visible, Token NameToken, string Statement)
{
    /// <summary>Colour + shape: "red circle".</summary>
    public string Name => $"{Color.Word()} {Shape.Word()}";
}
