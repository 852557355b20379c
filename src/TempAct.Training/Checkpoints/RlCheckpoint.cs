using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using TempAct.Models.Checkpoints;
using TempAct.Training.Config;
using static TorchSharp.torch;

namespace TempAct.Training.Checkpoints;

/// <summary>
/// RL checkpoints that commit as one unit: every file of epoch E (the executor's adapters, their EMA, the planner's
/// adapters, the optimizer, then state.json — the epoch, the optimizer step, the config and every file's SHA-256) is
/// written into checkpoints/epoch-E.tmp/, which is then renamed to checkpoints/epoch-E/ (one rename: a reader sees all
/// of it or none). A killed save leaves only a .tmp folder, which resume ignores and deletes. Resume takes the newest
/// complete folder and checks every file against the manifest: a file from another save (a mixed checkpoint) is refused
/// by name. The RNG state is the epoch itself: every draw is a function of (seed, epoch, role, index).
/// </summary>
public static class RlCheckpoint
{
    /// <summary>The checkpoints' folder under the run's output.</summary>
    public const string Folder = "checkpoints";
    /// <summary>The manifest, written last.</summary>
    public const string StateFile = "state.json";
    private const string ExecutorFile = "executor_adapters.safetensors", EmaFile = "executor_ema.safetensors",
        PlannerFile = "planner_adapters.safetensors", OptimizerFile = "optimizer.bin";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>What state.json records.</summary>
    /// <param name="Epochs">Epochs completed.</param>
    /// <param name="Steps">Optimizer steps taken.</param>
    /// <param name="Config">The run's config (JSON).</param>
    /// <param name="Files">SHA-256 of every other file, by name.</param>
    public sealed record State(int Epochs, long Steps, string Config, Dictionary<string, string> Files);

    /// <summary>Saves a checkpoint after <paramref name="epochs"/> epochs; keeps the newest <paramref name="keep"/>.
    /// <paramref name="afterFile"/> hears each file's name once it is written (tests inject a kill there).</summary>
    public static string Save(string outDir, int epochs, long steps, RlConfig config, RlModels models, IReadOnlyDictionary<string, Tensor> ema,
        TorchSharp.Modules.OptimizerHelper optimizer, int keep, Action<string>? afterFile = null)
    {
        string root = Path.Combine(outDir, Folder), final = Path.Combine(root, $"epoch-{epochs:D6}"), tmp = final + ".tmp";
        if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
        Directory.CreateDirectory(tmp);
        var files = new Dictionary<string, string>();
        void Written(string name) { files[name] = Hash(Path.Combine(tmp, name)); afterFile?.Invoke(name); }
        models.ExecutorAdapters.Save(Path.Combine(tmp, ExecutorFile)); Written(ExecutorFile);
        models.ExecutorAdapters.Save(Path.Combine(tmp, EmaFile), ema); Written(EmaFile);
        models.PlannerAdapters.Save(Path.Combine(tmp, PlannerFile)); Written(PlannerFile);
        WeightStore.SaveOptimizer(optimizer, Path.Combine(tmp, OptimizerFile)); Written(OptimizerFile);
        var state = new State(epochs, steps, JsonSerializer.Serialize(config), files);
        using (var stream = new FileStream(Path.Combine(tmp, StateFile), FileMode.CreateNew))
        {
            JsonSerializer.Serialize(stream, state, Json);
            stream.Flush(flushToDisk: true);
        }
        if (Directory.Exists(final)) Directory.Delete(final, true);
        Directory.Move(tmp, final);
        foreach (var stale in Complete(root).Skip(keep)) Directory.Delete(stale, true);
        return final;
    }

    /// <summary>The newest complete checkpoint of a run, verified; null when the run has none. Leftover .tmp folders
    /// (a save that was killed) are deleted.</summary>
    public static (string Dir, State State)? Latest(string outDir)
    {
        string root = Path.Combine(outDir, Folder);
        if (!Directory.Exists(root)) return null;
        foreach (var tmp in Directory.GetDirectories(root, "*.tmp")) Directory.Delete(tmp, true);
        var dir = Complete(root).FirstOrDefault();
        return dir is null ? null : (dir, Verify(dir));
    }

    /// <summary>Reads a checkpoint's manifest and checks every file against it.</summary>
    public static State Verify(string dir)
    {
        string statePath = Path.Combine(dir, StateFile);
        if (!File.Exists(statePath)) throw new CheckpointException($"{statePath}: missing (an incomplete checkpoint)");
        State state;
        try { state = JsonSerializer.Deserialize<State>(File.ReadAllText(statePath)) ?? throw new CheckpointException($"{statePath}: empty"); }
        catch (JsonException e) { throw new CheckpointException($"{statePath}: not a valid checkpoint state ({e.Message})", e); }
        foreach (var name in new[] { ExecutorFile, EmaFile, PlannerFile, OptimizerFile })
        {
            string path = Path.Combine(dir, name);
            if (!state.Files.TryGetValue(name, out var expected)) throw new CheckpointException($"{statePath}: does not list {name}");
            if (!File.Exists(path)) throw new CheckpointException($"{path}: missing");
            if (Hash(path) != expected) throw new CheckpointException($"{path}: does not match {StateFile} (a file from another save: a mixed checkpoint)");
        }
        return state;
    }

    /// <summary>Loads a verified checkpoint into the models, the EMA and the optimizer. The config must equal the
    /// checkpoint's except for its Schedule (more epochs, other evaluation or checkpoint intervals).</summary>
    public static void Restore(string dir, State state, RlConfig config, RlModels models, Dictionary<string, Tensor> ema, TorchSharp.Modules.OptimizerHelper optimizer)
    {
        var saved = JsonSerializer.Deserialize<RlConfig>(state.Config) ?? throw new CheckpointException($"{Path.Combine(dir, StateFile)}: no config");
        var mine = JsonNode.Parse(JsonSerializer.Serialize(config with { Schedule = new() }))!.AsObject();
        var theirs = JsonNode.Parse(JsonSerializer.Serialize(saved with { Schedule = new() }))!.AsObject();
        var differing = mine.Where(kv => !JsonNode.DeepEquals(kv.Value, theirs[kv.Key])).Select(kv => kv.Key).ToList();
        if (differing.Count > 0)
            throw new CheckpointException($"{Path.Combine(dir, StateFile)}: the checkpoint was trained with another config ({string.Join(", ", differing)} differ); only Schedule may change on resume");
        models.ExecutorAdapters.Load(Path.Combine(dir, ExecutorFile));
        foreach (var (name, t) in models.ExecutorAdapters.Read(Path.Combine(dir, EmaFile))) { ema[name].Dispose(); ema[name] = t; }
        models.PlannerAdapters.Load(Path.Combine(dir, PlannerFile));
        try { optimizer.load_state_dict(Path.Combine(dir, OptimizerFile)); }
        catch (Exception e) when (e is not CheckpointException) { throw new CheckpointException($"{Path.Combine(dir, OptimizerFile)}: does not fit the optimizer ({e.Message})", e); }
    }

    /// <summary>Complete checkpoint folders, newest first.</summary>
    private static IEnumerable<string> Complete(string root) => Directory.GetDirectories(root, "epoch-*")
        .Where(d => !d.EndsWith(".tmp", StringComparison.Ordinal)).OrderByDescending(d => d, StringComparer.Ordinal);

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
