using TempAct.World.Benchmarks;

namespace TempAct.World.Tests.Benchmarks;

/// <summary>The committed paraphrase set (instructions written the way people write them) and how well the parser reads it.</summary>
public sealed class ParaphraseSetTests
{
    private static string SetPath([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "data", "paraphrases.jsonl"));

    private static readonly Lazy<List<ParaphraseItem>> Items = new(() => ParaphraseSet.Load(SetPath()));

    [Fact]
    public void The_set_has_at_least_300_instructions_covering_every_kind_of_user_wording()
    {
        var texts = Items.Value.Select(i => i.Text.ToLowerInvariant()).ToList();
        Assert.True(texts.Count >= 300, $"only {texts.Count} instructions");
        // One marker per kind: inflection and aspect, clauses of time, bare and stative verbs, repetition and additive
        // words, particles and destinations, omitted sizes, manner words, articles, punctuation.
        string[] markers =
        [
            " moved ", " has moved ", " is moving ", "after moving", "when it has finished", "before it turns", " stays,", "keeps still",
            " waits,", " pauses", " rests ", " holds still", " again", " once,", " once more", " a second time", " too.", " as well",
            "falls down", "rises up to the top", "comes back", "quickly", "the shape", "...", "—",
        ];
        var missing = markers.Where(m => !texts.Any(t => t.Contains(m, StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, "no instruction contains: " + string.Join(", ", missing.Select(m => $"'{m}'")));
        Assert.Contains(texts, t => !new[] { "small", "tiny", "large", "big", "little", "huge" }.Any(w => t.Contains(w, StringComparison.Ordinal)) && t.Contains(" grows"));
    }

    [Fact]
    public void At_least_95_percent_parse_to_exactly_the_expected_events()
    {
        var report = ParseSetReport.Measure(Items.Value);
        Assert.True(report.ExactRate >= 0.95, $"{report.Exact} of {report.Total} exact ({report.ExactRate:P1}); rejected:\n"
            + string.Join("\n", report.Rejected.Take(20).Select(r => $"line {r.Item.Line}: {r.Reason}"))
            + "\nread differently:\n" + string.Join("\n", report.Different.Take(20).Select(d => $"line {d.Item.Line}: {string.Join("; ", d.Parsed.Events)}")));
        Assert.All(report.Rejected, r => Assert.DoesNotContain("internal parser error", r.Reason));
    }

    [Theory]
    [InlineData("{\"instruction\": \"x\"}\n", "field 'events'")]
    [InlineData("{\"events\": [{\"subject\": \"red circle\", \"action\": \"jump\"}]}\n", "field 'instruction'")]
    [InlineData("{\"instruction\": \"x\", \"events\": [{\"subject\": \"red circle\", \"action\": \"fly\"}]}\n", "field 'action'")]
    [InlineData("oops\n", "not valid JSON")]
    public void A_bad_line_names_the_file_line_and_field(string content, string expected)
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "\n" + content);
            var e = Assert.Throws<InvalidDataException>(() => ParaphraseSet.Load(path));
            Assert.Contains($"{path} line 2", e.Message);
            Assert.Contains(expected, e.Message);
        }
        finally { File.Delete(path); }
    }
}
