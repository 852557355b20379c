namespace TempAct.Models.Checkpoints;

/// <summary>A checkpoint folder or file that is missing, corrupt, or does not fit the model; names the path and the problem.</summary>
public sealed class CheckpointException(string message, Exception? inner = null) : Exception(message, inner);
