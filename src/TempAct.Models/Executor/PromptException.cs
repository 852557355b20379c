namespace TempAct.Models.Executor;

/// <summary>A prompt the executor cannot read: a word outside its vocabulary, an empty prompt or too many tokens.</summary>
public sealed class PromptException(string message) : Exception(message);
