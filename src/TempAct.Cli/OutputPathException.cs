namespace TempAct.Cli;

/// <summary>An output path given on the command line that cannot be written: a folder, a path under a file, a folder
/// without write permission. Raised before any work is done; names the option and the path (exit 2).</summary>
public sealed class OutputPathException(string message, Exception? inner = null) : Exception(message, inner);
