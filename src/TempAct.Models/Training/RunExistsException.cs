namespace TempAct.Models.Training;

/// <summary>A fresh training run was pointed at a folder that already holds a run (finished or started); names the folder
/// and what was found. The CLI maps it to exit 2: the fix is a flag (<c>--resume</c>, <c>--overwrite</c>) or another
/// <c>--out</c>.</summary>
public sealed class RunExistsException(string message) : Exception(message);
