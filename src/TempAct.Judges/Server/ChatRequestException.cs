namespace TempAct.Judges.Server;

/// <summary>A chat-completions request the server refuses before any model sees it: not JSON, a missing or mistyped
/// field, an invalid <c>n</c>, too many or too large images. The server answers <see cref="Status"/> with OpenAI's error
/// shape, naming the <see cref="Param"/> and <see cref="Code"/> when there is one.</summary>
/// <param name="message">What is wrong, in one line.</param>
/// <param name="param">The request field at fault (e.g. "n"), or null.</param>
/// <param name="code">A machine-readable code (e.g. "integer_above_max_value"), or null.</param>
/// <param name="status">The HTTP status: 400 unless said otherwise.</param>
public sealed class ChatRequestException(string message, string? param = null, string? code = null, int status = 400) : Exception(message)
{
    /// <summary>The request field at fault, or null.</summary>
    public string? Param { get; } = param;

    /// <summary>A machine-readable error code, or null.</summary>
    public string? Code { get; } = code;

    /// <summary>The HTTP status to answer with.</summary>
    public int Status { get; } = status;
}
