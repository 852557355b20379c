using TempAct.World.Scenes;

namespace TempAct.World.Language;

/// <summary>How a clause names its subject: not at all, "it", "the shape", or "the [size] [colour] shape".</summary>
/// <param name="Kind">Which of the four.</param>
/// <param name="Token">The first word of the subject (default when there is none).</param>
/// <param name="Written">The subject as written ("It", "the shape").</param>
/// <param name="Color">The colour word, when given.</param>
/// <param name="Shape">The shape word, when given.</param>
/// <param name="Size">The size word, when given.</param>
/// <param name="ColorToken">Where the colour word is.</param>
/// <param name="ShapeToken">Where the shape word is.</param>
internal sealed record SubjectWords(SubjectKind Kind, Token Token, string Written, ColorName? Color = null, ShapeKind? Shape = null, SizeClass? Size = null,
    Token ColorToken = default, Token ShapeToken = default);
