using System.Text.Json;

namespace TempAct.Judges.Http;

/// <summary>
/// Finds the JSON object in a model's answer, however it is wrapped: a thinking model's <c>&lt;think&gt;…&lt;/think&gt;</c>
/// preamble is dropped, then every balanced <c>{…}</c> span (strings and escapes respected, so braces inside strings do
/// not count) is tried in order, and the first that parses wins — bare JSON, fenced ```json blocks and "Here is my
/// answer: {…}" all work. Trailing commas and comments are tolerated; nothing else is repaired.
/// </summary>
public static class JsonAnswerExtractor
{
    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>The first JSON object in <paramref name="answer"/>, or null when there is none.</summary>
    public static JsonDocument? Extract(string? answer)
    {
        if (string.IsNullOrEmpty(answer)) return null;
        string text = answer;
        int think = text.LastIndexOf("</think>", StringComparison.Ordinal);
        if (think >= 0) text = text[(think + "</think>".Length)..];
        for (int start = text.IndexOf('{'); start >= 0; start = text.IndexOf('{', start + 1))
        {
            int end = MatchingBrace(text, start);
            if (end < 0) continue;
            try { return JsonDocument.Parse(text.AsMemory(start, end - start + 1), Lenient); }
            catch (JsonException) { }
        }
        return null;
    }

    /// <summary>Index of the brace closing the one at <paramref name="start"/>, or −1.</summary>
    private static int MatchingBrace(string s, int start)
    {
        int depth = 0;
        bool inString = false;
        for (int i = start; i < s.Length; i++)
        {
            char c = s[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') inString = true;
            else if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
        }
        return -1;
    }
}
