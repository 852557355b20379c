namespace TempAct.Judges.Server;

/// <summary>A chat request a served model cannot answer (not a judge request, an unparseable instruction, undecodable
/// frames); the server replies 400 invalid_request_error with this message and <paramref name="code"/>.</summary>
public sealed class ChatModelException(string message, Exception? inner = null, string? code = null) : Exception(message, inner)
{
    /// <summary>A machine-readable error code (e.g. "image_too_large"), or null.</summary>
    public string? Code { get; } = code;
}
