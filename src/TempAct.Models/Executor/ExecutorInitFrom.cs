using TempAct.Models.Checkpoints;
using TempAct.Models.Text;

namespace TempAct.Models.Executor;

/// <summary>Starts a training run from a saved executor (<see cref="ExecutorTrainConfig.InitFrom"/>): fine-tuning, e.g.
/// the LongLive-like switch tuning from the Self-Forcing-like base.</summary>
public static class ExecutorInitFrom
{
    /// <summary>Copies the weights of the checkpoint in <paramref name="dir"/> into <paramref name="model"/>. The folder's
    /// shape and vocabulary must be the model's; every mismatch is a <see cref="CheckpointException"/> naming the file.</summary>
    public static void Load(ExecutorTransformer model, string dir)
    {
        var saved = WeightStore.LoadConfig<ExecutorConfig>(dir);
        var mine = model.Config with { LoraRank = 0, StoredDtype = saved.StoredDtype };
        if (saved with { LoraRank = 0 } != mine)
            throw new CheckpointException($"{Path.Combine(dir, WeightStore.ConfigFile)}: InitFrom has another shape than the config's Model ({saved} vs {mine})");
        string vocabPath = Path.Combine(dir, ExecutorCheckpoint.VocabFile);
        WordTokenizer vocab;
        try { vocab = WordTokenizer.Load(vocabPath); }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException) { throw new CheckpointException(e.Message, e); }
        if (!vocab.Tokens.SequenceEqual(model.Tokenizer.Tokens))
            throw new CheckpointException($"{vocabPath}: another vocabulary than this build's ({vocab.Count} vs {model.Tokenizer.Count} tokens); InitFrom needs the same words at the same ids");
        StoredWeights.Check(dir, saved.StoredDtype);
        WeightStore.LoadWeights(model, dir, allowMissing: key => key.Contains("lora_", StringComparison.Ordinal));
    }
}
