namespace TempAct.Judges.Server;

/// <summary>A chat-completions request as a served model sees it: the messages and the sampling settings asked for.</summary>
/// <param name="Turns">The messages in order.</param>
/// <param name="Temperature">Requested temperature, if any.</param>
/// <param name="MaxTokens">Requested answer length limit (max_tokens or max_completion_tokens), if any.</param>
/// <param name="Seed">Requested seed, if any.</param>
/// <param name="Choices">How many answers to return (OpenAI's <c>n</c>, validated by the server: 1 up to
/// <see cref="JudgeServerOptions.MaxChoices"/>).</param>
public sealed record ChatPrompt(IReadOnlyList<ChatTurn> Turns, double? Temperature = null, int? MaxTokens = null, long? Seed = null, int Choices = 1);
