namespace TempAct.World.Language;

/// <summary>A move described by where it ends rather than by its direction; how many cells it takes depends on where
/// the object is, so the parser works it out while it plays the events.</summary>
public enum MoveTarget
{
    /// <summary>"to the top": up until the top row.</summary>
    Top,

    /// <summary>"to the bottom": down until the bottom row.</summary>
    Bottom,

    /// <summary>"to the left side", "all the way left": left until the left column.</summary>
    LeftSide,

    /// <summary>"to the right side", "all the way right": right until the right column.</summary>
    RightSide,

    /// <summary>"to the middle": one cell towards the centre cell, which must lie in a straight line.</summary>
    Middle,

    /// <summary>"moves back": the opposite of the object's previous move.</summary>
    Back,

    /// <summary>"comes back", "returns": reappears when the object is invisible, otherwise moves back.</summary>
    Return,
}
