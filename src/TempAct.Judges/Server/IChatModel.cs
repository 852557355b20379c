namespace TempAct.Judges.Server;

/// <summary>
/// A model the judge server can serve over the OpenAI chat-completions protocol: messages in, answer texts out. The oracle
/// judges implement it (<see cref="OracleChatModel"/>); the planner implements it to be served as a chat model, so an
/// OpenAI client — TempAct's own endpoint planner included — can call it.
/// </summary>
public interface IChatModel
{
    /// <summary>The model name clients put in "model" and /v1/models lists.</summary>
    string Id { get; }

    /// <summary>Answers a chat with exactly <see cref="ChatPrompt.Choices"/> answers (the request's <c>n</c>): independent
    /// samples where the model samples, the same answer repeated where it is deterministic. Throws
    /// <see cref="ChatModelException"/> when the request is not one this model can answer (the server replies 400).</summary>
    Task<IReadOnlyList<string>> CompleteAsync(ChatPrompt prompt, CancellationToken cancellation);
}
