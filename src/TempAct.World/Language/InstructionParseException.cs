namespace TempAct.World.Language;

/// <summary>Text that is not in the instruction language, or describes something that cannot happen. Names the word
/// (as written), its 1-based word number and its 0-based character offset.</summary>
public sealed class InstructionParseException : Exception
{
    /// <summary>Creates the error; <paramref name="word"/> is empty when the problem is the end of the text.</summary>
    public InstructionParseException(string reason, string word, int wordNumber, int charOffset)
        : base(Format(reason, word, wordNumber, charOffset))
    {
        Reason = reason; Word = word; WordNumber = wordNumber; CharOffset = charOffset;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>The offending word as written ("" at the end of the text).</summary>
    public string Word { get; }

    /// <summary>1-based index of the word among the text's words (0 when there is none).</summary>
    public int WordNumber { get; }

    /// <summary>0-based character offset of the word in the text.</summary>
    public int CharOffset { get; }

    private static string Format(string reason, string word, int n, int offset) =>
        word.Length == 0 ? $"{reason} (at the end of the text, character {offset})"
                         : $"{reason}: '{word}' (word {n}, character {offset})";
}
