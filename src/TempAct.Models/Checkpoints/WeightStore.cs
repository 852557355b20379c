using System.Text.Json;
using TorchSharp;
using TorchSharp.PyBridge;

namespace TempAct.Models.Checkpoints;

/// <summary>
/// Weights as safetensors (PyTorch users open them with <c>safetensors.torch.load_file</c>) with a JSON config beside them:
/// <c>DIR/model.safetensors</c> + <c>DIR/config.json</c>. Writes are atomic (temp file + rename), loads are strict (every
/// key present, every shape equal) and every failure is a <see cref="CheckpointException"/> naming the file.
/// </summary>
public static class WeightStore
{
    /// <summary>File name of the weights inside a checkpoint folder.</summary>
    public const string WeightsFile = "model.safetensors";

    /// <summary>File name of the config inside a checkpoint folder.</summary>
    public const string ConfigFile = "config.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Saves a module's weights and its config into <paramref name="dir"/>, atomically per file; parameters are
    /// stored as <paramref name="stored"/> (the config should say so: <see cref="WeightDtype"/>).</summary>
    public static void Save<TConfig>(torch.nn.Module module, TConfig config, string dir, WeightDtype stored = WeightDtype.Fp32)
    {
        Directory.CreateDirectory(dir);
        string weights = Path.Combine(dir, WeightsFile), tmp = weights + ".tmp";
        if (stored == WeightDtype.Fp32) module.save_safetensors(tmp);
        else StoredWeights.Write(module, tmp, stored);
        File.Move(tmp, weights, overwrite: true);
        WriteAtomic(Path.Combine(dir, ConfigFile), JsonSerializer.Serialize(config, Json));
    }

    /// <summary>Reads the config of a checkpoint folder.</summary>
    public static TConfig LoadConfig<TConfig>(string dir)
    {
        string path = Path.Combine(dir, ConfigFile);
        if (!Directory.Exists(dir)) throw new CheckpointException($"{dir}: checkpoint folder not found");
        if (!File.Exists(path)) throw new CheckpointException($"{path}: missing (a checkpoint folder holds {WeightsFile} and {ConfigFile})");
        try { return JsonSerializer.Deserialize<TConfig>(File.ReadAllText(path)) ?? throw new CheckpointException($"{path}: empty config"); }
        catch (JsonException e) { throw new CheckpointException($"{path}: not a valid config ({e.Message})", e); }
    }

    /// <summary>Loads weights into a module built from the folder's config; strict about keys and shapes, except keys
    /// the module has and <paramref name="allowMissing"/> accepts (e.g. fresh LoRA adapters over base weights). Stored
    /// fp16/bf16 tensors are converted to the module's fp32 as they are copied in.</summary>
    public static void LoadWeights(torch.nn.Module module, string dir, Func<string, bool>? allowMissing = null)
    {
        string path = Path.Combine(dir, WeightsFile);
        if (!File.Exists(path)) throw new CheckpointException($"{path}: missing");
        var stored = SafetensorsHeader.Read(path);
        var expected = module.state_dict();
        var missing = expected.Keys.Where(k => !stored.ContainsKey(k) && !(allowMissing?.Invoke(k) ?? false)).ToList();
        var unexpected = stored.Keys.Where(k => !expected.ContainsKey(k)).ToList();
        var wrongShape = expected.Where(kv => stored.TryGetValue(kv.Key, out var shape) && !shape.SequenceEqual(kv.Value.shape))
            .Select(kv => $"{kv.Key} {Shape(stored[kv.Key])} vs model {Shape(kv.Value.shape)}").ToList();
        if (missing.Count + unexpected.Count + wrongShape.Count > 0)
            throw new CheckpointException($"{path}: does not fit the model — " + string.Join("; ", new[]
            {
                missing.Count > 0 ? "missing: " + string.Join(", ", missing.Take(5)) : null,
                unexpected.Count > 0 ? "unexpected: " + string.Join(", ", unexpected.Take(5)) : null,
                wrongShape.Count > 0 ? "shape: " + string.Join(", ", wrongShape.Take(5)) : null,
            }.Where(x => x is not null)));
        try { module.load_safetensors(path, strict: false); }
        catch (Exception e) when (e is not CheckpointException)
        {
            throw new CheckpointException($"{path}: cannot load into the model ({e.GetType().Name}: {e.Message})", e);
        }
    }

    private static string Shape(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>Saves an optimizer's state (moments, step counts) atomically, for exact resume.</summary>
    public static void SaveOptimizer(TorchSharp.Modules.OptimizerHelper optimizer, string path)
    {
        optimizer.save_state_dict(path + ".tmp");
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Writes text to a temp file and renames it over the target, so readers never see half a file.</summary>
    public static void WriteAtomic(string path, string text)
    {
        string tmp = path + ".tmp";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }
}
