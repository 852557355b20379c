using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TempAct.Models.Runtime;

/// <summary>
/// Binds TorchSharp to a libtorch that is not shipped with the app — on a GPU machine, the CUDA libtorch of the machine's
/// pip PyTorch. Before the first torch call it loads libc10, libtorch_cpu, libc10_cuda, libtorch_cuda and libtorch from
/// that folder, in that order (libtorch's own load order). The folder comes from TEMPACT_TORCH_LIB, or, when
/// TEMPACT_TORCH_LIB=python, from `python3 -c "import torch"`.
/// </summary>
public static class TorchNativeLoader
{
    /// <summary>Environment variable naming the torch library folder (or "python" to ask python3).</summary>
    public const string Variable = "TEMPACT_TORCH_LIB";

    /// <summary>The libraries, in load order; the CUDA two are optional (a CPU-only PyTorch lacks them).</summary>
    public static readonly (string File, bool Required)[] LoadOrder =
        [("libc10.so", true), ("libtorch_cpu.so", true), ("libc10_cuda.so", false), ("libtorch_cuda.so", false), ("libtorch.so", true)];

    /// <summary>The folder named by the environment, or null when none is asked for.</summary>
    public static string? FolderFromEnvironment(Func<string, string?>? getEnv = null, Func<string?>? askPython = null)
    {
        string? value = (getEnv ?? Environment.GetEnvironmentVariable)(Variable);
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (value != "python") return value;
        return (askPython ?? AskPython)() ?? throw new InvalidOperationException(
            $"{Variable}=python: `python3 -c \"import torch\"` failed — no PyTorch found; set {Variable} to the folder holding libtorch.so");
    }

    /// <summary>Checks a folder and returns the libraries to load, in order; a clear error names what is missing.</summary>
    public static IReadOnlyList<string> Plan(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{Variable}: torch library folder '{folder}' does not exist");
        var files = new List<string>();
        foreach (var (file, required) in LoadOrder)
        {
            string path = Path.Combine(folder, file);
            if (File.Exists(path)) files.Add(path);
            else if (required)
                throw new FileNotFoundException($"{Variable}: '{folder}' has no {file} (searched for {string.Join(", ", LoadOrder.Select(l => l.File))})");
        }
        return files;
    }

    /// <summary>Loads the libraries of the environment's folder, if one is named; returns the folder or null.</summary>
    public static string? PreloadFromEnvironment()
    {
        string? folder = FolderFromEnvironment();
        if (folder is null) return null;
        foreach (var path in Plan(folder)) NativeLibrary.Load(path);
        return folder;
    }

    private static string? AskPython()
    {
        try
        {
            var psi = new ProcessStartInfo("python3", "-c \"import torch,os;print(os.path.join(os.path.dirname(torch.__file__),'lib'))\"")
            { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit(60_000);
            return p.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; } // no python3 at all
    }
}
