using TempAct.Tests.Cli;

namespace TempAct.Tests.Cli;

/// <summary>`generate` and `train executor` on bad input: exit codes and messages that name the problem (no model runs).</summary>
[Collection(TorchCollection.Name)]
public sealed class GenerateCommandTests
{
    [Fact]
    public void MalformedPlan_MissingPlan_BadConfig_AreNamed()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tempact-gen-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string model = Path.Combine(CliRunner.RepoRoot(), "models", "executor-base");
            string plan = Path.Combine(dir, "plan.json");
            File.WriteAllText(plan, "not json");
            var bad = CliRunner.Run("generate", "--model", model, "--plan", plan, "--frames", "12", "--out", Path.Combine(dir, "x.gif"));
            Assert.Equal(4, bad.Code);
            Assert.Contains("plan.json: not a usable plan for 4 chunks", bad.Stderr);

            var missing = CliRunner.Run("generate", "--model", model, "--plan", Path.Combine(dir, "none.json"), "--out", Path.Combine(dir, "x.gif"));
            Assert.Equal(4, missing.Code);
            Assert.Contains("none.json: plan file not found", missing.Stderr);

            string config = Path.Combine(dir, "cfg.json");
            File.WriteAllText(config, "{\"Model\": {\"Dim\": 100, \"Heads\": 3}}");
            var shape = CliRunner.Run("train", "executor", "--config", config, "--out", Path.Combine(dir, "run"));
            Assert.Equal(4, shape.Code);
            Assert.Contains("cfg.json: Model.Dim 100", shape.Stderr);
            Assert.False(Directory.Exists(Path.Combine(dir, "run")), "nothing is written for a bad config");
        }
        finally { Directory.Delete(dir, true); }
    }
}
