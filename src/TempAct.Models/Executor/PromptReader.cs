using TempAct.Models.Text;

namespace TempAct.Models.Executor;

/// <summary>Reads a prompt into the text encoder's token ids — strictly: an unknown word, an empty prompt or one longer
/// than the encoder's positions is a <see cref="PromptException"/> naming the problem, never a silent &lt;unk&gt; or cut.</summary>
public static class PromptReader
{
    /// <summary>Token ids of <paramref name="prompt"/> under <paramref name="tokenizer"/>, at most <paramref name="maxTokens"/>.</summary>
    public static int[] Read(WordTokenizer tokenizer, string prompt, int maxTokens)
    {
        // The language's one contraction ("there's") has no token of its own: read it as "there is".
        var words = WordTokenizer.Split(prompt.Replace("'s ", " is ", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (words.Length == 0) throw new PromptException("empty prompt");
        var ids = new int[words.Length];
        for (int i = 0; i < words.Length; i++)
        {
            ids[i] = tokenizer.Id(words[i]);
            if (ids[i] == tokenizer.UnkId)
                throw new PromptException($"prompt \"{prompt}\": unknown word '{words[i]}' at word {i + 1} (the executor reads the instruction language; see docs/instruction-language.md)");
        }
        if (ids.Length > maxTokens)
            throw new PromptException($"prompt \"{prompt}\": {ids.Length} tokens, the executor reads at most {maxTokens}");
        return ids;
    }
}
