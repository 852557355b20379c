using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.Models.Text;
using TempAct.Tests.Cli;
using TempAct.World.Benchmarks;
using TempAct.World.Language;

namespace TempAct.Tests.Text;

/// <summary>The word tokenizer covers the whole instruction language, and models keep the vocabulary they were trained with.</summary>
[Collection(TorchCollection.Name)]
public sealed class WordTokenizerTests
{
    private static readonly WordTokenizer Tokenizer = WordTokenizer.CreateDefault();

    [Fact]
    public void Every_piece_of_every_lexicon_word_and_every_accepted_mark_is_a_token()
    {
        var missing = Lexicon.Vocabulary.SelectMany(WordTokenizer.Split).Concat(Lexicon.Marks).Concat(["-", "(", ")"])
            .Distinct().Where(t => Tokenizer.Id(t) == Tokenizer.UnkId).ToList();
        Assert.True(missing.Count == 0, "not in the vocabulary: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_instruction_the_parser_accepts_tokenizes_without_an_unknown_word()
    {
        var texts = new List<string>();
        var rng = new Random(17);
        for (int i = 0; i < 2000; i++) texts.Add(InstructionGenerator.Generate(rng, 1 + i % 6, wording: Wording.Full).Text);
        foreach (var item in ParaphraseSet.Load(Path.Combine(CliRunner.RepoRoot(), "data", "paraphrases.jsonl")))
            if (Accepted(item.Text)) texts.Add(item.Text);
        texts.Add("There’s a red circle at the bottom-left (of the screen)… It rises—then it falls at a snail’s pace!!");
        Assert.All(texts, t => Assert.True(Accepted(t), t));
        var unknown = texts.Where(t => Tokenizer.Encode(PlanPrompt.ForLm(t, null, 12)).Contains(Tokenizer.UnkId)).ToList();
        Assert.True(unknown.Count == 0, $"{unknown.Count} instructions have unknown words, e.g. {unknown.FirstOrDefault()}");
        // The executor's text encoder reads the same pieces (the global-caption baseline feeds it whole instructions).
        using var executor = new ExecutorTransformer(new ExecutorConfig { VocabSize = Tokenizer.Count, Dim = 32, Layers = 1, Heads = 2, TextLayers = 1, MaxTextTokens = 512 }, Tokenizer, 1);
        Assert.All(texts, t => executor.Tokenize(t));
    }

    [Fact]
    public void The_shipped_models_read_every_accepted_instruction_and_an_older_vocabulary_names_a_new_word()
    {
        string Dir(string model) => Path.Combine(CliRunner.RepoRoot(), "models", model);
        var texts = ParaphraseSet.Load(Path.Combine(CliRunner.RepoRoot(), "data", "paraphrases.jsonl")).Select(p => p.Text).Where(Accepted).ToList();
        Assert.True(texts.Count >= 300);
        // The retrained planner and the executor bases carry the whole language's vocabulary; the executors' text encoders
        // take every accepted instruction whole (the global-caption mode), within their MaxTextTokens.
        var (lm, plannerVocab) = PlannerCheckpoint.Load(Dir("planner-base"));
        using (lm) Assert.DoesNotContain(texts, t => plannerVocab.Encode(t).Contains(plannerVocab.UnkId));
        foreach (var name in new[] { "executor-sf", "executor-ll" })
        {
            using var executor = ExecutorCheckpoint.Load(Dir(name));
            Assert.All(texts, t => executor.Tokenize(t));
        }
        // A model keeps the vocabulary it was trained with: one from before a word existed gives the clear error.
        var older = new WordTokenizer(Tokenizer.Tokens.Where(t => t != "moved").ToList());
        using var old = new ExecutorTransformer(new ExecutorConfig { VocabSize = older.Count, Dim = 32, Layers = 1, Heads = 2, TextLayers = 1, MaxTextTokens = 80 }, older, 1);
        var e = Assert.Throws<PromptException>(() => old.Tokenize("red circle moved right"));
        Assert.Contains("unknown word 'moved'", e.Message);
    }

    private static bool Accepted(string text)
    {
        try { InstructionParser.Parse(text); return true; }
        catch (InstructionParseException) { return false; }
    }
}
