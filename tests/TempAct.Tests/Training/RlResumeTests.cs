using System.Text.Json.Nodes;
using TempAct.Cli;
using TempAct.Models.Checkpoints;
using TempAct.Tests.Cli;
using TempAct.Training;
using TempAct.Training.Checkpoints;
using TempAct.Training.Config;
using TempAct.Training.Metrics;
using static TorchSharp.torch;

namespace TempAct.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class RlResumeTests
{
    private sealed class SimulatedKill : Exception;

    /// <summary>The smallest real run: 1 instruction × 2 plans × 2 continuations of a 2-event, 2-chunk video, 2 epochs.</summary>
    private static RlConfig Config()
    {
        var c = ConfigFiles.Read<RlConfig>(Path.Combine(CliRunner.RepoRoot(), "configs/tempact-tiny.json"));
        return c with
        {
            Exploration = c.Exploration with { Instructions = 1 },
            Instructions = c.Instructions with { ChunksPerEvent = 1 },
            Schedule = c.Schedule with { Epochs = 2, EvalEvery = 100, EvalInstructions = 1, CheckpointEvery = 1 },
        };
    }

    private static string Resolve(string folder) => Path.Combine(CliRunner.RepoRoot(), folder);

    private static void Train(string dir, bool resume, Action<string>? afterFile = null)
    {
        using var models = RlModels.Load(Config(), Resolve, CPU);
        new RlTrainer(Config(), models, dir, CPU, []) { AfterCheckpointFile = afterFile }.Run(resume);
    }

    [Fact]
    public void ResumeAfterAKillBetweenCheckpointFiles_ReproducesTheUninterruptedRun()
    {
        string root = Path.Combine(Path.GetTempPath(), $"rl-resume-{Guid.NewGuid():N}");
        string whole = Path.Combine(root, "whole"), killed = Path.Combine(root, "killed");
        try
        {
            Train(whole, resume: false);
            // Killed while writing epoch 2's checkpoint, after its second file: epoch 1's is the newest complete one.
            int files = 0;
            Assert.Throws<SimulatedKill>(() => Train(killed, false, _ => { if (++files == 6) throw new SimulatedKill(); }));
            Assert.True(Directory.Exists(Path.Combine(killed, RlCheckpoint.Folder, "epoch-000002.tmp")));
            // Epoch 2 was logged and evaluated before the kill; resuming from epoch 1 must drop both and redo them.
            Assert.Equal(2, File.ReadLines(Path.Combine(killed, "metrics.jsonl")).Count());
            Assert.Single(File.ReadLines(Path.Combine(killed, "eval.jsonl")));
            Train(killed, resume: true);

            var expected = Rows(Path.Combine(whole, "metrics.jsonl"));
            var actual = Rows(Path.Combine(killed, "metrics.jsonl"));
            Assert.Equal(2, expected.Count);
            Assert.Equal(expected.Count, actual.Count);
            for (int e = 0; e < expected.Count; e++)
                foreach (var (name, value) in expected[e].Where(kv => !EpochMetrics.IsTiming(kv.Key)))
                    Assert.True(JsonNode.DeepEquals(value, actual[e][name]), $"epoch {e}: {name} {value} vs {actual[e][name]}");
            Assert.Equal(File.ReadAllText(Path.Combine(whole, "eval.jsonl")), File.ReadAllText(Path.Combine(killed, "eval.jsonl")));
            // The final adapters, EMA and optimizer are the same bytes.
            var a = RlCheckpoint.Latest(whole)!.Value.State;
            var b = RlCheckpoint.Latest(killed)!.Value.State;
            Assert.Equal(2, b.Epochs);
            Assert.Equal(a.Files, b.Files);
            Assert.False(Directory.Exists(Path.Combine(killed, RlCheckpoint.Folder, "epoch-000002.tmp")));

            // A mixed checkpoint (a file from another save) is refused by name.
            string newest = RlCheckpoint.Latest(killed)!.Value.Dir, older = Path.Combine(killed, RlCheckpoint.Folder, "epoch-000001");
            File.Copy(Path.Combine(older, "optimizer.bin"), Path.Combine(newest, "optimizer.bin"), overwrite: true);
            var mixed = Assert.Throws<CheckpointException>(() => RlCheckpoint.Latest(killed));
            Assert.Contains("optimizer.bin", mixed.Message);
            Assert.Contains("mixed checkpoint", mixed.Message);
        }
        finally { if (Directory.Exists(root)) Directory.Delete(root, true); }
    }

    private static List<JsonObject> Rows(string path) => File.ReadLines(path).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
}
