using TempAct.Models.Checkpoints;
using TempAct.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TempAct.Training.Update;

/// <summary>
/// The LoRA adapters of one model (named as in its state dict: "blocks.0.qkv.lora_A", …): what RL trains while the
/// base weights stay frozen. Saves and loads them alone as safetensors (strict names and shapes), keeps their EMA, and
/// measures ‖ΔW‖/‖W‖ over all adapted layers.
/// </summary>
public sealed class AdapterSet
{
    private readonly (string Name, Parameter Value)[] parameters;
    private readonly LoraLinear[] layers;

    /// <summary>The adapters of <paramref name="model"/>; every other parameter is frozen (requires_grad off).</summary>
    public AdapterSet(nn.Module model, IEnumerable<LoraLinear> loraLayers)
    {
        layers = [.. loraLayers];
        var all = model.named_parameters().ToArray();
        parameters = [.. all.Where(p => IsAdapter(p.name))];
        if (parameters.Length == 0) throw new ArgumentException("the model has no LoRA adapters (LoraRank 0?)");
        foreach (var (name, p) in all) p.requires_grad = IsAdapter(name);
    }

    /// <summary>True for an adapter parameter's name.</summary>
    public static bool IsAdapter(string name) => name.Contains("lora_", StringComparison.Ordinal);

    /// <summary>The adapter parameters.</summary>
    public IReadOnlyList<Parameter> Parameters => [.. parameters.Select(p => p.Value)];

    /// <summary>Number of adapter values.</summary>
    public long Count => parameters.Sum(p => p.Value.numel());

    /// <summary>Copies of the current values (the EMA's start, or a backup while the EMA is swapped in).</summary>
    public Dictionary<string, Tensor> Snapshot()
    {
        using var _ = no_grad();
        return parameters.ToDictionary(p => p.Name, p => p.Value.detach().clone().DetachFromDisposeScope());
    }

    /// <summary>Copies <paramref name="values"/> into the adapters (names must match).</summary>
    public void Assign(IReadOnlyDictionary<string, Tensor> values)
    {
        using var _ = no_grad();
        foreach (var (name, p) in parameters) p.copy_(values[name]);
    }

    /// <summary>ema ← decay·ema + (1 − decay)·θ for every adapter.</summary>
    public void UpdateEma(Dictionary<string, Tensor> ema, double decay)
    {
        using var _ = no_grad();
        foreach (var (name, p) in parameters) ema[name].mul_(decay).add_(p, alpha: 1 - decay);
    }

    /// <summary>sqrt(Σ‖ΔW‖²) / sqrt(Σ‖W‖²) over the adapted layers, ΔW = (α/r)·B·A: how far RL moved the model.</summary>
    public double RelativeChange()
    {
        using var scope = NewDisposeScope();
        var delta = stack(layers.Select(l => l.DeltaWeight()!.square().sum()).ToArray()).sum();
        var weights = stack(layers.Select(l => l.BaseWeight.detach().square().sum()).ToArray()).sum();
        return (delta / weights).sqrt().item<float>();
    }

    /// <summary>Writes the adapters (or <paramref name="values"/>, e.g. the EMA) to a safetensors file.</summary>
    public void Save(string path, IReadOnlyDictionary<string, Tensor>? values = null)
    {
        var dict = parameters.ToDictionary(p => p.Name, p => (values?[p.Name] ?? p.Value).detach().cpu());
        TorchSharp.PyBridge.Safetensors.SaveStateDict(path, dict);
        foreach (var t in dict.Values) t.Dispose();
    }

    /// <summary>Reads adapters written by <see cref="Save"/>: strict names and shapes, else a
    /// <see cref="CheckpointException"/> naming the file.</summary>
    public Dictionary<string, Tensor> Read(string path)
    {
        if (!File.Exists(path)) throw new CheckpointException($"{path}: missing");
        Dictionary<string, Tensor> stored;
        try { stored = TorchSharp.PyBridge.Safetensors.LoadStateDict(path); }
        catch (Exception e) when (e is not CheckpointException) { throw new CheckpointException($"{path}: not a readable safetensors file ({e.Message})", e); }
        var missing = parameters.Where(p => !stored.ContainsKey(p.Name)).Select(p => p.Name).ToList();
        var unexpected = stored.Keys.Where(k => parameters.All(p => p.Name != k)).ToList();
        var wrong = parameters.Where(p => stored.TryGetValue(p.Name, out var t) && !t.shape.SequenceEqual(p.Value.shape)).Select(p => p.Name).ToList();
        if (missing.Count + unexpected.Count + wrong.Count > 0)
        {
            foreach (var t in stored.Values) t.Dispose();
            throw new CheckpointException($"{path}: adapters do not fit the model (missing: {string.Join(", ", missing.Take(3))}; unexpected: {string.Join(", ", unexpected.Take(3))}; shape: {string.Join(", ", wrong.Take(3))}) — a different LoRA rank or base?");
        }
        var device = parameters[0].Value.device;
        return stored.ToDictionary(kv => kv.Key, kv => { var t = kv.Value.to(device).DetachFromDisposeScope(); if (!ReferenceEquals(t, kv.Value)) kv.Value.Dispose(); return t; });
    }

    /// <summary>Loads adapters written by <see cref="Save"/> into the model.</summary>
    public void Load(string path)
    {
        var values = Read(path);
        Assign(values);
        foreach (var t in values.Values) t.Dispose();
    }
}
