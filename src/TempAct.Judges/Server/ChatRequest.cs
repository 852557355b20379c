namespace TempAct.Judges.Server;

/// <summary>A chat-completions request as read from its body.</summary>
/// <param name="Model">The requested model name.</param>
/// <param name="Stream">Whether streaming was asked for (the server refuses it).</param>
/// <param name="Prompt">The messages and sampling settings, with the number of choices asked for.</param>
public sealed record ChatRequest(string Model, bool Stream, ChatPrompt Prompt);
