namespace TempAct.Tests;

/// <summary>TorchSharp's RNG and thread pool are process-global: torch tests share one collection so they never run in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "torch";
}
