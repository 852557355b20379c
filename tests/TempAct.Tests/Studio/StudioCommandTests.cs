using TempAct.Tests.Cli;

namespace TempAct.Tests.Studio;

/// <summary>`studio` and `bench studio` refuse a bad command line before loading anything (exit 2, the option named).</summary>
[Collection(TorchCollection.Name)]
public sealed class StudioCommandTests
{
    [Theory]
    [InlineData("--port", "70000", "--port must be 0..65535")]
    [InlineData("--max-streams", "0", "--max-streams must be at least 1")]
    public void Studio_RefusesABadOption(string option, string value, string message)
    {
        var (code, _, stderr) = CliRunner.Run("studio", option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void Studio_RefusesAHostThatIsNotAnAddress()
    {
        var (code, _, stderr) = CliRunner.Run("studio", "--host", "example.org", "--port", "0");
        Assert.Equal(2, code);
        Assert.Contains("--host must be an IP address or 'localhost'", stderr);
    }

    [Fact]
    public void BenchStudio_RefusesBadStreams()
    {
        var (code, _, stderr) = CliRunner.Run("bench", "studio", "--streams", "1,99");
        Assert.Equal(2, code);
        Assert.Contains("--streams must list numbers 1..16", stderr);
    }
}
