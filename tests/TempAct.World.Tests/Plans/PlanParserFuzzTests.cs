using System.Globalization;
using System.Text;
using TempAct.World.Plans;

namespace TempAct.World.Tests.Plans;

/// <summary>
/// The parser exists to tolerate bad model output: type-confused JSON (strings, nulls, floats, booleans, nesting, huge
/// numbers, missing fields, objects where arrays belong), mutated plans and random text must all give a format score of
/// 0, 0.5 or 1 and a plan that tiles the video — never an exception.
/// </summary>
public sealed class PlanParserFuzzTests
{
    private const string Instruction = "A red circle rests on the left. It slides to the right, then turns blue.";
    private const string Good = """[{"step_index": 0, "prompt": "red circle moves right", "chunks": [0, 4]}, {"step_index": 1, "prompt": "red circle turns blue", "chunks": [4, 8]}]""";

    /// <summary>JSON values of every kind, including the ones a number field must not crash on.</summary>
    private static readonly string[] Scalars =
    [
        "null", "true", "false", "0", "4", "-1", "2147483647", "2147483648", "-2147483649", "99999999999999999999999", "1e999",
        "-1e999", "4.0", "0.5", "-0.0", "1e-7", "1E2", "\"0\"", "\"4\"", "\"\"", "\" \"", "\"four\"", "\"red circle moves right\"",
        "\"\\ud800\"", "\"\\u0000\"", "\"Ünïcode ✓\"", "[]", "{}", "[0]", "[0, 4, 8]", "[[0, 4]]", "{\"first\": 0, \"end\": 4}",
    ];

    /// <summary>Parses and checks the invariants every answer must meet.</summary>
    private static PlanParseResult Check(string answer, int chunks, int? steps)
    {
        var r = PlanParser.Parse(answer, chunks, steps, Instruction);
        Assert.Contains(r.FormatScore, new[] { 0.0, 0.5, 1.0 });
        Assert.Equal(chunks, r.Plan.TotalChunks);
        Assert.Equal(chunks, r.Plan.Steps[^1].Chunks.End);
        if (steps is { } m) Assert.Equal(m, r.Plan.Steps.Count);
        Assert.Equal(r.FormatScore == 1.0, r.Problems.Count == 0);
        if (r.FormatScore == 0.0) Assert.All(r.Plan.Steps, s => Assert.Equal(Instruction, s.Prompt));
        Assert.All(r.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p)));
        _ = PlanParser.DeclaredChunks(answer); // must not throw either
        return r;
    }

    [Theory]
    [InlineData("""["0", "4"]""")]
    [InlineData("""[null, 4]""")]
    [InlineData("""[0, null]""")]
    [InlineData("""[0.0, 4.0]""")]
    [InlineData("""[0, 4.5]""")]
    [InlineData("""[true, false]""")]
    [InlineData("""[0, 1e999]""")]
    [InlineData("""[0, 99999999999999999999]""")]
    [InlineData("""[[0], [4]]""")]
    [InlineData("""{"first": 0, "end": 8}""")]
    [InlineData("""[0]""")]
    [InlineData("""[0, 4, 8]""")]
    [InlineData(""" "0-8" """)]
    [InlineData("""null""")]
    public void TypeConfusedChunks_AreMalformedSpans_ScoredHalf(string chunksValue)
    {
        string answer = $$"""[{"step_index": 0, "prompt": "red circle moves right", "chunks": {{chunksValue}}}]""";
        var r = Check(answer, 8, 1);
        Assert.Equal(0.5, r.FormatScore);
        Assert.Contains(r.Problems, p => p.Contains("malformed 'chunks'"));
        Assert.Equal(new ChunkSpan(0, 8), r.Plan.Steps[0].Chunks);
        Assert.Null(PlanParser.DeclaredChunks(answer));
    }

    [Theory]
    [InlineData("\"0\"", "\"0\"")]
    [InlineData("null", "null")]
    [InlineData("0.0", "0.0")]
    [InlineData("true", "true")]
    [InlineData("[0]", "[0]")]
    [InlineData("{\"i\": 0}", "{\"i\": 0}")]
    [InlineData("4294967296", "4294967296")]
    public void TypeConfusedStepIndex_IsABadIndex_ScoredHalf(string indexValue, string named)
    {
        var r = Check($$"""[{"step_index": {{indexValue}}, "prompt": "red circle moves right"}]""", 4, 1);
        Assert.Equal(0.5, r.FormatScore);
        Assert.Contains($"step 0 has step_index {named}", r.Problems);
    }

    [Theory]
    [InlineData("""[{"step_index": 0, "prompt": 4}]""")]
    [InlineData("""[{"step_index": 0, "prompt": null}]""")]
    [InlineData("""[{"step_index": 0, "prompt": ["red circle moves right"]}]""")]
    [InlineData("""[{"step_index": 0, "prompt": {"text": "red circle moves right"}}]""")]
    [InlineData("""[{"step_index": 0, "prompt": true}]""")]
    [InlineData("""[{"step_index": 0, "prompt": "\ud800 moves right"}]""")]
    [InlineData("""[{"step_index": 0}]""")]
    [InlineData("""[["red circle moves right"]]""")]
    [InlineData("""["red circle moves right"]""")]
    [InlineData("""[null]""")]
    [InlineData("""[[[[[[[[[[[[{"prompt": "red circle moves right"}]]]]]]]]]]]]""")]
    public void TypeConfusedSteps_ScoreZero(string answer)
    {
        var r = Check(answer, 4, null);
        Assert.Equal(0.0, r.FormatScore);
        Assert.NotEmpty(r.Problems);
    }

    [Fact]
    public void LoneSurrogate_IsNotValidJson_ScoredZero()
    {
        // A lone surrogate cannot be transcoded to UTF-8: the JSON reader refuses it before parsing.
        var r = Check("[{\"step_index\": 0, \"prompt\": \"red circle \ud800 moves right\"}]", 4, null);
        Assert.Equal(0.0, r.FormatScore);
        Assert.Contains(r.Problems, p => p.StartsWith("not valid JSON", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""[{"step_index": 0, "prompt": "red circle moves right", "chunks": [-2147483648, 2147483647]}]""", "starts before chunk 0")]
    [InlineData("""[{"step_index": 0, "prompt": "red circle moves right", "chunks": [2147483647, -2147483648]}]""", "empty span")]
    [InlineData("""[{"step_index": 0, "prompt": "red circle moves right", "chunks": [-4, 4]}]""", "starts before chunk 0")]
    [InlineData("""[{"step_index": 0, "prompt": "red circle moves right", "chunks": [4, 0]}]""", "empty span")]
    [InlineData("""[{"step_index": 0, "prompt": "red circle moves right", "chunks": [0, 2147483647]}]""", "cover 2147483647 chunks")]
    public void ExtremeSpans_AreNamedProblems(string answer, string problem)
    {
        var r = Check(answer, 4, 1);
        Assert.Equal(0.5, r.FormatScore);
        Assert.Contains(r.Problems, p => p.Contains(problem));
    }

    [Fact]
    public void DeclaredChunks_IsTheLastSpansEnd_OnlyWhenEveryStepHasOne()
    {
        Assert.Equal(8, PlanParser.DeclaredChunks(Good));
        Assert.Null(PlanParser.DeclaredChunks("""[{"step_index": 0, "prompt": "red circle moves right"}]"""));
        Assert.Null(PlanParser.DeclaredChunks("""[{"prompt": "a", "chunks": [0, 4]}, {"prompt": "b"}]"""));
        Assert.Null(PlanParser.DeclaredChunks("not json"));
    }

    [Fact]
    public void RandomTypeConfusedPlans_NeverThrow()
    {
        var rng = new Random(11);
        int[] seen = new int[3];
        for (int n = 0; n < 5000; n++)
        {
            int chunks = 1 + rng.Next(12);
            int? steps = rng.Next(3) == 0 ? 1 + rng.Next(chunks) : null;
            var r = Check(RandomAnswer(rng), chunks, steps);
            seen[(int)(r.FormatScore * 2)]++;
        }
        Assert.All(seen, count => Assert.True(count > 0, $"every score occurs: {string.Join("/", seen)}")); // the generator reaches 0, 0.5 and 1
    }

    [Fact]
    public void MutatedValidPlans_NeverThrow()
    {
        var rng = new Random(12);
        const string inserts = "[]{}\":,0123456789-.e \\nulltrue";
        for (int n = 0; n < 5000; n++)
        {
            var text = new StringBuilder(Good);
            for (int m = rng.Next(1, 5); m > 0 && text.Length > 0; m--)
            {
                int at = rng.Next(text.Length);
                switch (rng.Next(3))
                {
                    case 0: text.Remove(at, 1); break;
                    case 1: text.Insert(at, inserts[rng.Next(inserts.Length)]); break;
                    default: text[at] = (char)rng.Next(0, 0xFFFF); break;
                }
            }
            Check(text.ToString(), 8, rng.Next(2) == 0 ? 2 : null);
        }
    }

    /// <summary>A plan-shaped answer whose fields are sometimes right and sometimes any JSON value, in prose or fences.</summary>
    private static string RandomAnswer(Random rng)
    {
        var elements = new List<string>();
        int count = rng.Next(0, 5), first = 0;
        for (int i = 0; i < count; i++)
        {
            if (rng.Next(12) == 0) { elements.Add(Value(rng, 2)); continue; } // not an object
            var fields = new List<string>();
            if (rng.Next(8) > 0) fields.Add("\"step_index\": " + (rng.Next(3) > 0 ? i.ToString(CultureInfo.InvariantCulture) : Value(rng, 1)));
            if (rng.Next(10) > 0) fields.Add("\"prompt\": " + (rng.Next(4) > 0 ? "\"red circle moves right\"" : Value(rng, 1)));
            if (rng.Next(3) > 0)
            {
                int end = first + 1 + rng.Next(3);
                fields.Add("\"chunks\": " + rng.Next(4) switch
                {
                    0 => Value(rng, 2),
                    1 => $"[{Bound(rng, first)}, {Bound(rng, end)}]",
                    _ => $"[{first}, {end}]",
                });
                first = end;
            }
            if (rng.Next(6) == 0) fields.Add($"\"{(rng.Next(2) == 0 ? "prompt" : "extra")}\": {Value(rng, 2)}"); // duplicates and extras
            elements.Add("{" + string.Join(", ", fields.OrderBy(_ => rng.Next())) + "}");
        }
        string array = "[" + string.Join(", ", elements) + "]";
        return rng.Next(5) switch
        {
            0 => $"Here is the plan:\n```json\n{array}\n```",
            1 => $"{{\"steps\": {array}}}",
            2 when rng.Next(3) == 0 => Value(rng, 3),
            _ => array,
        };
    }

    private static string Bound(Random rng, int right) => rng.Next(2) == 0 ? right.ToString(CultureInfo.InvariantCulture) : Scalars[rng.Next(Scalars.Length)];

    /// <summary>Any JSON value up to <paramref name="depth"/> levels of nesting.</summary>
    private static string Value(Random rng, int depth) => (depth > 0 ? rng.Next(4) : 0) switch
    {
        1 => "[" + string.Join(", ", Enumerable.Range(0, rng.Next(4)).Select(_ => Value(rng, depth - 1))) + "]",
        2 => "{" + string.Join(", ", Enumerable.Range(0, rng.Next(4)).Select(k => $"\"k{k}\": {Value(rng, depth - 1)}")) + "}",
        _ => Scalars[rng.Next(Scalars.Length)],
    };
}
