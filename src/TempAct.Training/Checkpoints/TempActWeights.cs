using System.Text.Json;
using TempAct.Models.Checkpoints;
using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.Models.Text;
using TempAct.Training.Update;
using static TorchSharp.torch;

namespace TempAct.Training.Checkpoints;

/// <summary>
/// The shipped RL weights (models/tempact/): tempact.json (<see cref="TempActManifest"/>: the bases and LoRA shapes),
/// executor_adapters.safetensors (the EMA of the executor's adapters) and planner_adapters.safetensors. Only adapters
/// travel; the bases are loaded from their own folders. `generate --model DIR` and `plan --planner DIR` load it.
/// </summary>
public static class TempActWeights
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestFile = "tempact.json";
    /// <summary>The executor's adapters.</summary>
    public const string ExecutorFile = "executor_adapters.safetensors";
    /// <summary>The planner's adapters.</summary>
    public const string PlannerFile = "planner_adapters.safetensors";
    /// <summary>The format this code writes.</summary>
    public const string FormatName = "tempact-adapters/1";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>True when <paramref name="dir"/> is such a folder.</summary>
    public static bool IsFolder(string dir) => File.Exists(Path.Combine(dir, ManifestFile));

    /// <summary>Writes the folder (to a temp folder, then renamed over the old one).</summary>
    public static void Save(string dir, TempActManifest manifest, RlModels models, IReadOnlyDictionary<string, Tensor> executorEma)
    {
        string tmp = dir + ".tmp", old = dir + ".old";
        if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
        Directory.CreateDirectory(tmp);
        models.ExecutorAdapters.Save(Path.Combine(tmp, ExecutorFile), executorEma);
        models.PlannerAdapters.Save(Path.Combine(tmp, PlannerFile));
        File.WriteAllText(Path.Combine(tmp, ManifestFile), JsonSerializer.Serialize(manifest, Json));
        if (Directory.Exists(old)) Directory.Delete(old, true);
        if (Directory.Exists(dir)) Directory.Move(dir, old);
        Directory.Move(tmp, dir);
        if (Directory.Exists(old)) Directory.Delete(old, true);
    }

    /// <summary>The manifest of a folder; <see cref="CheckpointException"/> naming the file when it is missing or bad.</summary>
    public static TempActManifest Manifest(string dir)
    {
        string path = Path.Combine(dir, ManifestFile);
        if (!File.Exists(path)) throw new CheckpointException($"{path}: missing (a TempAct folder holds {ManifestFile}, {ExecutorFile} and {PlannerFile})");
        TempActManifest? m;
        try { m = JsonSerializer.Deserialize<TempActManifest>(File.ReadAllText(path)); }
        catch (JsonException e) { throw new CheckpointException($"{path}: not a valid manifest ({e.Message})", e); }
        if (m is null || m.Format != FormatName) throw new CheckpointException($"{path}: format '{m?.Format}' is not {FormatName}");
        if (!Enum.IsDefined(m.ExecutorAdapterChunks))
            throw new CheckpointException($"{path}: ExecutorAdapterChunks {(int)m.ExecutorAdapterChunks} is not All or Switch");
        return m;
    }

    /// <summary>The base executor with this folder's adapters on top.</summary>
    public static ExecutorTransformer LoadExecutor(string dir)
    {
        var m = Manifest(dir);
        var model = ExecutorCheckpoint.Load(ResolveBase(dir, m.ExecutorBase), m.ExecutorLoraRank, m.ExecutorLoraAlpha);
        model.AdapterChunks = m.ExecutorAdapterChunks;
        new AdapterSet(model, model.LoraLayers()).Load(Path.Combine(dir, ExecutorFile));
        return model;
    }

    /// <summary>The base planner with this folder's adapters on top, and its vocabulary.</summary>
    public static (PlannerLm Model, WordTokenizer Tokenizer) LoadPlanner(string dir)
    {
        var m = Manifest(dir);
        var (model, tokenizer) = PlannerCheckpoint.Load(ResolveBase(dir, m.PlannerBase), m.PlannerLoraRank, m.PlannerLoraAlpha);
        new AdapterSet(model, model.LoraLayers()).Load(Path.Combine(dir, PlannerFile));
        return (model, tokenizer);
    }

    /// <summary>A base folder named in a manifest: absolute as is; relative, from the working directory, else from the
    /// folder's parents (so "models/executor-ll" is found beside "models/tempact" from anywhere).</summary>
    public static string ResolveBase(string dir, string relative)
    {
        if (Path.IsPathRooted(relative) || Directory.Exists(relative)) return relative;
        for (var parent = new DirectoryInfo(Path.GetFullPath(dir)); parent is not null; parent = parent.Parent)
        {
            string candidate = Path.Combine(parent.FullName, relative);
            if (Directory.Exists(candidate)) return candidate;
        }
        return relative; // the loader names the missing folder
    }
}
