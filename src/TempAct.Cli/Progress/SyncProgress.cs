namespace TempAct.Cli.Progress;

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread (System.Progress posts to a thread pool).</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => report(value);
}
