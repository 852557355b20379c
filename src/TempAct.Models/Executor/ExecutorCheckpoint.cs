using TempAct.Models.Checkpoints;
using TempAct.Models.Text;

namespace TempAct.Models.Executor;

/// <summary>An executor checkpoint folder: model.safetensors + config.json (<see cref="ExecutorConfig"/>) + vocab.json.</summary>
public static class ExecutorCheckpoint
{
    /// <summary>Vocabulary file name.</summary>
    public const string VocabFile = "vocab.json";

    /// <summary>Saves model, config and vocabulary (each file atomically), the parameters stored as the config's
    /// <see cref="ExecutorConfig.StoredDtype"/>.</summary>
    public static void Save(ExecutorTransformer model, string dir) => Save(model, dir, model.Config.StoredDtype);

    /// <summary>Saves model, config and vocabulary with the parameters stored as <paramref name="stored"/> (recorded in
    /// config.json; loading converts back to fp32).</summary>
    public static void Save(ExecutorTransformer model, string dir, WeightDtype stored)
    {
        WeightStore.Save(model, model.Config with { StoredDtype = stored }, dir, stored);
        string vocab = Path.Combine(dir, VocabFile);
        model.Tokenizer.Save(vocab + ".tmp");
        File.Move(vocab + ".tmp", vocab, overwrite: true);
    }

    /// <summary>Loads a checkpoint; a LoRA rank may be added on top of weights saved without adapters. Every failure is a
    /// <see cref="CheckpointException"/> naming the file.</summary>
    public static ExecutorTransformer Load(string dir, int? loraRank = null, double? loraAlpha = null)
    {
        var config = WeightStore.LoadConfig<ExecutorConfig>(dir);
        if (loraRank is { } r) config = config with { LoraRank = r, LoraAlpha = loraAlpha ?? config.LoraAlpha };
        WordTokenizer tokenizer;
        try { tokenizer = WordTokenizer.Load(Path.Combine(dir, VocabFile)); }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException) { throw new CheckpointException(e.Message, e); }
        if (tokenizer.Count != config.VocabSize)
            throw new CheckpointException($"{dir}: vocab.json has {tokenizer.Count} tokens, config.json says {config.VocabSize}");
        ExecutorTransformer model;
        try { model = new ExecutorTransformer(config, tokenizer); }
        catch (ArgumentException e) { throw new CheckpointException($"{Path.Combine(dir, WeightStore.ConfigFile)}: {e.Message}", e); }
        StoredWeights.Check(dir, config.StoredDtype);
        WeightStore.LoadWeights(model, dir, allowMissing: key => key.Contains("lora_", StringComparison.Ordinal));
        return model;
    }
}
