namespace TempAct.World.Language;

/// <summary>
/// A read position in an instruction's tokens with the lexicon's longest-match phrase lookup and position-aware errors.
/// Phrases are indexed by their first word, longest first, so a lookup costs a handful of comparisons.
/// </summary>
internal sealed class TokenCursor
{
    private static readonly Dictionary<string, LexiconPhrase[]> ByFirstWord = Lexicon.Phrases
        .GroupBy(p => p.Words[0], StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Words.Count).ToArray(), StringComparer.Ordinal);

    private readonly string text;
    private readonly List<Token> tokens;
    private readonly List<LexiconPhrase>? trace;

    /// <summary>Reads <paramref name="tokens"/> of <paramref name="text"/>; every matched phrase is appended to
    /// <paramref name="trace"/> when given.</summary>
    public TokenCursor(string text, List<Token> tokens, List<LexiconPhrase>? trace)
    {
        this.text = text; this.tokens = tokens; this.trace = trace;
    }

    /// <summary>True when every token has been read.</summary>
    public bool AtEnd => position >= tokens.Count;

    /// <summary>The next token; only valid when not <see cref="AtEnd"/>.</summary>
    public Token Current => tokens[position];

    private int position;

    /// <summary>True at the end of the text or at a sentence-ending mark.</summary>
    public bool AtSentenceEnd => AtEnd || (!Current.IsWord && Lexicon.SentenceEnds.Contains(Current.Text));

    /// <summary>True when the next token is the punctuation mark <paramref name="mark"/>.</summary>
    public bool IsMark(string mark) => !AtEnd && !Current.IsWord && Current.Text == mark;

    /// <summary>Consumes the punctuation mark <paramref name="mark"/> when it is next.</summary>
    public bool TryMark(string mark)
    {
        if (!IsMark(mark)) return false;
        position++;
        return true;
    }

    /// <summary>Skips one token.</summary>
    public void Advance() => position++;

    /// <summary>The longest phrase of <paramref name="kind"/> that starts at the next token, without consuming it.</summary>
    public LexiconPhrase? Peek(PhraseKind kind)
    {
        if (AtEnd || !Current.IsWord || !ByFirstWord.TryGetValue(Current.Lower, out var candidates)) return null;
        foreach (var phrase in candidates)
        {
            if (phrase.Kind != kind || position + phrase.Words.Count > tokens.Count) continue;
            bool match = true;
            for (int k = 1; k < phrase.Words.Count && match; k++)
            {
                var t = tokens[position + k];
                match = t.IsWord && t.Lower == phrase.Words[k];
            }
            if (match) return phrase;
        }
        return null;
    }

    /// <summary>Consumes and returns the longest phrase of <paramref name="kind"/> at the next token, or null.</summary>
    public LexiconPhrase? Take(PhraseKind kind)
    {
        var phrase = Peek(kind);
        if (phrase is null) return null;
        position += phrase.Words.Count;
        trace?.Add(phrase);
        return phrase;
    }

    /// <summary>An error at the next token, or at the end of the text.</summary>
    public InstructionParseException Error(string reason) => AtEnd ? AtTextEnd(reason) : ErrorAt(Current, reason);

    /// <summary>An error that names <paramref name="token"/>.</summary>
    public static InstructionParseException ErrorAt(Token token, string reason) =>
        new(reason, token.Text, token.WordNumber, token.Offset);

    /// <summary>An error at the end of the text.</summary>
    public InstructionParseException AtTextEnd(string reason) => new(reason, "", 0, text.Length);
}
