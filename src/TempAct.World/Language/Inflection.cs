namespace TempAct.World.Language;

/// <summary>
/// English verb morphology for the lexicon's verb phrases: the head (first word) of a lemma phrase is inflected, the
/// rest stays ("get bigger" → "gets bigger", "got bigger", "has gotten bigger", "is getting bigger"). Regular rules
/// plus <see cref="Lexicon.IrregularVerbs"/> and <see cref="Lexicon.DoublingVerbs"/>.
/// </summary>
internal static class Inflection
{
    private static readonly Dictionary<string, (string[] Past, string[] Participle)> Irregular =
        Lexicon.IrregularVerbs.ToDictionary(v => v.Lemma, v => (v.Past.Split('|'), v.Participle.Split('|')), StringComparer.Ordinal);

    private static readonly HashSet<string> Doubling = new(Lexicon.DoublingVerbs, StringComparer.Ordinal);

    /// <summary>Every spelling of the phrase with the forms it stands for, in the order base, present, past,
    /// participle, gerund (a spelling that is several forms appears once).</summary>
    public static IReadOnlyList<(string Text, VerbForms Forms)> Forms(string lemmaPhrase)
    {
        int space = lemmaPhrase.IndexOf(' ');
        string head = space < 0 ? lemmaPhrase : lemmaPhrase[..space];
        string tail = space < 0 ? "" : lemmaPhrase[space..];
        var result = new List<(string Text, VerbForms Forms)>();
        void Add(string word, VerbForms form)
        {
            string text = word + tail;
            int i = result.FindIndex(r => r.Text == text);
            if (i >= 0) result[i] = (text, result[i].Forms | form);
            else result.Add((text, form));
        }
        Add(head, VerbForms.Base);
        Add(Present(head), VerbForms.Present);
        foreach (var p in Past(head)) Add(p, VerbForms.Past);
        foreach (var p in Participle(head)) Add(p, VerbForms.Participle);
        foreach (var g in Gerund(head)) Add(g, VerbForms.Gerund);
        return result;
    }

    /// <summary>The spelling of one form (the first when there are several).</summary>
    public static string Form(string lemmaPhrase, VerbForms form) => Forms(lemmaPhrase).First(f => (f.Forms & form) != 0).Text;

    public static string Present(string verb)
    {
        if (verb == "be") return "is";
        if (verb.EndsWith('s') || verb.EndsWith('x') || verb.EndsWith('z') || verb.EndsWith("ch", StringComparison.Ordinal)
            || verb.EndsWith("sh", StringComparison.Ordinal) || verb.EndsWith('o')) return verb + "es";
        if (ConsonantY(verb)) return verb[..^1] + "ies";
        return verb + "s";
    }

    private static string[] Past(string verb) => Irregular.TryGetValue(verb, out var f) ? f.Past : [RegularPast(verb)];

    private static string[] Participle(string verb) => Irregular.TryGetValue(verb, out var f) ? f.Participle : [RegularPast(verb)];

    private static string RegularPast(string verb)
    {
        if (Doubling.Contains(verb)) return verb + verb[^1] + "ed";
        if (verb.EndsWith('e')) return verb + "d";
        if (ConsonantY(verb)) return verb[..^1] + "ied";
        return verb + "ed";
    }

    private static string[] Gerund(string verb)
    {
        if (verb == "be") return ["being"];
        if (Doubling.Contains(verb))
        {
            string plain = verb + "ing";
            bool alsoPlain = Irregular.TryGetValue(verb, out var f) && f.Past.Contains(verb + "ed");
            return alsoPlain ? [verb + verb[^1] + "ing", plain] : [verb + verb[^1] + "ing"];
        }
        if (verb.EndsWith("ie", StringComparison.Ordinal)) return [verb[..^2] + "ying"];
        if (verb.EndsWith('e') && !verb.EndsWith("ee", StringComparison.Ordinal)) return [verb[..^1] + "ing"];
        return [verb + "ing"];
    }

    private static bool ConsonantY(string verb) => verb.Length > 1 && verb[^1] == 'y' && !"aeiou".Contains(verb[^2]);
}
