using TorchSharp;

namespace TempAct.Models.Runtime;

/// <summary>Process-wide torch setup: thread count and a one-line description of the loaded libtorch.</summary>
public static class TorchRuntime
{
    /// <summary>Sets the intra-op thread count (TorchSharp's thread pool is process-global); 0 keeps libtorch's default.</summary>
    public static void Configure(int threads)
    {
        if (threads > 0) torch.set_num_threads(threads);
    }

    /// <summary>Token rows per forward up to which generation runs on one CPU intra-op thread, its rows split over two cores
    /// (<see cref="Executor.ExecutorTransformer.RowWorkers"/>): measured faster than libtorch's two threads at every
    /// batch from 1 to 32 (48 to 1,536 rows), by less as the batch grows (`bench executor`, "Threads at small batches";
    /// docs/RESULTS.md); larger batches keep libtorch's threads.</summary>
    public const long SingleThreadRows = 1536;

    /// <summary>Intra-op threads for forwards of <paramref name="rows"/> token rows on <paramref name="device"/>: one on the
    /// CPU up to <see cref="SingleThreadRows"/> rows, else null (keep the process setting; CUDA does not use them).</summary>
    public static int? ThreadsForRows(torch.Device device, long rows) =>
        device.type == DeviceType.CPU && rows <= SingleThreadRows ? 1 : null;

    /// <summary>Sets the intra-op thread count until disposed, then restores it (null: change nothing).</summary>
    public static IDisposable UseThreads(int? threads)
    {
        if (threads is not int n || n == torch.get_num_threads()) return new Undo(() => { });
        int previous = torch.get_num_threads();
        torch.set_num_threads(n);
        return new Undo(() => torch.set_num_threads(previous));
    }

    /// <summary>Runs an action when disposed: the way back from a temporary setting.</summary>
    public sealed class Undo(Action undo) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => undo();
    }

    /// <summary>"libtorch loaded: TorchSharp 0.107.0, 2 threads, CUDA: no" — also proves the native library loads.</summary>
    public static string Describe()
    {
        using var probe = torch.ones(2, 2).matmul(torch.ones(2, 2)); // the first torch call loads the natives
        var version = typeof(torch).Assembly.GetName().Version;
        return $"TorchSharp {version}, {torch.get_num_threads()} threads, CUDA: {(torch.cuda.is_available() ? "yes" : "no")}";
    }
}
