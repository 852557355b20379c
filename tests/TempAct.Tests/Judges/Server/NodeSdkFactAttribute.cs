using TempAct.Tests.Cli;

namespace TempAct.Tests.Judges.Server;

/// <summary>A fact that needs <c>node</c> on PATH and the pinned OpenAI Node SDK installed by <c>npm ci</c> in
/// tests/sdk/openai-node (which .ci/run does); skipped with the reason when either is missing.</summary>
public sealed class NodeSdkFactAttribute : FactAttribute
{
    /// <summary>tests/sdk/openai-node in the repository.</summary>
    public static string Folder => Path.Combine(CliRunner.RepoRoot(), "tests", "sdk", "openai-node");

    /// <summary>The node executable on PATH, or null.</summary>
    public static string? Node => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "node")).FirstOrDefault(File.Exists);

    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the check cannot run here.</summary>
    public NodeSdkFactAttribute()
    {
        if (Node is null) Skip = "node is not on PATH: the OpenAI Node SDK conformance check needs Node.js 20+";
        else if (!File.Exists(Path.Combine(Folder, "node_modules", "openai", "package.json")))
            Skip = $"the OpenAI Node SDK is not installed: run `npm ci` in {Folder} (.ci/run does)";
    }
}
