using TempAct.World.Events;
using TempAct.World.Plans;

namespace TempAct.World.Tests.Plans;

public sealed class StepPromptTests
{
    [Theory]
    [InlineData("red circle moves right", ActionKind.MoveRight)]
    [InlineData("red circle slid to the right", ActionKind.MoveRight)]
    [InlineData("the red circle gets bigger and bigger", ActionKind.Grow)]
    [InlineData("red circle falls back down", ActionKind.MoveDown)]
    public void A_prompt_in_any_form_reads_back_to_its_event(string prompt, ActionKind action) =>
        Assert.Equal(action, StepPrompt.TryParse(prompt)!.Action);

    [Theory]
    [InlineData("red circle moves to the top")]
    [InlineData("red circle slides back")]
    [InlineData("red circle comes back")]
    public void A_move_that_depends_on_where_the_object_is_is_not_a_step_prompt(string prompt)
    {
        Assert.Null(StepPrompt.TryParse(prompt, out var problem));
        Assert.Contains("depends on where the object is", problem);
    }
}
