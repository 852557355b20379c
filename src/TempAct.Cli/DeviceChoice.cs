using static TorchSharp.torch;

namespace TempAct.Cli;

/// <summary>The --device option: cpu, cuda or auto (CUDA when a CUDA libtorch is loaded, else CPU).</summary>
public static class DeviceChoice
{
    /// <summary>Resolves the option to a torch device; cuda without CUDA is a clear error.</summary>
    public static Device Resolve(string option) => option.ToLowerInvariant() switch
    {
        "cpu" => CPU,
        "cuda" => cuda.is_available() ? CUDA
            : throw new ArgumentException("--device cuda: no CUDA libtorch is loaded (this build carries the CPU libtorch; on a GPU machine use scripts/gpu-run)"),
        "auto" => cuda.is_available() ? CUDA : CPU,
        _ => throw new ArgumentException($"--device must be cpu, cuda or auto, got '{option}'"),
    };
}
