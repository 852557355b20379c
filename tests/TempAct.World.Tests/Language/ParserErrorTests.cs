using TempAct.World.Language;

namespace TempAct.World.Tests.Language;

public sealed class ParserErrorTests
{
    private static InstructionParseException Fails(string text) => Assert.Throws<InstructionParseException>(() => InstructionParser.Parse(text));

    [Fact]
    public void An_unknown_word_is_named_with_its_word_number_and_offset()
    {
        const string text = "A red circle rests on the left. It slides to the zorble.";
        var e = Fails(text);
        Assert.Equal("zorble", e.Word);
        Assert.Equal(12, e.WordNumber);
        Assert.Equal(text.IndexOf("zorble", StringComparison.Ordinal), e.CharOffset);
        Assert.Contains("unknown word 'zorble'", e.Message);
        Assert.Contains("word 12", e.Message);
    }

    [Fact]
    public void A_misspelt_word_gets_a_suggestion()
    {
        var e = Fails("A red circle rests on the left. It slids right.");
        Assert.Contains("did you mean 'slid", e.Message); // 'slid' and 'slides' are both one letter away
    }

    [Fact]
    public void An_event_before_any_object_is_an_error()
    {
        var e = Fails("It slides to the right.");
        Assert.Equal(1, e.WordNumber);
        Assert.Contains("before any object", e.Message);
        Assert.Contains("before any object", Fails("The red circle jumps. A red circle rests on the left.").Message);
    }

    [Fact]
    public void An_ambiguous_pronoun_or_shape_is_an_error()
    {
        var it = Fails("A red circle rests on the left and a blue square sits on the right. It jumps.");
        Assert.Equal("It", it.Word);
        Assert.Contains("ambiguous", it.Message);
        var square = Fails("A red square rests on the left and a blue square sits at the top right. The square jumps.");
        Assert.Equal("square", square.Word);
        Assert.Contains("the red square or the blue square", square.Message);
    }

    [Fact]
    public void An_object_not_in_the_scene_is_an_error_even_after_a_turn()
    {
        var e = Fails("A red circle rests on the left. It turns green. The green circle jumps.");
        Assert.Equal("green", e.Word);
        Assert.Equal(12, e.WordNumber);
        Assert.Contains("no green circle", e.Message);
        Assert.Contains("no square", Fails("A red circle rests on the left. The square jumps.").Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public void Empty_text_is_an_error(string text) => Assert.Contains("empty", Fails(text).Message);

    [Fact]
    public void Null_is_an_empty_instruction() => Assert.Contains("empty", Fails(null!).Message);

    [Fact]
    public void A_ten_megabyte_string_fails_fast_naming_the_limit()
    {
        var big = string.Concat(Enumerable.Repeat("A red circle rests on the left. It jumps. ", 10_000_000 / 42 + 1));
        var e1 = Fails(big);
        var e2 = Fails(new string('x', 10_000_000));
        var e3 = Fails(new string(' ', 10_000_000));
        Assert.All(new[] { e1, e2, e3 }, e => Assert.Contains($"at most {Lexicon.MaxTextLength}", e.Message));
        Assert.True(e1.CharOffset >= Lexicon.MaxTextLength - 40);
    }

    [Fact]
    public void An_infeasible_event_points_at_its_verb()
    {
        const string text = "A red circle rests on the left. It jumps, then slides to the left.";
        var e = Fails(text);
        Assert.Equal("slides", e.Word);
        Assert.Equal(text.IndexOf("slides", StringComparison.Ordinal), e.CharOffset);
        Assert.Contains("event 2 cannot happen", e.Message);
        Assert.Contains("edge", e.Message);
        Assert.Contains("already large", Fails("A large red circle rests on the left. It grows.").Message);
        Assert.Contains("not visible", Fails("A hidden red circle rests on the left. It jumps.").Message);
        Assert.Contains("already red", Fails("A red circle rests on the left. It turns red.").Message);
    }

    [Fact]
    public void An_infeasible_scene_points_at_the_object()
    {
        var e = Fails("A red circle rests in the center and a blue square sits in the middle. It jumps.");
        Assert.Equal("blue", e.Word);
        Assert.Contains("too close", e.Message);
    }

    [Fact]
    public void Limits_on_events_and_objects_and_unique_names()
    {
        var events = Fails("A red circle rests in the center. It jumps four times and then hops three times.");
        Assert.Equal("three", events.Word);
        Assert.Contains("at most 6", events.Message);
        Assert.Contains("at most 3", Fails(
            "A red circle rests on the left, a blue circle sits at the top right, a green circle sits at the bottom right " +
            "and a cyan square sits in the center. It jumps.").Message);
        var duplicate = Fails("A red circle rests on the left and a small red circle sits at the top right. It jumps.");
        Assert.Contains("there already is a red circle", duplicate.Message);
        Assert.Equal(11, duplicate.WordNumber);
    }

    [Theory]
    [InlineData("A red circle rests on the left.", "at least one event")]
    [InlineData("A red circle rests on the left, blue square.", "end the scene description with '.'")]
    [InlineData("A red circle rests on the left. It slides and jumps.", "needs a direction")]
    [InlineData("A red circle rests on the left. It turns and jumps.", "needs a colour")]
    [InlineData("A red circle rests on the left. It jumps twice twice.", "count is given twice")]
    [InlineData("A red circle rests on the left. It slowly jumps slowly.", "pace is given twice")]
    [InlineData("A red circle rests on the left. It jumps the circle hops.", "expected ',', 'and', 'then' or '.'")]
    [InlineData("A red circle rests on the left. Jumps.", "subject")]
    [InlineData("A red circle rests on the left. It jumps. First, it waits.", "only introduce the first event")]
    [InlineData("A red circle rests on the left. It jumps. A blue square sits on the right.", "before the first event")]
    [InlineData("A red circle rests", "expected where the object is")]
    [InlineData("A red", "expected a shape")]
    [InlineData("A big small red circle rests on the left. It jumps.", "size is given twice")]
    [InlineData("A red circle rests on the left. It jumps?", "expected ',', 'and', 'then' or '.'")]
    [InlineData("A red circle rests on the left. It jumps 2x.", "unknown word '2x'")]
    public void Grammar_errors_say_what_was_expected(string text, string expected) => Assert.Contains(expected, Fails(text).Message);
}
