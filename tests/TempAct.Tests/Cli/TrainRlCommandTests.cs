using System.Text.Json.Nodes;

namespace TempAct.Tests.Cli;

/// <summary>`train rl` end to end on the CPU with configs/tempact-tiny.json (2 epochs of 2 × 2 × 2), then the weights it
/// exports used by `generate --model` and `plan --planner`, and the refusals: a second fresh run into the same folder,
/// a bad config.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainRlCommandTests
{
    [Fact]
    public void TinyRun_WritesMetricsTensorBoardCheckpointsAndUsableWeights()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tempact-rl-" + Guid.NewGuid().ToString("N")), run = Path.Combine(dir, "run");
        try
        {
            var train = CliRunner.Run("train", "rl", "--config", "configs/tempact-tiny.json", "--out", run);
            Assert.True(train.Code == 0, train.Stderr);
            Assert.Contains("epoch 2/2", train.Stderr);
            Assert.Contains("held-out (2)", train.Stderr);

            // 1. Metrics: two epochs in the CSV and the JSONL, one evaluation, the summary by switch index.
            var csv = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
            Assert.Equal(3, csv.Length);
            Assert.StartsWith("epoch,step,switch_index,branch_chunk,r_plan", csv[0]);
            var rows = File.ReadLines(Path.Combine(run, "metrics.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
            Assert.Equal(2, rows.Count);
            Assert.All(rows, r => Assert.InRange((double)r["r_exec"]!, 0, 1));
            Assert.Single(File.ReadLines(Path.Combine(run, "eval.jsonl")));
            Assert.Contains("\"k1\"", File.ReadAllText(Path.Combine(run, "summary.json")));

            // 2. TensorBoard: the event file parses (framing, CRC-32C, Event protobuf) and holds the JSONL's values.
            var events = Directory.GetFiles(Path.Combine(run, "tb"), "events.out.tfevents.*");
            var scalars = events.SelectMany(TensorBoardFile.Scalars).ToList();
            for (int e = 0; e < 2; e++)
                Assert.Contains(scalars, s => s.Tag == "train/r_exec" && s.Step == e && s.Value == (float)(double)rows[e]["r_exec"]!);
            Assert.Contains(scalars, s => s.Tag == "eval/s_video" && s.Step == 2);

            // 3. Checkpoints (one a epoch) and the models/tempact-style folder, which generate and plan load.
            Assert.True(File.Exists(Path.Combine(run, "checkpoints", "epoch-000002", "state.json")));
            string model = Path.Combine(run, "model");
            var generate = CliRunner.Run("generate", "--model", model, "--prompt", "red circle moves right", "--frames", "6", "--seed", "1",
                "--out", Path.Combine(dir, "x.gif"), "--json");
            Assert.True(generate.Code == 0, generate.Stderr);
            Assert.Contains("\"frames\":6", generate.Stdout);
            var plan = CliRunner.Run("plan", "A red circle rests on the left. It slides to the right, then it turns blue.", "--planner", model, "--json");
            Assert.True(plan.Code == 0, plan.Stderr);
            Assert.Contains("\"plans\"", plan.Stdout);

            // 4. A fresh run into a folder that holds one is refused; a bad config names the file and the field.
            var again = CliRunner.Run("train", "rl", "--config", "configs/tempact-tiny.json", "--out", run);
            Assert.Equal(2, again.Code);
            Assert.Contains("--resume", again.Stderr);
            string bad = Path.Combine(dir, "bad.json");
            File.WriteAllText(bad, "{ \"Exploration\": { \"Plans\": 1 } }");
            var config = CliRunner.Run("train", "rl", "--config", bad, "--out", Path.Combine(dir, "other"));
            Assert.Equal(4, config.Code);
            Assert.Contains("bad.json: Exploration.Plans", config.Stderr);

            // 5. --ablation and --set: the arms reach the run and its manifest; an unknown arm or field is refused.
            Assert.Empty(JsonNode.Parse(File.ReadAllText(Path.Combine(model, "tempact.json")))!["Ablations"]!.AsArray());
            string arm = Path.Combine(dir, "arm");
            var ablated = CliRunner.Run("train", "rl", "--config", "configs/tempact-tiny.json", "--out", arm, "--ablation", "no-kl,flat",
                "--set", "Schedule.Epochs=1", "--set", "Schedule.EvalEvery=5", "--set", "Executor.AdapterChunks=Switch");
            Assert.True(ablated.Code == 0, ablated.Stderr);
            Assert.Contains("1 continuations an epoch", ablated.Stderr);
            Assert.Contains("epoch 1/1", ablated.Stderr);
            var armManifest = JsonNode.Parse(File.ReadAllText(Path.Combine(arm, "model", "tempact.json")))!;
            Assert.Equal(["flat", "no-kl"], armManifest["Ablations"]!.AsArray().Select(a => (string)a!));
            // The adapters' gate travels in the manifest and comes back with the executor (All when not set).
            Assert.Equal("Switch", (string)armManifest["ExecutorAdapterChunks"]!);
            Assert.Equal("All", (string)JsonNode.Parse(File.ReadAllText(Path.Combine(model, "tempact.json")))!["ExecutorAdapterChunks"]!);
            armManifest["ExecutorBase"] = Path.Combine(CliRunner.RepoRoot(), (string)armManifest["ExecutorBase"]!); // the test's working directory is elsewhere
            File.WriteAllText(Path.Combine(arm, "model", "tempact.json"), armManifest.ToJsonString());
            using (var gatedExecutor = TempAct.Training.Checkpoints.TempActWeights.LoadExecutor(Path.Combine(arm, "model")))
                Assert.True(gatedExecutor.AdaptersGated);
            var gatedPlan = Path.Combine(dir, "plan.json");
            File.WriteAllText(gatedPlan, "[{\"step_index\":0,\"prompt\":\"red circle moves right\",\"chunks\":[0,1]},{\"step_index\":1,\"prompt\":\"red circle turns blue\",\"chunks\":[1,2]}]");
            var gatedGenerate = CliRunner.Run("generate", "--model", Path.Combine(arm, "model"), "--plan", gatedPlan, "--switch", "recache", "--seed", "1",
                "--out", Path.Combine(dir, "gated.gif"), "--json");
            Assert.True(gatedGenerate.Code == 0, gatedGenerate.Stderr);
            Assert.Contains("\"frames\":6", gatedGenerate.Stdout);
            // A manifest whose gate is not All or Switch (a number, a misspelling) is refused, naming the file and field.
            foreach (var badGate in new[] { "7", "\"Swtich\"" })
            {
                string badDir = Path.Combine(dir, "bad-gate");
                TempAct.Tests.Training.TrainingRuns.Copy(Path.Combine(arm, "model"), badDir);
                var text = File.ReadAllText(Path.Combine(badDir, "tempact.json")).Replace("\"ExecutorAdapterChunks\":\"Switch\"", $"\"ExecutorAdapterChunks\":{badGate}");
                File.WriteAllText(Path.Combine(badDir, "tempact.json"), text);
                var refused = CliRunner.Run("generate", "--model", badDir, "--prompt", "red circle moves right", "--frames", "3", "--out", Path.Combine(dir, "bad.gif"));
                Assert.NotEqual(0, refused.Code);
                Assert.Contains("tempact.json", refused.Stderr);
                Assert.Contains("ExecutorAdapterChunks", refused.Stderr);
                Assert.False(File.Exists(Path.Combine(dir, "bad.gif")));
            }
            var unknownArm = CliRunner.Run("train", "rl", "--config", "configs/tempact-tiny.json", "--out", Path.Combine(dir, "u"), "--ablation", "flatt");
            Assert.Equal(2, unknownArm.Code);
            Assert.Contains("unknown arm 'flatt'", unknownArm.Stderr);
            var unknownField = CliRunner.Run("train", "rl", "--config", "configs/tempact-tiny.json", "--out", Path.Combine(dir, "v"), "--set", "Executor.Nope=1");
            Assert.Equal(4, unknownField.Code);
            Assert.Contains("Nope", unknownField.Stderr);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
