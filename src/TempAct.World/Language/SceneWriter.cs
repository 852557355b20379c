using TempAct.World.Scenes;

namespace TempAct.World.Language;

/// <summary>
/// Writes the scene part in the whole language: articles ("a", "the"), "there is/was", a placement first ("In the
/// middle sits …"), postures in the instruction's tense, sizes left out and corners given by a side ("on the left") when
/// the parser's defaults (<see cref="SceneDefaults"/>) give back exactly this scene for these events; otherwise the
/// facts are stated.
/// </summary>
internal static class SceneWriter
{
    private sealed record Choice(SceneObject Object, bool StateSize, LexiconPhrase Place);

    /// <summary>The scene sentences (without end marks) and, when <paramref name="carry"/> asks the last one to run into
    /// the first event, whether its last clause has a posture verb.</summary>
    public static (List<string> Sentences, bool LastHasPosture) Write(Random rng, Scene scene, bool past, IReadOnlyList<EventSpec> specs, bool carry)
    {
        var choices = scene.Objects.Select(o => new Choice(o,
            o.Size == SizeClass.Small ? rng.NextDouble() < 0.75 : rng.NextDouble() < 0.35, PlacePhrase(rng, o.Placement))).ToList();
        if (!Settles(scene, choices, specs))
        {
            choices = choices.Select(c => c with { StateSize = true }).ToList();
            if (!Settles(scene, choices, specs))
                choices = choices.Select(c => c with { Place = c.Place.Cell == c.Object.Placement ? c.Place : ExactPhrase(rng, c.Object.Placement) }).ToList();
        }
        var objects = choices.Count;
        var groups = new List<List<Choice>>();
        int style = objects == 1 ? 0 : rng.Next(objects == 3 ? 4 : 2);
        switch (style)
        {
            case 0: groups.AddRange(choices.Select(c => new List<Choice> { c })); break;
            case 1: groups.Add([.. choices]); break;
            case 2: groups.Add([choices[0], choices[1]]); groups.Add([choices[2]]); break;
            default: groups.Add([choices[0]]); groups.Add([choices[1], choices[2]]); break;
        }
        var sentences = new List<string>();
        bool lastHasPosture = false;
        for (int g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            bool carrying = carry && g == groups.Count - 1;
            double roll = rng.NextDouble();
            if (!carrying && group.Count == 1 && roll < 0.08) { sentences.Add(Fronted(rng, group[0], past)); continue; }
            bool thereIs = !carrying && roll < 0.28;
            var clauses = new List<string>();
            foreach (var c in group)
            {
                bool posture = !thereIs && (carrying ? rng.NextDouble() < 0.5 : rng.NextDouble() < 0.85);
                clauses.Add(ObjectClause(rng, c, posture, past, allowThe: !thereIs));
                lastHasPosture = posture;
            }
            string joined = clauses.Count switch
            {
                1 => clauses[0],
                2 => clauses[0] + (rng.NextDouble() < 0.2 ? ", and " : " and ") + clauses[1],
                _ => clauses[0] + ", " + clauses[1] + (rng.NextDouble() < 0.3 ? ", and " : " and ") + clauses[2],
            };
            sentences.Add(thereIs ? ThereIs(rng, group.Count, past) + " " + joined : joined);
        }
        return (sentences, lastHasPosture);
    }

    /// <summary>True when the parser, given what these choices state, settles on exactly <paramref name="scene"/>.</summary>
    private static bool Settles(Scene scene, List<Choice> choices, IReadOnlyList<EventSpec> specs)
    {
        var descriptions = choices.Select(c => new ObjectDescription(c.Object.Color, c.Object.Shape, c.StateSize ? c.Object.Size : null,
            LexiconPlacements.Region(c.Place.Cell!.Value, c.Place.Side), c.Object.Visible, default, "")).ToList();
        foreach (var candidate in SceneDefaults.Candidates(descriptions))
            if (SceneDefaults.Play(candidate, specs).Problem is null) return candidate.Equals(scene);
        return false;
    }

    private static LexiconPhrase PlacePhrase(Random rng, Placement cell)
    {
        bool corner = cell.Column != 1 && cell.Row != 1;
        var sides = Lexicon.OfKind(PhraseKind.Placement).Where(p => p.Side && LexiconPlacements.Region(p.Cell!.Value, true).Contains(cell)).ToArray();
        if (corner && rng.NextDouble() < 0.25) return Pick(rng, sides);
        return ExactPhrase(rng, cell);
    }

    /// <summary>A placement whose preferred cell is <paramref name="cell"/>.</summary>
    private static LexiconPhrase ExactPhrase(Random rng, Placement cell) =>
        Pick(rng, Lexicon.OfKind(PhraseKind.Placement).Where(p => p.Cell == cell).ToArray());

    /// <summary>"a small hidden blue square waits on the right", "the red circle is at the top".</summary>
    private static string ObjectClause(Random rng, Choice c, bool posture, bool past, bool allowThe)
    {
        var o = c.Object;
        bool hiddenAfter = !o.Visible && posture && rng.NextDouble() < 0.3;
        var modifiers = new List<string>();
        if (!o.Visible && !hiddenAfter) modifiers.Add(Pick(rng, Lexicon.HiddenWords));
        if (c.StateSize) modifiers.Insert(rng.Next(modifiers.Count + 1), Pick(rng, Lexicon.SizeWords.Where(s => s.Size == o.Size).Select(s => s.Word).ToArray()));
        modifiers.Add(o.Name);
        string noun = string.Join(" ", modifiers);
        string article = allowThe && rng.NextDouble() < 0.15 ? "the" : "aeiou".Contains(noun[0]) ? "an" : "a";
        string verb = !posture ? "" : Pick(rng, Postures(past)) + (hiddenAfter ? " " + Pick(rng, Lexicon.HiddenWords) : "") + " ";
        return $"{article} {noun} {verb}{Place(rng, c.Place)}";
    }

    /// <summary>"In the middle there is a white circle", "On the left sat a small red square".</summary>
    private static string Fronted(Random rng, Choice c, bool past)
    {
        var o = c.Object;
        var words = new List<string>();
        if (!o.Visible) words.Add(Pick(rng, Lexicon.HiddenWords));
        if (c.StateSize) words.Insert(rng.Next(words.Count + 1), Pick(rng, Lexicon.SizeWords.Where(s => s.Size == o.Size).Select(s => s.Word).ToArray()));
        words.Add(o.Name);
        string noun = string.Join(" ", words);
        string article = "aeiou".Contains(noun[0]) ? "an" : "a";
        string verb = rng.NextDouble() < 0.5 ? ThereIs(rng, 1, past) : Pick(rng, Postures(past).Where(p => !p.StartsWith("can", StringComparison.Ordinal)).ToArray());
        return $"{Place(rng, c.Place)}{(rng.NextDouble() < 0.3 ? "," : "")} {verb} {article} {noun}";
    }

    private static string Place(Random rng, LexiconPhrase place)
    {
        var words = place.Text.Split(' ');
        var sb = new System.Text.StringBuilder(words[0]);
        for (int i = 1; i < words.Length; i++)
        {
            bool hyphen = words[i] is "left" or "right" && words[i - 1] is "top" or "bottom" or "upper" or "lower" && rng.NextDouble() < 0.3;
            sb.Append(hyphen ? '-' : ' ').Append(words[i]);
        }
        if (rng.NextDouble() < 0.05) sb.Append(' ').Append(Pick(rng, Lexicon.PlacementSuffixes));
        return sb.ToString();
    }

    private static string ThereIs(Random rng, int objects, bool past) => past
        ? objects > 1 && rng.NextDouble() < 0.5 ? "there were" : "there was"
        : Pick(rng, Lexicon.ThereIs.Where(t => !t.Contains("was") && !t.Contains("were") && (objects > 1 || t != "there are")).ToArray());

    private static readonly string[] PresentPostures = PostureList(past: false), PastPostures = PostureList(past: true);

    private static string[] Postures(bool past) => past ? PastPostures : PresentPostures;

    /// <summary>The posture phrases of one tense: present or past forms of the posture verbs, "is/was" + "-ing", and the
    /// "is/was" states.</summary>
    private static string[] PostureList(bool past)
    {
        var list = new List<string>();
        foreach (var verb in Lexicon.PostureVerbs)
            foreach (var (text, forms) in Inflection.Forms(verb))
            {
                if ((forms & (past ? VerbForms.Past : VerbForms.Present)) != 0) list.Add(text);
                if ((forms & VerbForms.Gerund) != 0 && !verb.Contains(' ')) list.Add((past ? "was " : "is ") + text);
            }
        list.AddRange(Lexicon.PostureStates.Where(s => s.StartsWith(past ? "was" : "is", StringComparison.Ordinal) || (!past && s.StartsWith("can", StringComparison.Ordinal))));
        return list.Distinct().ToArray();
    }

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}
