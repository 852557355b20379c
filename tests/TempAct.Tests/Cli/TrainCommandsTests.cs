using TempAct.Cli;
using TempAct.Models.Checkpoints;

namespace TempAct.Tests.Cli;

/// <summary>The train commands' output-folder rule (a folder holding a run needs --resume or --overwrite) and their config
/// errors (exit 4, the file and the field named), run in-process.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainCommandsTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("tempact-train-cli").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    /// <summary>Tiny configs, so a command that wrongly went ahead would finish in seconds (and fail the test).</summary>
    private string Config(string command, string json = "")
    {
        string tiny = command switch
        {
            "planner" => "\"Steps\": 2, \"BatchSize\": 2, \"WarmupSteps\": 1, \"EvalEvery\": 100, \"EvalInstructions\": 1, \"CheckpointEvery\": 1, \"Model\": {\"Dim\": 16, \"Layers\": 1, \"Heads\": 2}",
            "executor" => "\"Steps\": 1, \"BatchSize\": 1, \"ClipFrames\": 6, \"DatasetClips\": 2, \"EvalPrompts\": 1, \"EvalFrames\": 3, \"Model\": {\"Dim\": 16, \"Layers\": 1, \"Heads\": 2, \"TextLayers\": 1, \"MaxTextTokens\": 80}",
            _ => "\"steps\": 2, \"batchSize\": 2, \"trainFrames\": 4, \"heldOutFrames\": 2, \"model\": {\"widths\": [2, 2, 2, 2]}",
        };
        string path = Path.Combine(dir, $"{command}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json == "" ? "{" + tiny + "}" : json);
        return path;
    }

    [Theory]
    [InlineData("planner", WeightStore.WeightsFile)]
    [InlineData("planner", "metrics.csv")] // started, never checkpointed
    [InlineData("executor", WeightStore.WeightsFile)]
    [InlineData("executor", CheckpointManifest.FileName)]
    [InlineData("aesthetic", WeightStore.WeightsFile)]
    [InlineData("aesthetic", "eval.json")]
    public void AnOutFolderHoldingARun_IsRefusedWithExit2_AndLeftAlone(string command, string file)
    {
        string output = Path.Combine(dir, "out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, file), "a finished run");
        var (code, _, stderr) = CliRunner.Run("train", command, "--config", Config(command), "--out", output);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains($"output folder in use: {output}: already holds a training run ({file}", stderr);
        Assert.Contains("--overwrite", stderr);
        Assert.Equal("a finished run", File.ReadAllText(Path.Combine(output, file)));
        Assert.Single(Directory.GetFileSystemEntries(output));
    }

    [Theory]
    [InlineData("planner")]
    [InlineData("executor")]
    [InlineData("aesthetic")]
    public void ResumeAndOverwriteTogether_IsAUsageError(string command)
    {
        var (code, _, stderr) = CliRunner.Run("train", command, "--config", Config(command), "--out", Path.Combine(dir, "out"), "--resume", "--overwrite");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("give one of them", stderr);
    }

    [Fact]
    public void Overwrite_ReplacesAFinishedRun()
    {
        string output = Path.Combine(dir, "out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, WeightStore.WeightsFile), "a finished run");
        File.WriteAllText(Path.Combine(output, "notes.txt"), "not the trainer's");
        var (code, _, stderr) = CliRunner.Run("train", "planner", "--config", Config("planner"), "--out", output, "--overwrite");
        Assert.True(code == 0, stderr);
        Assert.Equal(2, CheckpointManifest.Read(output).Step);
        CheckpointManifest.Read(output).Verify(output);
        Assert.Equal("not the trainer's", File.ReadAllText(Path.Combine(output, "notes.txt")));
    }

    [Theory]
    [InlineData("planner", "{\"Model\": {\"MaxTokens\": 16}}", "Model.MaxTokens 16 is too small")]
    [InlineData("planner", "{\"LearningRate\": 1e999}", "LearningRate must be a finite number > 0 (got ∞)")]
    [InlineData("planner", "{\"GradClip\": -1}", "GradClip must be a finite number > 0")]
    [InlineData("planner", "{\"Model\": {\"Dim\": 30, \"Heads\": 4}}", "Model.Dim 30 must be a multiple of Heads 4")]
    [InlineData("executor", "{\"EmaDecay\": 1.5}", "EmaDecay must lie in [0, 1)")]
    [InlineData("executor", "{\"Model\": {\"Shift\": 1e999}}", "Model.Shift must be a finite number > 0 (got ∞)")]
    [InlineData("executor", "{\"Model\": {\"MaxTextTokens\": 4}, \"DatasetClips\": 2, \"EvalPrompts\": 1}", "Model.MaxTextTokens 4 is too small")]
    [InlineData("aesthetic", "{\"learningRate\": 1e999}", "LearningRate must be a finite number > 0 (got ∞)")]
    public void ABadConfigField_IsExit4_NamingTheFileAndTheField(string command, string json, string message)
    {
        string config = Config(command, json), output = Path.Combine(dir, "out");
        var (code, _, stderr) = CliRunner.Run("train", command, "--config", config, "--out", output);
        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains($"data error: {config}: {message}", stderr);
        Assert.DoesNotContain("   at ", stderr); // no stack trace
        Assert.False(Directory.Exists(output));
    }
}
