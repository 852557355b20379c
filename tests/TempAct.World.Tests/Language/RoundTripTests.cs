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
    public void Every_action_has_at_least_four_verbs_and_the_generator_uses_every_verb_complement_and_form()
    {
        var actions = Lexicon.OfKind(PhraseKind.Action).ToList();
        foreach (var action in Enum.GetValues<ActionKind>())
        {
            int lemmas = actions.Where(p => p.Action == action).Select(p => p.Lemma).Distinct().Count();
            Assert.True(lemmas >= 4, $"{action} has only {lemmas} verbs");
        }
        var used = corpus.Used.Where(p => p.Kind == PhraseKind.Action).ToList();
        var missing = actions.Select(p => p.Lemma).Distinct().Except(used.Select(p => p.Lemma)).ToList();
        Assert.True(missing.Count == 0, "verbs never generated: " + string.Join(", ", missing));
        var complements = actions.Select(p => p.Complement).Distinct().Except(used.Select(p => p.Complement)).ToList();
        Assert.True(complements.Count == 0, "complements never generated: " + string.Join(", ", complements.Select(c => $"'{c}'")));
        foreach (var form in new[] { VerbForms.Base, VerbForms.Present, VerbForms.Past, VerbForms.Participle, VerbForms.Gerund })
            Assert.Contains(used, p => (p.Forms & form) != 0); // the auxiliaries that take each form are covered below
    }

    [Fact]
    public void The_generator_uses_every_phrase_outside_the_verb_tables()
    {
        // Verb phrases come in every form with every complement (thousands); the test above covers them by part. A bare
        // direction's words are the complements of the full clauses: here it is enough that every kind of move occurs.
        var byPart = new[] { PhraseKind.Action, PhraseKind.Completion, PhraseKind.Direction };
        var unused = Lexicon.Phrases.Where(p => !byPart.Contains(p.Kind) && p.Kind != PhraseKind.Simultaneity && !corpus.Used.Contains(p))
            .Select(p => $"{p.Kind}: '{p.Text}'").ToList();
        Assert.True(unused.Count == 0, "never generated: " + string.Join(", ", unused));
        var completions = Lexicon.OfKind(PhraseKind.Completion).Select(p => p.Lemma).Distinct()
            .Except(corpus.Used.Where(p => p.Kind == PhraseKind.Completion).Select(p => p.Lemma)).ToList();
        Assert.True(completions.Count == 0, "completions never generated: " + string.Join(", ", completions));
        var moves = Lexicon.OfKind(PhraseKind.Direction).Select(p => (p.Action, p.Target)).Distinct()
            .Except(corpus.Used.Where(p => p.Kind == PhraseKind.Direction).Select(p => (p.Action, p.Target))).ToList();
        Assert.True(moves.Count == 0, "bare directions never generated: " + string.Join(", ", moves));
    }

    [Fact]
    public void The_core_wording_round_trips_and_uses_only_core_phrases()
    {
        var rng = new Random(5);
        for (int i = 0; i < 1000; i++)
        {
            var g = InstructionGenerator.Generate(rng, 1 + i % 6, GeneratedCorpus.OptionsFor(i), Wording.Core);
            var trace = new List<LexiconPhrase>();
            var p = InstructionParser.Parse(g.Text, trace);
            Assert.Equal(g, p);
            Assert.All(trace, phrase => Assert.True(phrase.Core, $"'{phrase.Text}' ({phrase.Kind}) is not a core phrase, in '{g.Text}'"));
        }
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        string[] Run(int seed)
        {
            var rng = new Random(seed);
            return Enumerable.Range(0, 200).Select(i => InstructionGenerator.Generate(rng, 1 + i % 6, GeneratedCorpus.OptionsFor(i), Wording.Full).Text).ToArray();
        }
        // The generator depends on the Random it is given alone: a run interleaved with another seed's is unchanged.
        var alone = Run(7);
        var other = Run(8);
        Assert.Equal(alone, Run(7));
        Assert.NotEqual(alone, other);
        var rng = new Random(GeneratedCorpus.Seed);
        for (int i = 0; i < 50; i++)
            Assert.Equal(corpus.Generated[i].Text, InstructionGenerator.Generate(rng, 1 + i % 6, GeneratedCorpus.OptionsFor(i), Wording.Full).Text);
    }
}
