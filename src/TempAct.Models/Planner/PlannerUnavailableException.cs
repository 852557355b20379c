namespace TempAct.Models.Planner;

/// <summary>An external planner endpoint that cannot be reached, times out after its retries, or answers with an error;
/// names the URL and the cause.</summary>
public sealed class PlannerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
