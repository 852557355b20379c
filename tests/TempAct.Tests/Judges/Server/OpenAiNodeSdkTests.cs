using System.Diagnostics;
using TempAct.Judges.Server;
using TempAct.Models.Planner;
using TempAct.Tests.Cli;

namespace TempAct.Tests.Judges.Server;

/// <summary>The official OpenAI Node SDK (pinned in tests/sdk/openai-node/package-lock.json) against the server started
/// in-process on a loopback port: models.list, models.retrieve (known and unknown), a judge completion, n: 2 from the
/// oracle and from the planner, and invalid requests, each asserted by check.mjs.</summary>
[Collection(TorchCollection.Name)] // the planner is a TorchSharp model
public sealed class OpenAiNodeSdkTests
{
    [NodeSdkFact]
    public async Task TheOfficialNodeSdk_PassesEveryCheck()
    {
        var (lm, tokenizer) = PlannerCheckpoint.Load(Path.Combine(CliRunner.RepoRoot(), "models", "planner-base"));
        IChatModel[] models = [new OracleChatModel(), new PlannerChatModel(new LocalPlanner(lm, tokenizer, new SamplingOptions()))];
        await using var server = await JudgeServer.StartAsync(models, new JudgeServerOptions(Port: 0));

        var start = new ProcessStartInfo(NodeSdkFactAttribute.Node!, ["check.mjs", server.ApiBase.ToString()])
        {
            WorkingDirectory = NodeSdkFactAttribute.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5)); // a hang guard, not a speed check
        try { await node.WaitForExitAsync(guard.Token); }
        catch (OperationCanceledException) { node.Kill(entireProcessTree: true); throw; }
        string output = await stdout + await stderr;

        Assert.True(node.ExitCode == 0, $"check.mjs exited {node.ExitCode}:\n{output}");
        Assert.Contains("ok - models.retrieve of an unknown id is NotFoundError model_not_found", output);
        Assert.Contains("ok - n: 2 from the planner gives two sampled plans", output);
        Assert.DoesNotContain("not ok", output);
    }
}
