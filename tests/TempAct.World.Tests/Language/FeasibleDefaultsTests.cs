using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Scenes;
using TempAct.World.Simulation;

namespace TempAct.World.Tests.Language;

/// <summary>Unstated sizes and cells are chosen so that every event can happen; only stated facts can conflict, and
/// the error names the two statements.</summary>
public sealed class FeasibleDefaultsTests
{
    [Fact]
    public void A_circle_that_grows_starts_small()
    {
        var i = InstructionParser.Parse("A white circle sits in the middle. It grows, then it turns blue.");
        Assert.Equal(SizeClass.Small, i.Scene.Objects[0].Size);
        Assert.Equal(["grow", "turn_blue"], i.Events.Select(e => e.ActionCode));
        Assert.Equal(SizeClass.Large, InstructionParser.Parse("A white circle sits in the middle. It shrinks.").Scene.Objects[0].Size);
        Assert.Equal(SizeClass.Large, InstructionParser.Parse("A white circle sits in the middle. It jumps.").Scene.Objects[0].Size);
    }

    [Fact]
    public void Objects_that_would_touch_get_sizes_or_cells_that_keep_them_apart()
    {
        var i = InstructionParser.Parse(
            "A red square rests on the left and a blue circle rests on the right. The square slides to the right, then the circle jumps.");
        Assert.Equal(["move_right", "jump"], i.Events.Select(e => e.ActionCode));
        Assert.Null(WorldSimulator.Check(i.Scene, i.Events));
        // Sizes give way before cells (a size costs less than a cell): both small, still on their sides' middles.
        Assert.All(i.Scene.Objects, o => Assert.Equal(SizeClass.Small, o.Size));
        Assert.Equal(["left", "right"], i.Scene.Objects.Select(o => o.Placement.Name));
        // Stated large sizes leave only the cells: the circle moves to a corner of the right side.
        var j = InstructionParser.Parse(
            "A large red square rests on the left and a large blue circle rests on the right. The square slides to the right, then the circle jumps.");
        Assert.Contains(j.Scene.Objects[1].Placement.Name, new[] { "top-right", "bottom-right" });
    }

    [Fact]
    public void A_jump_under_another_object_moves_that_object_along_its_side()
    {
        var i = InstructionParser.Parse("A red circle is at the top and a blue square is in the middle. The square jumps.");
        Assert.NotEqual("top", i.Scene.Objects[0].Placement.Name);
        Assert.Equal(1, i.Scene.Objects[1].Placement.Column);
    }

    [Theory]
    [InlineData("A large white circle sits in the middle. It grows.", "'A large white circle sits in the middle' conflicts with 'It grows'")]
    [InlineData("A small white circle sits in the middle. It shrinks.", "'A small white circle sits in the middle' conflicts with 'It shrinks'")]
    [InlineData("A white circle sits in the middle. It grows, then it grows.", "'It grows' conflicts with 'it grows'")]
    [InlineData("A red circle rests on the left. It slides to the right three times.", "'A red circle rests on the left' conflicts with 'It slides to the right three times'")]
    [InlineData("A red circle rests on the left. It turns red.", "'A red circle rests on the left' conflicts with 'It turns red'")]
    [InlineData("A red circle rests on the left. It turns blue, then it becomes blue.", "'It turns blue' conflicts with 'it becomes blue'")]
    [InlineData("A hidden red circle rests on the left. It jumps.", "'A hidden red circle rests on the left' conflicts with 'It jumps'")]
    [InlineData("A red circle rests in the center and a blue square sits in the middle. It jumps.",
        "'A red circle rests in the center' conflicts with 'a blue square sits in the middle'")]
    public void A_stated_fact_that_contradicts_an_event_is_an_error_naming_both_statements(string text, string conflict)
    {
        var e = Assert.Throws<InstructionParseException>(() => InstructionParser.Parse(text));
        Assert.Contains(conflict, e.Message);
    }

    /// <summary>Content from the sampler written with no size word and side-only placements (the centre as "in the
    /// middle"): the parser must find sizes and cells in which every event happens, every time.</summary>
    [Fact]
    public void Unstated_sizes_and_places_never_fail_for_feasibility_in_10000_draws()
    {
        var rng = new Random(20260101);
        var failures = new List<string>();
        for (int n = 0; n < 10_000; n++)
        {
            var (scene, events) = ScenarioSampler.Sample(rng, 1 + n % 6, GeneratedCorpus.OptionsFor(n));
            string text = string.Join(" ", scene.Objects.Select(o => $"A {(o.Visible ? "" : "hidden ")}{o.Name} is {SidePhrase(rng, o.Placement)}."))
                + " " + string.Join(" ", events.Select(e => $"The {e.Subject} {StepPromptVerb(e)}."));
            try
            {
                var i = InstructionParser.Parse(text);
                Assert.Equal(events, i.Events);
            }
            catch (InstructionParseException e) { failures.Add($"{text} → {e.Message}"); }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of 10,000 failed:\n" + string.Join("\n", failures.Take(10)));
    }

    private static string SidePhrase(Random rng, Placement cell)
    {
        if (cell == new Placement(1, 1)) return "in the middle";
        var sides = new List<string>();
        if (cell.Column == 0) sides.Add("on the left");
        if (cell.Column == 2) sides.Add("on the right");
        if (cell.Row == 0) sides.Add("at the top");
        if (cell.Row == 2) sides.Add("at the bottom");
        return sides[rng.Next(sides.Count)];
    }

    private static string StepPromptVerb(WorldEvent e) => TempAct.World.Plans.StepPrompt.Canonical(e)[(e.Subject.Length + 1)..];
}
