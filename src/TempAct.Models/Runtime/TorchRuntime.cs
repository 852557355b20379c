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

    /// <summary>"libtorch loaded: TorchSharp 0.107.0, 2 threads, CUDA: no" — also proves the native library loads.</summary>
    public static string Describe()
    {
        using var probe = torch.ones(2, 2).matmul(torch.ones(2, 2)); // the first torch call loads the natives
        var version = typeof(torch).Assembly.GetName().Version;
        return $"TorchSharp {version}, {torch.get_num_threads()} threads, CUDA: {(torch.cuda.is_available() ? "yes" : "no")}";
    }
}
