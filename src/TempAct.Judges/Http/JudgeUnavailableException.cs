namespace TempAct.Judges.Http;

/// <summary>No judge endpoint could be reached at all (every attempt failed to connect): a configuration problem — a
/// wrong URL, a server that is not running — not a bad answer, so it is raised instead of scoring 0.</summary>
public sealed class JudgeUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
