using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using TempAct.World.Language;

namespace TempAct.World.Tests.Language;

/// <summary>Keeps docs/instruction-language.md and the Lexicon in step, and runs the page's worked examples.</summary>
public sealed partial class DocumentationTests
{
    private static string DocPath([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "docs", "instruction-language.md"));

    private static readonly Lazy<string> Doc = new(() => File.ReadAllText(DocPath()));

    [Fact]
    public void The_page_lists_every_word_of_the_lexicon()
    {
        var lists = new IEnumerable<string>[]
        {
            Lexicon.Articles, Lexicon.ThereIs, Lexicon.SizeWords.Select(s => s.Word), Lexicon.HiddenWords, Lexicon.PostureVerbs, Lexicon.PostureStates,
            Lexicon.Placements.Select(p => p.Phrase), Lexicon.Placements.Select(p => p.Cell.Name), Lexicon.PlacementSuffixes, Lexicon.MoveVerbs,
            Lexicon.Directions.Select(d => d.Phrase), Lexicon.DirectionParticles, Lexicon.Destinations.Select(d => d.Phrase), Lexicon.UpVerbs,
            Lexicon.DownVerbs, Lexicon.UpParticles, Lexicon.DownParticles, Lexicon.ReturnVerbs, Lexicon.ActionVerbs.Select(v => v.Lemma),
            Lexicon.TurnVerbs, Lexicon.IrregularVerbs.Select(v => $"{v.Lemma} {v.Past} {v.Participle}"), Lexicon.DoublingVerbs,
            Lexicon.Auxiliaries.Select(a => a.Phrase), Lexicon.PaceBefore, Lexicon.PaceAfter, Lexicon.MannerWords, Lexicon.Counts.Select(c => c.Phrase),
            Lexicon.RepetitionWords, Lexicon.StayDurations, Lexicon.Connectives, Lexicon.OpeningConnectives, Lexicon.Sequencers,
            Lexicon.Conjunctions.Select(c => c.Word), Lexicon.CompletionVerbs, Lexicon.CompletionWords, Lexicon.SimultaneityWords, Lexicon.GenericNouns,
            Lexicon.Marks, [Lexicon.Back],
            Enum.GetValues<TempAct.World.Scenes.ColorName>().Select(c => c.ToString().ToLowerInvariant()),
            Enum.GetValues<TempAct.World.Scenes.ShapeKind>().Select(c => c.ToString().ToLowerInvariant()),
            [Lexicon.Pronoun, Lexicon.Definite, Lexicon.And],
        };
        var missing = lists.SelectMany(l => l).Distinct().Where(w => !Doc.Value.Contains($"`{w}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "not in docs/instruction-language.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_core_phrase_is_in_the_language_with_the_same_meaning()
    {
        foreach (var (text, action, color) in CoreLexicon.ActionPhrases)
            Assert.Contains(Lexicon.OfKind(PhraseKind.Action), p => p.Text == text && p.Action == action && p.Color == color && p.Core);
        foreach (var (phrase, cell) in CoreLexicon.Placements)
            Assert.Contains(Lexicon.OfKind(PhraseKind.Placement), p => p.Text == phrase && p.Cell == cell && p.Core);
        foreach (var posture in CoreLexicon.Postures) Assert.Contains(Lexicon.OfKind(PhraseKind.Posture), p => p.Text == posture && p.Core);
        foreach (var c in CoreLexicon.Connectives) Assert.Contains(c, Lexicon.Connectives);
        foreach (var (phrase, count) in CoreLexicon.Counts) Assert.Contains((phrase, count), Lexicon.Counts);
        Assert.Subset(Lexicon.PaceAfter.ToHashSet(), CoreLexicon.PaceAfter.ToHashSet());
    }

    [Fact]
    public void The_worked_examples_parse_as_shown()
    {
        var blocks = ExampleBlock().Matches(Doc.Value).Select(m => m.Groups[1].Value).ToList();
        Assert.True(blocks.Count >= 15, $"only {blocks.Count} examples");
        foreach (var block in blocks)
        {
            var fields = block.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
            string text = fields["text"];
            if (fields.TryGetValue("error", out var error))
            {
                var e = Assert.Throws<InstructionParseException>(() => InstructionParser.Parse(text));
                Assert.Equal(error, e.Message);
                continue;
            }
            var i = InstructionParser.Parse(text);
            Assert.Equal(fields["scene"], string.Join("; ", i.Scene.Objects.Select(o =>
                $"{o.Size.ToString().ToLowerInvariant()} {(o.Visible ? "" : "hidden ")}{o.Name} at {o.Placement.Name}")));
            Assert.Equal(fields["events"], string.Join("; ", i.Events));
        }
    }

    [GeneratedRegex("```example\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
