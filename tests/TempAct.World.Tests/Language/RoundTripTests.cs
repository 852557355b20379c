using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Scenes;

namespace TempAct.World.Tests.Language;

public sealed class RoundTripTests(GeneratedCorpus corpus) : IClassFixture<GeneratedCorpus>
{
    [Fact]
    public void Every_generated_instruction_parses_back_to_its_scene_and_events()
    {
        var wrong = new List<string>();
        for (int i = 0; i < GeneratedCorpus.Size; i++)
        {
            var g = corpus.Generated[i];
            var p = corpus.Parsed[i];
            if (p is null) wrong.Add($"#{i} '{g.Text}': {corpus.Failures[i]}");
            else if (!p.Equals(g))
                wrong.Add($"#{i} '{g.Text}': parsed [{string.Join(", ", p.Events)}] vs [{string.Join(", ", g.Events)}]");
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {GeneratedCorpus.Size} did not round-trip:\n" + string.Join("\n", wrong.Take(20)));
    }

    [Fact]
    public void The_corpus_covers_every_object_count_event_count_count_word_and_pace()
    {
        Assert.Equal([1, 2, 3], corpus.Generated.Select(g => g.Scene.Objects.Count).Distinct().Order());
        Assert.Equal([1, 2, 3, 4, 5, 6], corpus.Generated.Select(g => g.Events.Count).Distinct().Order());
        Assert.Contains(corpus.Generated, g => g.Events.Any(e => e.Pace == Pace.Slow));
        Assert.Contains(corpus.Generated, g => g.Scene.Objects.Any(o => !o.Visible));
        Assert.Contains(corpus.Generated, g => g.Scene.Objects.Any(o => o.Size == SizeClass.Small));
    }

    [Fact]
    public void Every_action_has_at_least_four_paraphrases_and_the_generator_uses_each()
    {
        foreach (var action in Enum.GetValues<ActionKind>())
        {
            var paraphrases = Lexicon.Phrases.Where(p => p.Kind == PhraseKind.Action && p.Action == action).Select(p => p.Lemma).Distinct().ToList();
            Assert.True(paraphrases.Count >= 4, $"{action} has only {paraphrases.Count} paraphrases");
            var used = corpus.Used.Where(p => p.Kind == PhraseKind.Action && p.Action == action).Select(p => p.Lemma).ToHashSet();
            var missing = paraphrases.Where(p => !used.Contains(p)).ToList();
            Assert.True(missing.Count == 0, $"{action}: never generated: {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public void The_generator_uses_every_phrase_of_the_lexicon()
    {
        var unused = Lexicon.Phrases.Where(p => !corpus.Used.Contains(p)).Select(p => $"{p.Kind}: '{p.Text}'").ToList();
        Assert.True(unused.Count == 0, "never generated: " + string.Join(", ", unused));
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        string[] Run(int seed)
        {
            var rng = new Random(seed);
            return Enumerable.Range(0, 200).Select(i => InstructionGenerator.Generate(rng, 1 + i % 6, GeneratedCorpus.OptionsFor(i)).Text).ToArray();
        }
        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
        var rng = new Random(GeneratedCorpus.Seed);
        for (int i = 0; i < 50; i++)
            Assert.Equal(corpus.Generated[i].Text, InstructionGenerator.Generate(rng, 1 + i % 6, GeneratedCorpus.OptionsFor(i)).Text);
    }
}
