using TempAct.Models.Checkpoints;
using TempAct.Models.Text;

namespace TempAct.Models.Planner;

/// <summary>A planner checkpoint folder: model.safetensors + config.json (<see cref="PlannerConfig"/>) + vocab.json.</summary>
public static class PlannerCheckpoint
{
    /// <summary>Vocabulary file name.</summary>
    public const string VocabFile = "vocab.json";

    /// <summary>Saves model, config and vocabulary.</summary>
    public static void Save(PlannerLm model, WordTokenizer tokenizer, string dir)
    {
        WeightStore.Save(model, model.Config, dir);
        tokenizer.Save(Path.Combine(dir, VocabFile));
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
        WeightStore.LoadWeights(model, dir, allowMissing: key => key.Contains("lora_", StringComparison.Ordinal));
        return (model, tokenizer);
    }
}
