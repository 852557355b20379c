namespace TempAct.World.Language;

/// <summary>Splits an instruction into words (letters, digits, apostrophes) and one-character punctuation marks.
/// Whitespace separates words and a hyphen splits one ("top-left" reads as "top left"); round brackets are read as if
/// absent ("moves right (slowly)").</summary>
internal static class Tokenizer
{
    /// <summary>The tokens of <paramref name="text"/> in order.</summary>
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int wordNumber = 0;
        bool inChunk = false; // inside a whitespace-separated word
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { inChunk = false; i++; continue; }
            if (!inChunk) { wordNumber++; inChunk = true; }
            if (c is '-' or '(' or ')') { i++; continue; } // hyphens read as spaces, round brackets as if absent
            if (IsWordChar(c))
            {
                int start = i;
                while (i < text.Length && IsWordChar(text[i])) i++;
                string word = text[start..i];
                tokens.Add(new Token(word, word.ToLowerInvariant().Replace('\u2019', '\''), wordNumber, start, true));
                continue;
            }
            int length = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            string mark = text.Substring(i, length);
            tokens.Add(new Token(mark, mark, wordNumber, i, false));
            i += length;
        }
        return tokens;
    }

    /// <summary>Number of whitespace-separated words that start before <paramref name="end"/>.</summary>
    public static int CountWords(string text, int end)
    {
        int count = 0;
        bool inChunk = false;
        for (int i = 0; i < Math.Min(end, text.Length); i++)
        {
            bool space = char.IsWhiteSpace(text[i]);
            if (!space && !inChunk) count++;
            inChunk = !space;
        }
        return count;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '\'' || c == '\u2019';
}
