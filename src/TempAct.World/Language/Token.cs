namespace TempAct.World.Language;

/// <summary>A word or punctuation mark of an instruction, with where it stands in the text.</summary>
/// <param name="Text">As written.</param>
/// <param name="Lower">Lower case, curly apostrophes made straight; what the lexicon is matched against.</param>
/// <param name="WordNumber">1-based number of the whitespace-separated word it belongs to.</param>
/// <param name="Offset">0-based character offset in the text.</param>
/// <param name="IsWord">True for a word, false for punctuation.</param>
internal readonly record struct Token(string Text, string Lower, int WordNumber, int Offset, bool IsWord);
