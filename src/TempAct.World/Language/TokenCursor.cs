namespace TempAct.World.Language;

/// <summary>
/// A read position in an instruction's tokens with the lexicon's longest-match phrase lookup and position-aware errors.
/// Phrases are indexed by their first word, longest first, so a lookup costs a handful of comparisons. The position can
/// be saved and restored, which the readers use to look ahead.
/// </summary>
internal sealed class TokenCursor
{
    private static readonly Dictionary<string, LexiconPhrase[]> ByFirstWord = Lexicon.Phrases
        .GroupBy(p => p.Words[0], StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Words.Count).ToArray(), StringComparer.Ordinal);

    private readonly List<Token> tokens;
    private readonly List<LexiconPhrase>? trace;

    /// <summary>Reads <paramref name="tokens"/> of <paramref name="text"/>; every matched phrase is appended to
    /// <paramref name="trace"/> when given.</summary>
    public TokenCursor(string text, List<Token> tokens, List<LexiconPhrase>? trace)
    {
        Text = text; this.tokens = tokens; this.trace = trace;
    }

    /// <summary>The instruction text.</summary>
    public string Text { get; }

    /// <summary>The index of the next token.</summary>
    public int Position { get; private set; }

    /// <summary>The read position, to come back to after a look-ahead (<see cref="Restore"/>).</summary>
    public (int Position, int Traced) Save() => (Position, trace?.Count ?? 0);

    /// <summary>Goes back to a saved position; phrases matched since are dropped from the trace.</summary>
    public void Restore((int Position, int Traced) saved)
    {
        Position = saved.Position;
        if (trace is not null && trace.Count > saved.Traced) trace.RemoveRange(saved.Traced, trace.Count - saved.Traced);
    }

    /// <summary>True when every token has been read.</summary>
    public bool AtEnd => Position >= tokens.Count;

    /// <summary>The next token; only valid when not <see cref="AtEnd"/>.</summary>
    public Token Current => tokens[Position];

    /// <summary>The token at <paramref name="index"/>.</summary>
    public Token TokenAt(int index) => tokens[index];

    /// <summary>True at the end of the text or at a sentence-ending mark.</summary>
    public bool AtSentenceEnd => AtEnd || (!Current.IsWord && Lexicon.SentenceEnds.Contains(Current.Text));

    /// <summary>True when the next token is the punctuation mark <paramref name="mark"/>.</summary>
    public bool IsMark(string mark) => !AtEnd && !Current.IsWord && Current.Text == mark;

    /// <summary>Consumes the punctuation mark <paramref name="mark"/> when it is next.</summary>
    public bool TryMark(string mark)
    {
        if (!IsMark(mark)) return false;
        Position++;
        return true;
    }

    /// <summary>Consumes a comma or dash when one is next.</summary>
    public bool TryClauseMark()
    {
        if (AtEnd || Current.IsWord || !Lexicon.ClauseMarks.Contains(Current.Text)) return false;
        Position++;
        return true;
    }

    /// <summary>Skips one token.</summary>
    public void Advance() => Position++;

    /// <summary>The longest phrase of <paramref name="kind"/> that starts at the next token, without consuming it.</summary>
    public LexiconPhrase? Peek(PhraseKind kind) => PeekAt(Position, kind);

    /// <summary>The longest phrase of <paramref name="kind"/> that starts at token <paramref name="at"/>.</summary>
    public LexiconPhrase? PeekAt(int at, PhraseKind kind)
    {
        if (at >= tokens.Count || !tokens[at].IsWord || !ByFirstWord.TryGetValue(tokens[at].Lower, out var candidates)) return null;
        foreach (var phrase in candidates)
        {
            if (phrase.Kind != kind || at + phrase.Words.Count > tokens.Count) continue;
            bool match = true;
            for (int k = 1; k < phrase.Words.Count && match; k++)
            {
                var t = tokens[at + k];
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
        Position += phrase.Words.Count;
        trace?.Add(phrase);
        return phrase;
    }

    /// <summary>The text from token <paramref name="from"/> up to (not including) the next token, as written.</summary>
    public string Span(int from)
    {
        if (from >= Position || from >= tokens.Count) return "";
        var last = tokens[Math.Min(Position, tokens.Count) - 1];
        return Text[tokens[from].Offset..(last.Offset + last.Text.Length)];
    }

    /// <summary>An error at the next token, or at the end of the text.</summary>
    public InstructionParseException Error(string reason) => AtEnd ? AtTextEnd(reason) : ErrorAt(Current, reason);

    /// <summary>An error that names <paramref name="token"/>.</summary>
    public static InstructionParseException ErrorAt(Token token, string reason) =>
        new(reason, token.Text, token.WordNumber, token.Offset);

    /// <summary>An error at the end of the text.</summary>
    public InstructionParseException AtTextEnd(string reason) => new(reason, "", 0, Text.Length);
}
