using TempAct.Models.Checkpoints;
using TempAct.Models.Text;

namespace TempAct.Models.Planner;

/// <summary>Starts an SFT run from a saved planner (<see cref="PlannerSftConfig.InitFrom"/>): continued training of a
/// shipped planner on the current data, with a fresh optimizer and schedule.</summary>
public static class PlannerInitFrom
{
    /// <summary>Copies the weights of the checkpoint in <paramref name="dir"/> into <paramref name="model"/>. The folder's
    /// shape and vocabulary must be the model's; every mismatch is a <see cref="CheckpointException"/> naming the file.</summary>
    public static void Load(PlannerLm model, WordTokenizer tokenizer, string dir)
    {
        var saved = WeightStore.LoadConfig<PlannerConfig>(dir);
        var mine = model.Config with { LoraRank = 0, StoredDtype = saved.StoredDtype };
        if (saved with { LoraRank = 0, LoraAlpha = mine.LoraAlpha } != mine)
            throw new CheckpointException($"{Path.Combine(dir, WeightStore.ConfigFile)}: InitFrom has another shape than the config's Model ({saved} vs {mine})");
        string vocabPath = Path.Combine(dir, PlannerCheckpoint.VocabFile);
        WordTokenizer vocab;
        try { vocab = WordTokenizer.Load(vocabPath); }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException) { throw new CheckpointException(e.Message, e); }
        if (!vocab.Tokens.SequenceEqual(tokenizer.Tokens))
            throw new CheckpointException($"{vocabPath}: another vocabulary than this build's ({vocab.Count} vs {tokenizer.Count} tokens); InitFrom needs the same words at the same ids");
        StoredWeights.Check(dir, saved.StoredDtype);
        WeightStore.LoadWeights(model, dir, allowMissing: key => key.Contains("lora_", StringComparison.Ordinal));
    }
}
