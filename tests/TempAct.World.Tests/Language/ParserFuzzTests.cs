using TempAct.World.Language;
using TempAct.World.Simulation;

namespace TempAct.World.Tests.Language;

public sealed class ParserFuzzTests
{
    private static readonly string[] Words = [.. Lexicon.Vocabulary.Order(StringComparer.Ordinal), "zorble", "Ünïcode", "42", "it's", "-", "--"];
    private const string Marks = ".,;!?:-'\"()[]{}@#\t\n ";

    /// <summary>Parses <paramref name="text"/>: success must give a feasible instruction, failure a well-formed parse error.</summary>
    private static bool Check(string text)
    {
        try
        {
            var i = InstructionParser.Parse(text);
            Assert.Equal(text, i.Text);
            Assert.InRange(i.Events.Count, 1, Lexicon.MaxEvents);
            Assert.Null(WorldSimulator.Check(i.Scene, i.Events));
            return true;
        }
        catch (InstructionParseException e)
        {
            Assert.DoesNotContain("internal parser error", e.Message);
            Assert.InRange(e.CharOffset, 0, text.Length);
            Assert.True(e.WordNumber >= 0);
            if (e.Word.Length > 0) Assert.Equal(e.Word, text.Substring(e.CharOffset, e.Word.Length));
            return false;
        }
    }

    [Fact]
    public void Random_characters_never_throw_anything_but_parse_errors()
    {
        var rng = new Random(1);
        for (int n = 0; n < 1500; n++)
        {
            var chars = new char[rng.Next(0, 80)];
            for (int k = 0; k < chars.Length; k++)
                chars[k] = rng.Next(4) switch
                {
                    0 => Marks[rng.Next(Marks.Length)],
                    1 => (char)rng.Next(0, 0x3000),
                    2 => (char)rng.Next(0xD800, 0xE000), // lone surrogates
                    _ => (char)('a' + rng.Next(26)),
                };
            Check(new string(chars));
        }
    }

    [Fact]
    public void Word_salad_never_throws_anything_but_parse_errors()
    {
        var rng = new Random(2);
        for (int n = 0; n < 3000; n++)
        {
            var parts = Enumerable.Range(0, rng.Next(1, 40))
                .Select(_ => rng.Next(6) == 0 ? Marks[rng.Next(Marks.Length)].ToString() : Words[rng.Next(Words.Length)]);
            Check(string.Join(rng.Next(3) == 0 ? "" : " ", parts));
        }
    }

    [Fact]
    public void Mutated_instructions_never_throw_anything_but_parse_errors()
    {
        var rng = new Random(3);
        int parsed = 0;
        for (int n = 0; n < 3000; n++)
        {
            var words = InstructionGenerator.Generate(rng, 1 + rng.Next(6), wording: Wording.Full).Text.Split(' ').ToList();
            for (int m = rng.Next(1, 4); m > 0 && words.Count > 0; m--)
            {
                int at = rng.Next(words.Count);
                switch (rng.Next(4))
                {
                    case 0: words.RemoveAt(at); break;
                    case 1: words.Insert(at, Words[rng.Next(Words.Length)]); break;
                    case 2: words[at] = Words[rng.Next(Words.Length)]; break;
                    default: (words[at], words[^1]) = (words[^1], words[at]); break;
                }
            }
            if (Check(string.Join(' ', words))) parsed++;
        }
        Assert.InRange(parsed, 1, 2999); // some mutations stay valid, most do not
    }
}
