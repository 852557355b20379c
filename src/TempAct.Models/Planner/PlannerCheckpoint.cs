using TempAct.Models.Checkpoints;
using TempAct.Models.Text;

namespace TempAct.Models.Planner;

/// <summary>A planner checkpoint folder: model.safetensors + config.json (<see cref="PlannerConfig"/>) + vocab.json.</summary>
public static class PlannerCheckpoint
{
    /// <summary>Vocabulary file name.</summary>
    public const string VocabFile = "vocab.json";

    /// <summary>Saves model, config and vocabulary, the parameters stored as the config's <see cref="PlannerConfig.StoredDtype"/>.</summary>
    public static void Save(PlannerLm model, WordTokenizer tokenizer, string dir) => Save(model, tokenizer, dir, model.Config.StoredDtype);

    /// <summary>Saves model, config and vocabulary with the parameters stored as <paramref name="stored"/> (recorded in config.json).</summary>
    public static void Save(PlannerLm model, WordTokenizer tokenizer, string dir, WeightDtype stored)
    {
        WeightStore.Save(model, model.Config with { StoredDtype = stored }, dir, stored);
        string vocab = Path.Combine(dir, VocabFile);
        tokenizer.Save(vocab + ".tmp");
        File.Move(vocab + ".tmp", vocab, overwrite: true);
    }

    /// <summary>Loads a checkpoint; a LoRA rank (and α) may be added on top of weights saved without adapters.</summary>
    public static (PlannerLm Model, WordTokenizer Tokenizer) Load(string dir, int? loraRank = null, double? loraAlpha = null)
    {
        var config = WeightStore.LoadConfig<PlannerConfig>(dir);
        if (loraRank is { } r) config = config with { LoraRank = r, LoraAlpha = loraAlpha ?? config.LoraAlpha };
        WordTokenizer tokenizer;
        try { tokenizer = WordTokenizer.Load(Path.Combine(dir, VocabFile)); }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException) { throw new CheckpointException(e.Message, e); }
        if (tokenizer.Count != config.VocabSize)
            throw new CheckpointException($"{dir}: vocab.json has {tokenizer.Count} tokens, config.json says {config.VocabSize}");
        var model = new PlannerLm(config);
        StoredWeights.Check(dir, config.StoredDtype);
        WeightStore.LoadWeights(model, dir, allowMissing: key => key.Contains("lora_", StringComparison.Ordinal));
        return (model, tokenizer);
    }
}
