using TempAct.Models.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TempAct.Tests.Runtime;

[Collection(TorchCollection.Name)]
public sealed class TorchRuntimeTests
{
    [Fact]
    public void NativeLibrary_LoadsAndComputes()
    {
        // The first torch call loads libLibTorchSharp.so; on Debian 12 this only works with the weak-version fix in the build.
        Assert.StartsWith("TorchSharp 0.107", TorchRuntime.Describe());
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        var b = a.matmul(a); // [[7, 10], [15, 22]]
        Assert.Equal(new float[] { 7, 10, 15, 22 }, b.data<float>().ToArray());
    }
}
