using System.Text.Json;
using System.Text.RegularExpressions;
using TempAct.World.Language;

namespace TempAct.Models.Text;

/// <summary>
/// Word-level tokenizer over the world's language plus JSON: the pieces of every lexicon word (a word with an apostrophe,
/// "there's", is three pieces: "there", "'", "s"), the punctuation the instruction language accepts and the JSON marks,
/// the numbers 0–99, the plan keys ("step_index", "prompt", "chunks" with their quotes) and the template words — so every
/// instruction the parser accepts tokenizes without &lt;unk&gt; (tested). The vocabulary is fixed and saved with each
/// checkpoint; a model keeps the vocabulary it was trained with, and any other word maps to &lt;unk&gt;. Decoding joins
/// tokens with single spaces, which keeps plan JSON valid (prompt strings gain a leading and trailing space that the plan
/// parser trims).
/// </summary>
public sealed partial class WordTokenizer
{
    /// <summary>Padding (never predicted).</summary>
    public const string Pad = "<pad>";
    /// <summary>Start of a sequence.</summary>
    public const string Bos = "<bos>";
    /// <summary>End of the answer.</summary>
    public const string Eos = "<eos>";
    /// <summary>Any word outside the vocabulary.</summary>
    public const string Unk = "<unk>";

    private readonly Dictionary<string, int> index;

    /// <summary>Creates a tokenizer over the given vocabulary (specials first).</summary>
    public WordTokenizer(IReadOnlyList<string> tokens)
    {
        if (tokens.Count < 4 || tokens[0] != Pad || tokens[1] != Bos || tokens[2] != Eos || tokens[3] != Unk)
            throw new ArgumentException("a vocabulary starts with <pad>, <bos>, <eos>, <unk>");
        Tokens = tokens;
        index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i++)
            if (!index.TryAdd(tokens[i], i)) throw new ArgumentException($"token '{tokens[i]}' appears twice in the vocabulary");
    }

    /// <summary>The tokens, id = position.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Vocabulary size.</summary>
    public int Count => Tokens.Count;

    /// <summary>Id of &lt;pad&gt;.</summary>
    public int PadId => 0;
    /// <summary>Id of &lt;bos&gt;.</summary>
    public int BosId => 1;
    /// <summary>Id of &lt;eos&gt;.</summary>
    public int EosId => 2;
    /// <summary>Id of &lt;unk&gt;.</summary>
    public int UnkId => 3;

    /// <summary>The default vocabulary, built from the lexicon (deterministic order).</summary>
    public static WordTokenizer CreateDefault()
    {
        var tokens = new List<string> { Pad, Bos, Eos, Unk };
        tokens.AddRange(new[] { "[", "]", "{", "}", ":", ",", "\"", ".", "!", ";", "-", "'", "?", "(", ")" });
        tokens.AddRange(Lexicon.Marks.Where(m => !tokens.Contains(m)));
        tokens.AddRange(new[] { "\"step_index\"", "\"prompt\"", "\"chunks\"" });
        tokens.AddRange(Enumerable.Range(0, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var words = Lexicon.Vocabulary.SelectMany(Split).ToHashSet(StringComparer.Ordinal);
        tokens.AddRange(new[] { "instruction", "steps", "chunks", "auto", "plan" }.Where(w => !words.Contains(w)));
        tokens.AddRange(words.Where(w => !tokens.Contains(w)).OrderBy(w => w, StringComparer.Ordinal));
        return new WordTokenizer(tokens);
    }

    /// <summary>Splits text into token strings (lower-cased; a curly apostrophe reads as a straight one, as in the parser).</summary>
    public static IEnumerable<string> Split(string text) => Pieces().Matches(text.ToLowerInvariant().Replace('\u2019', '\'')).Select(m => m.Value);

    /// <summary>Text → ids; unknown words become &lt;unk&gt;.</summary>
    public int[] Encode(string text) => Split(text).Select(t => index.GetValueOrDefault(t, UnkId)).ToArray();

    /// <summary>Id of one token string, or &lt;unk&gt;.</summary>
    public int Id(string token) => index.GetValueOrDefault(token, UnkId);

    /// <summary>Ids → text (space-joined), stopping at &lt;eos&gt; and skipping &lt;pad&gt; and &lt;bos&gt;.</summary>
    public string Decode(IEnumerable<int> ids) =>
        string.Join(" ", ids.TakeWhile(i => i != EosId).Where(i => i != PadId && i != BosId)
            .Select(i => i >= 0 && i < Tokens.Count ? Tokens[i] : Unk));

    /// <summary>Writes the vocabulary as a JSON array.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(Tokens));

    /// <summary>Reads a vocabulary written by <see cref="Save"/>.</summary>
    public static WordTokenizer Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: vocabulary file not found");
        try { return new WordTokenizer(JsonSerializer.Deserialize<List<string>>(File.ReadAllText(path)) ?? []); }
        catch (Exception e) when (e is JsonException or ArgumentException) { throw new InvalidDataException($"{path}: not a vocabulary ({e.Message})", e); }
    }

    [GeneratedRegex("\"(?:step_index|prompt|chunks)\"|[a-z]+|[0-9]+|[^\\sa-z0-9]")]
    private static partial Regex Pieces();
}
