namespace TempAct.Judges.Server;

/// <summary>A chat request a served model cannot answer (not a judge request, an unparseable instruction, undecodable
/// frames); the server replies 400 invalid_request_error with this message.</summary>
public sealed class ChatModelException(string message, Exception? inner = null) : Exception(message, inner);
