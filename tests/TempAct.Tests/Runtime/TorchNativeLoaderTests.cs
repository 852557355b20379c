using TempAct.Cli;
using TempAct.Models.Runtime;

namespace TempAct.Tests.Runtime;

[Collection(TorchCollection.Name)]
public sealed class TorchNativeLoaderTests
{
    private static string FakeTorchLib(params string[] files)
    {
        string dir = Directory.CreateTempSubdirectory("tempact-torchlib").FullName;
        foreach (var f in files) File.WriteAllBytes(Path.Combine(dir, f), []);
        return dir;
    }

    [Fact]
    public void CudaLayout_LoadsAllFiveInTheDocumentedOrder()
    {
        string dir = FakeTorchLib("libtorch.so", "libc10_cuda.so", "libc10.so", "libtorch_cuda.so", "libtorch_cpu.so", "libtorch_python.so");
        try
        {
            Assert.Equal(["libc10.so", "libtorch_cpu.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch.so"],
                TorchNativeLoader.Plan(dir).Select(Path.GetFileName));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void CpuOnlyPyTorch_SkipsTheCudaLibraries()
    {
        string dir = FakeTorchLib("libc10.so", "libtorch_cpu.so", "libtorch.so");
        try { Assert.Equal(["libc10.so", "libtorch_cpu.so", "libtorch.so"], TorchNativeLoader.Plan(dir).Select(Path.GetFileName)); }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void BrokenLayouts_FailClearly()
    {
        string dir = FakeTorchLib("libc10.so", "libtorch.so"); // libtorch_cpu.so missing
        try
        {
            var ex = Assert.Throws<FileNotFoundException>(() => TorchNativeLoader.Plan(dir));
            Assert.Contains("libtorch_cpu.so", ex.Message);
            Assert.Contains(dir, ex.Message);
        }
        finally { Directory.Delete(dir, true); }
        Assert.Contains("/no/such/folder", Assert.Throws<DirectoryNotFoundException>(() => TorchNativeLoader.Plan("/no/such/folder")).Message);
    }

    [Fact]
    public void EnvironmentChoosesTheFolder_OrAsksPython()
    {
        Assert.Null(TorchNativeLoader.FolderFromEnvironment(_ => null));
        Assert.Equal("/opt/torch/lib", TorchNativeLoader.FolderFromEnvironment(_ => "/opt/torch/lib"));
        Assert.Equal("/py/torch/lib", TorchNativeLoader.FolderFromEnvironment(_ => "python", () => "/py/torch/lib"));
        var ex = Assert.Throws<InvalidOperationException>(() => TorchNativeLoader.FolderFromEnvironment(_ => "python", () => null));
        Assert.Contains("no PyTorch found", ex.Message);
    }

    [Fact]
    public void DeviceOption_OnThisCpuMachine()
    {
        Assert.Equal(TorchSharp.DeviceType.CPU, DeviceChoice.Resolve("cpu").type);
        Assert.Equal(TorchSharp.DeviceType.CPU, DeviceChoice.Resolve("auto").type);
        var ex = Assert.Throws<ArgumentException>(() => DeviceChoice.Resolve("cuda"));
        Assert.Contains("no CUDA libtorch", ex.Message);
        Assert.Throws<ArgumentException>(() => DeviceChoice.Resolve("tpu"));
    }
}
