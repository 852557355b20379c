namespace TempAct.Cli.Commands.Judges;

/// <summary>What `serve --judges` serves as judges.</summary>
public enum JudgeBackend
{
    /// <summary>The tracker-based oracle judges (exact on ShapeWorld).</summary>
    Oracle,
}
