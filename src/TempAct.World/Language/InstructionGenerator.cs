using TempAct.World.Events;
using TempAct.World.Scenes;
using TempAct.World.Simulation;

namespace TempAct.World.Language;

/// <summary>
/// Writes random instructions in the language of docs/instruction-language.md: feasible content from
/// <see cref="ScenarioSampler"/>, rendered in the core forms (<see cref="Wording.Core"/>, this class; the default, so a
/// caller that does not ask gets the text it always got) or in the whole language (<see cref="Wording.Full"/>,
/// <see cref="FullWriter"/>). Deterministic: the text depends only on the <see cref="Random"/> passed in.
/// </summary>
public static class InstructionGenerator
{
    private static readonly string[] MidConnectives = ["then", "after that", "after this", "next", "afterwards"];
    private static readonly string[] HiddenPostures = ["rests", "sits", "waits", "lies", "is", "starts"];

    /// <summary>Draws a feasible scene with <paramref name="eventCount"/> events (1–6) and writes it as text.</summary>
    public static Instruction Generate(Random rng, int eventCount, ScenarioSampler.Options? options = null, Wording wording = Wording.Core)
    {
        if (eventCount is < 1 or > Lexicon.MaxEvents)
            throw new ArgumentOutOfRangeException(nameof(eventCount), $"an instruction has 1 to {Lexicon.MaxEvents} events");
        var (scene, events) = ScenarioSampler.Sample(rng, eventCount, options);
        return new Instruction(Render(rng, scene, events, wording), scene, events);
    }

    /// <summary>Writes given content (a scene and 1–6 events about its objects) as instruction text, choosing the wording with <paramref name="rng"/>.</summary>
    public static string Render(Random rng, Scene scene, IReadOnlyList<WorldEvent> events, Wording wording = Wording.Core)
    {
        if (events.Count is < 1 or > Lexicon.MaxEvents)
            throw new ArgumentException($"an instruction has 1 to {Lexicon.MaxEvents} events", nameof(events));
        if (wording == Wording.Full) return FullWriter.Write(rng, scene, events);
        var sentences = new List<string>();
        SceneSentences(rng, scene, sentences);
        EventSentences(rng, scene, events, sentences);
        return string.Join(" ", sentences.Select(s => char.ToUpperInvariant(s[0]) + s[1..] + "."));
    }

    private static void SceneSentences(Random rng, Scene scene, List<string> sentences)
    {
        var objects = scene.Objects;
        // Group the objects into sentences: all apart, all together, or (three objects) two together and one apart.
        var groups = new List<List<SceneObject>>();
        int style = objects.Count == 1 ? 0 : rng.Next(objects.Count == 3 ? 4 : 2);
        switch (style)
        {
            case 0: groups.AddRange(objects.Select(o => new List<SceneObject> { o })); break;
            case 1: groups.Add([.. objects]); break;
            case 2: groups.Add([objects[0], objects[1]]); groups.Add([objects[2]]); break;
            default: groups.Add([objects[0]]); groups.Add([objects[1], objects[2]]); break;
        }
        foreach (var group in groups)
        {
            bool thereIs = rng.NextDouble() < 0.3;
            var clauses = group.Select(o => ObjectClause(rng, o, posture: !thereIs)).ToList();
            string joined = clauses.Count switch
            {
                1 => clauses[0],
                2 => clauses[0] + (rng.NextDouble() < 0.2 ? ", and " : " and ") + clauses[1],
                _ => clauses[0] + ", " + clauses[1] + (rng.NextDouble() < 0.3 ? ", and " : " and ") + clauses[2],
            };
            sentences.Add(thereIs ? Pick(rng, CoreLexicon.ThereIs.Where(t => group.Count > 1 || t != "there are").ToArray()) + " " + joined : joined);
        }
    }

    /// <summary>"a small hidden blue square waits on the right" (the posture only when <paramref name="posture"/>).</summary>
    private static string ObjectClause(Random rng, SceneObject o, bool posture)
    {
        bool hiddenAfter = !o.Visible && posture && rng.NextDouble() < 0.3;
        var modifiers = new List<string>();
        if (!o.Visible && !hiddenAfter) modifiers.Add(Pick(rng, CoreLexicon.HiddenWords));
        string? sizeWord = o.Size == SizeClass.Small || rng.NextDouble() < 0.5
            ? Pick(rng, CoreLexicon.SizeWords.Where(s => s.Size == o.Size).Select(s => s.Word).ToArray())
            : null;
        if (sizeWord is not null) modifiers.Insert(rng.Next(modifiers.Count + 1), sizeWord);
        modifiers.Add(o.Name);
        string noun = string.Join(" ", modifiers);
        string article = "aeiou".Contains(noun[0]) ? "an" : "a";
        string verb = !posture ? "" : hiddenAfter
            ? Pick(rng, HiddenPostures) + " " + Pick(rng, CoreLexicon.HiddenWords) + " "
            : Pick(rng, CoreLexicon.Postures) + " ";
        return $"{article} {noun} {verb}{PlacementPhrase(rng, o.Placement)}";
    }

    private static string PlacementPhrase(Random rng, Placement cell)
    {
        var words = Pick(rng, CoreLexicon.Placements.Where(p => p.Cell == cell).Select(p => p.Phrase).ToArray()).Split(' ');
        var sb = new System.Text.StringBuilder(words[0]);
        for (int i = 1; i < words.Length; i++)
        {
            bool hyphen = words[i] is "left" or "right" && words[i - 1] is "top" or "bottom" or "upper" or "lower" && rng.NextDouble() < 0.3;
            sb.Append(hyphen ? '-' : ' ').Append(words[i]);
        }
        return sb.ToString();
    }

    private static void EventSentences(Random rng, Scene scene, IReadOnlyList<WorldEvent> events, List<string> sentences)
    {
        // Runs of identical events become one clause with a count most of the time.
        var clauses = new List<(WorldEvent Event, int Count)>();
        for (int i = 0; i < events.Count;)
        {
            int run = 1;
            while (i + run < events.Count && events[i + run] == events[i]) run++;
            if (run > 1 && rng.NextDouble() < 0.75) { clauses.Add((events[i], run)); i += run; }
            else { clauses.Add((events[i], 1)); i++; }
        }
        // Split the clauses into sentences of one to three clauses.
        var sizes = new List<int>();
        for (int left = clauses.Count; left > 0;)
        {
            int size = Math.Min(left, rng.NextDouble() switch { < 0.4 => 1, < 0.8 => 2, _ => 3 });
            sizes.Add(size);
            left -= size;
        }
        string? previous = null;
        int c = 0;
        foreach (int size in sizes)
        {
            var sentence = new System.Text.StringBuilder();
            for (int k = 0; k < size; k++, c++)
            {
                var (ev, count) = clauses[c];
                bool lastEvent = c == clauses.Count - 1;
                string subject = Subject(rng, scene, ev.Subject, previous, k == 0);
                if (k == 0) sentence.Append(SentenceOpening(rng, previous is null, lastEvent));
                else sentence.Append(Joiner(rng, lastEvent, listStyle: subject.Length == 0 && k < size - 1));
                sentence.Append(subject).Append(VerbPhrase(rng, ev, count));
                previous = ev.Subject;
            }
            sentences.Add(sentence.ToString());
        }
    }

    private static string SentenceOpening(Random rng, bool firstEvent, bool lastEvent)
    {
        if (firstEvent)
            return rng.NextDouble() < 0.15 ? Pick(rng, CoreLexicon.OpeningConnectives) + ", " : "";
        if (rng.NextDouble() < 0.35) return "";
        var choices = CoreLexicon.Connectives.Where(k => k != "finally" || lastEvent).ToArray();
        string connective = Pick(rng, choices);
        bool comma = connective.StartsWith("once", StringComparison.Ordinal) || rng.NextDouble() < 0.5;
        return connective + (comma ? ", " : " ");
    }

    /// <summary>What joins two clauses of a sentence; a bare comma only in a list ("slides right, turns blue, and jumps").</summary>
    private static string Joiner(Random rng, bool lastEvent, bool listStyle)
    {
        if (lastEvent && rng.NextDouble() < 0.4)
            return Pick(rng, [", and finally ", " and finally "]);
        return rng.Next(listStyle ? 7 : 6) switch
        {
            0 => " and ",
            1 => ", and ",
            2 => " then ",
            3 => " and then ",
            4 => ", and then ",
            5 => ", " + Pick(rng, MidConnectives) + " ",
            _ => ", ",
        };
    }

    /// <summary>The subject with its trailing space: omitted, "it", "the circle" or "the red circle".</summary>
    private static string Subject(Random rng, Scene scene, string subject, string? previous, bool firstInSentence)
    {
        double roll = rng.NextDouble();
        if (subject == previous)
        {
            if (!firstInSentence && roll < 0.65) return "";
            if (roll < 0.85) return Lexicon.Pronoun + " ";
        }
        else if (previous is null && scene.Objects.Count == 1 && roll < 0.4)
            return Lexicon.Pronoun + " ";
        var o = scene.Find(subject) ?? throw new ArgumentException($"no object named '{subject}' in the scene");
        bool uniqueShape = scene.Objects.Count(x => x.Shape == o.Shape) == 1;
        return uniqueShape && rng.NextDouble() < 0.5 ? $"{Lexicon.Definite} {o.Shape.Word()} " : $"{Lexicon.Definite} {o.Name} ";
    }

    /// <summary>"slowly slides to the right", "jumps twice", "grows at a slow pace" …</summary>
    private static string VerbPhrase(Random rng, WorldEvent ev, int count)
    {
        var paraphrases = CoreLexicon.ActionPhrases.Where(p => p.Action == ev.Action && p.Color == ev.TargetColor).ToArray();
        string verb = Pick(rng, paraphrases).Text;
        bool slow = ev.Pace == Pace.Slow;
        bool paceFirst = slow && rng.NextDouble() < 0.5;
        var after = new List<string>();
        if (slow && !paceFirst) after.Add(Pick(rng, CoreLexicon.PaceAfter));
        if (count > 1)
            after.Insert(rng.Next(after.Count + 1), Pick(rng, CoreLexicon.Counts.Where(k => k.Count == count).Select(k => k.Phrase).ToArray()));
        string before = paceFirst ? Pick(rng, CoreLexicon.PaceBefore) + " " : "";
        return before + verb + string.Concat(after.Select(a => " " + a));
    }

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}
