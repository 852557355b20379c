using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Scenes;

namespace TempAct.World.Tests.Language;

public sealed class ParserExampleTests
{
    [Fact]
    public void The_spec_example_parses_to_move_turn_jump_jump()
    {
        const string text = "A red circle rests on the left. It slides to the right, then turns blue, and finally jumps twice.";
        var instruction = InstructionParser.Parse(text);
        Assert.Equal(text, instruction.Text);
        var circle = Assert.Single(instruction.Scene.Objects);
        Assert.Equal(new SceneObject(ColorName.Red, ShapeKind.Circle, SizeClass.Large, Placement.FromName("left")!.Value), circle);
        Assert.Equal(["move_right", "turn_blue", "jump", "jump"], instruction.Events.Select(e => e.ActionCode));
        Assert.All(instruction.Events, e => Assert.Equal("red circle", e.Subject));
        Assert.All(instruction.Events, e => Assert.Equal(Pace.Normal, e.Pace));
        Assert.Equal(ColorName.Blue, instruction.Events[1].TargetColor);
    }

    [Fact]
    public void Case_spacing_hyphens_and_a_missing_final_period_do_not_matter()
    {
        var a = InstructionParser.Parse("A small red circle rests in the top-left corner. It slides to the right, then turns blue.");
        var b = InstructionParser.Parse("  a SMALL red Circle   rests in the TOP LEFT corner .\n\tIT slides to the right ,then turns blue");
        Assert.Equal(a.Scene, b.Scene);
        Assert.Equal(a.Events, b.Events);
        Assert.Equal(new Placement(0, 0), a.Scene.Objects[0].Placement);
        Assert.Equal(SizeClass.Small, a.Scene.Objects[0].Size);
    }

    [Fact]
    public void Names_pronouns_and_shape_references_resolve_to_frame_zero_names()
    {
        var i = InstructionParser.Parse(
            "A red circle rests on the left and a hidden small blue square waits at the top right. " +
            "The square appears. It turns green, then the red circle slides up slowly. Next, the blue square drops twice.");
        Assert.False(i.Scene.Objects[1].Visible);
        Assert.Equal(
            [
                new WorldEvent("blue square", ActionKind.Appear),
                new WorldEvent("blue square", ActionKind.Turn, ColorName.Green),
                new WorldEvent("red circle", ActionKind.MoveUp, null, Pace.Slow),
                new WorldEvent("blue square", ActionKind.MoveDown),
                new WorldEvent("blue square", ActionKind.MoveDown),
            ],
            i.Events);
    }

    [Fact]
    public void There_is_sentences_sizes_and_pace_before_the_verb()
    {
        var i = InstructionParser.Parse(
            "There is a yellow triangle in the middle, a big cyan square at the top-left and an invisible tiny white circle at the bottom right. " +
            "First, the triangle gradually gets smaller. Once it has finished, the circle fades in, and finally it hops three times.");
        Assert.Equal(
            [
                new SceneObject(ColorName.Yellow, ShapeKind.Triangle, SizeClass.Large, new Placement(1, 1)),
                new SceneObject(ColorName.Cyan, ShapeKind.Square, SizeClass.Large, new Placement(0, 0)),
                new SceneObject(ColorName.White, ShapeKind.Circle, SizeClass.Small, new Placement(2, 2), Visible: false),
            ],
            i.Scene.Objects);
        Assert.Equal(["yellow triangle shrink (slow)", "white circle appear", "white circle jump", "white circle jump", "white circle jump"],
            i.Events.Select(e => e.ToString()));
    }

    [Fact]
    public void Every_placement_name_has_a_phrase()
    {
        foreach (var cell in Placement.All)
            Assert.Contains(Lexicon.Placements, p => p.Cell == cell);
        foreach (var (phrase, cell, _) in Lexicon.Placements)
            Assert.Equal(cell, InstructionParser.Parse($"A red circle rests {phrase}. It waits.").Scene.Objects[0].Placement);
    }
}
