namespace TempAct.Models.Training;

/// <summary>A config field outside its range (not finite, too small, inconsistent with another field or with the data);
/// the message starts with the field's path, e.g. "Model.MaxTokens". It is an <see cref="ArgumentException"/>, so code
/// that validates a model shape keeps catching it as before; the train commands add the config file's name (exit 4).</summary>
public sealed class ConfigException(string message, Exception? inner = null) : ArgumentException(message, inner)
{
    /// <summary>The same problem one level up: "Model." + "MaxTokens …".</summary>
    public ConfigException Within(string parent) => new($"{parent}.{Message}", this);
}
