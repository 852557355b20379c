namespace TempAct.World.Language;

/// <summary>
/// Turns instruction text into its scene and events (counts expanded), deterministically. The grammar is the
/// <see cref="Lexicon"/>'s data read by a small tokenizer and a longest-match phrase matcher; see
/// docs/instruction-language.md. What the text leaves open (sizes, the cell within a named side) is settled so that
/// every event can happen (<see cref="SceneDefaults"/>). Any text outside the language, or stating facts that keep an
/// event from happening, gets an <see cref="InstructionParseException"/> naming the word and its position — never any
/// other exception.
/// </summary>
public static class InstructionParser
{
    /// <summary>Parses <paramref name="text"/>; throws <see cref="InstructionParseException"/> when it is not a valid,
    /// feasible instruction.</summary>
    public static Instruction Parse(string text) => Parse(text, null);

    /// <summary>Like <see cref="Parse(string)"/>; appends every lexicon phrase it matches to <paramref name="trace"/>.</summary>
    internal static Instruction Parse(string text, List<LexiconPhrase>? trace)
    {
        try
        {
            return ParseCore(text, trace);
        }
        catch (InstructionParseException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug, not a property of the text: still honour the contract that only parse errors come out.
            throw new InstructionParseException($"internal parser error ({ex.GetType().Name}: {ex.Message})", "", 0, 0);
        }
    }

    private static Instruction ParseCore(string? text, List<LexiconPhrase>? trace)
    {
        if (text is null) throw new InstructionParseException("the instruction is empty", "", 0, 0);
        if (text.Length > Lexicon.MaxTextLength) throw TooLong(text);
        if (string.IsNullOrWhiteSpace(text)) throw new InstructionParseException("the instruction is empty", "", 0, text.Length);

        var tokens = Tokenizer.Tokenize(text);
        foreach (var t in tokens)
            if (t.IsWord && !Lexicon.Vocabulary.Contains(t.Lower)) throw TokenCursor.ErrorAt(t, UnknownWord(t));

        var cursor = new TokenCursor(text, tokens, trace);
        var (objects, carried) = SceneReader.Read(cursor);
        SceneDefaults.CheckScene(objects); // a scene that cannot be set up is reported before the events are read
        var reader = new EventReader(cursor, objects, carried);
        reader.ReadAll();
        var (scene, events) = SceneDefaults.Resolve(objects, reader.Specs);
        return new Instruction(text, scene, events);
    }

    /// <summary>"unknown word 'slids' (did you mean 'slides'?)": the suggestion is the closest lexicon word within two edits.</summary>
    private static string UnknownWord(Token t)
    {
        string reason = $"unknown word '{t.Text}'";
        if (t.Lower.Length < 3 || t.Lower.Length > 40) return reason;
        string? best = null;
        int bestDistance = t.Lower.Length < 5 ? 2 : 3;
        foreach (var w in Lexicon.Vocabulary.Order(StringComparer.Ordinal))
        {
            int d = EditDistance(t.Lower, w, bestDistance);
            if (d < bestDistance) { best = w; bestDistance = d; }
        }
        return best is null ? reason : $"{reason} (did you mean '{best}'?)";
    }

    /// <summary>Levenshtein distance, or <paramref name="cap"/> as soon as it is known to be at least that.</summary>
    private static int EditDistance(string a, string b, int cap)
    {
        if (Math.Abs(a.Length - b.Length) >= cap) return cap;
        var row = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) row[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0], rowMin = row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int up = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = up;
                rowMin = Math.Min(rowMin, row[j]);
            }
            if (rowMin >= cap) return cap;
        }
        return Math.Min(row[b.Length], cap);
    }

    /// <summary>The too-long error, found without reading the text: it names the first word at or after the limit.</summary>
    private static InstructionParseException TooLong(string text)
    {
        string reason = $"the instruction is too long: {text.Length} characters, at most {Lexicon.MaxTextLength} are allowed";
        int start = Lexicon.MaxTextLength;
        while (start < text.Length && start < Lexicon.MaxTextLength + 200 && char.IsWhiteSpace(text[start])) start++;
        while (start > Lexicon.MaxTextLength - 40 && start > 0 && !char.IsWhiteSpace(text[start - 1])) start--;
        int end = start;
        while (end < text.Length && end - start < 40 && !char.IsWhiteSpace(text[end])) end++;
        if (end == start) return new InstructionParseException(reason, "", 0, Lexicon.MaxTextLength);
        return new InstructionParseException(reason, text[start..end], Tokenizer.CountWords(text, start + 1), start);
    }
}
