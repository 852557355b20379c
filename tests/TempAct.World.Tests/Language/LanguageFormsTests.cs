using TempAct.World.Language;

namespace TempAct.World.Tests.Language;

/// <summary>Each way people write the same events, read to the events it means ("a:move_right" = subject a, action).</summary>
public sealed class LanguageFormsTests
{
    private const string One = "A red circle sits in the middle. ";
    private const string Two = "A red circle sits on the left and a blue square sits on the right. ";

    private static string Events(string text) =>
        string.Join(" ", InstructionParser.Parse(text).Events.Select(e => $"{e.Subject.Split(' ')[1][0]}:{e.ActionCode}{(e.Pace == TempAct.World.Events.Pace.Slow ? ":slow" : "")}"));

    [Theory]
    [InlineData(One + "It moved to the right, then it turned blue.", "c:move_right c:turn_blue")]
    [InlineData(One + "It has moved to the right and has turned blue.", "c:move_right c:turn_blue")]
    [InlineData(One + "It is moving right. Then it is turning blue.", "c:move_right c:turn_blue")]
    [InlineData(One + "It was sliding up, then it had jumped.", "c:move_up c:jump")]
    [InlineData(One + "It will jump and then it will shrink.", "c:jump c:shrink")]
    [InlineData(One + "It starts to rise, then begins sinking.", "c:move_up c:move_down")]
    [InlineData(One + "It rose, fell, grew and shrank.", "c:move_up c:move_down c:grow c:shrink")]
    [InlineData(One + "It has slowly slid to the left.", "c:move_left:slow")]
    public void Inflections_and_aspect_in_main_clauses(string text, string events) => Assert.Equal(events, Events(text));

    [Theory]
    [InlineData(One + "After moving up, it jumps.", "c:move_up c:jump")]
    [InlineData(One + "After it has moved up, it jumps.", "c:move_up c:jump")]
    [InlineData(One + "Before it turns purple, it slides to the right.", "c:move_right c:turn_purple")]
    [InlineData(One + "It jumps before it turns purple.", "c:jump c:turn_purple")]
    [InlineData(One + "It jumps after it turns purple.", "c:turn_purple c:jump")]
    [InlineData(One + "It jumps after turning purple.", "c:turn_purple c:jump")]
    [InlineData(One + "It jumps, after turning purple.", "c:turn_purple c:jump")]
    [InlineData(One + "It moves right. When it has finished, it jumps.", "c:move_right c:jump")]
    [InlineData(One + "When it has finished moving right, it jumps.", "c:move_right c:jump")]
    [InlineData(One + "Once it is done growing, it vanishes.", "c:grow c:vanish")]
    [InlineData(One + "It waits until it turns blue.", "c:stay c:turn_blue")]
    [InlineData(One + "It turns blue. Before that, it jumps.", "c:jump c:turn_blue")]
    [InlineData(One + "As soon as it has grown, it moves up.", "c:grow c:move_up")]
    [InlineData(Two + "Before the square vanishes, the circle jumps.", "c:jump s:vanish")]
    [InlineData(Two + "Before it vanishes, the square jumps.", "s:jump s:vanish")]
    [InlineData(Two + "The circle turns blue after the square has jumped.", "s:jump c:turn_blue")]
    public void Clauses_of_time_give_the_worlds_order(string text, string events) => Assert.Equal(events, Events(text));

    [Theory]
    [InlineData(One + "It moves up. After moving up, it jumps.", "c:move_up c:jump")]
    [InlineData(One + "It jumps. After it jumps, it turns blue.", "c:jump c:turn_blue")]
    [InlineData(One + "It jumps. After jumping again, it turns blue.", "c:jump c:jump c:turn_blue")]
    [InlineData(One + "It jumps. It jumps again.", "c:jump c:jump")]
    [InlineData(One + "It hops once, then it hops once more.", "c:jump c:jump")]
    [InlineData(One + "It jumps, moves right and jumps a second time.", "c:jump c:move_right c:jump")]
    [InlineData(Two + "The circle jumps. The square jumps too.", "c:jump s:jump")]
    [InlineData(Two + "The circle jumps. The square jumps as well, and it also shrinks.", "c:jump s:jump s:shrink")]
    [InlineData(One + "It jumps twice, then it jumps twice more.", "c:jump c:jump c:jump c:jump")]
    [InlineData(One + "It jumps 3 times.", "c:jump c:jump c:jump")]
    public void Repetition_and_additive_words(string text, string events) => Assert.Equal(events, Events(text));

    [Theory]
    [InlineData(One + "It stays, then it moves right.", "c:stay c:move_right")]
    [InlineData(One + "It keeps still for a moment, then it jumps.", "c:stay c:jump")]
    [InlineData(One + "It pauses, rests, holds still and does nothing.", "c:stay c:stay c:stay c:stay")]
    [InlineData(One + "It is still for a while. Then it freezes.", "c:stay c:stay")]
    public void Bare_and_stative_verbs(string text, string events) => Assert.Equal(events, Events(text));

    [Theory]
    [InlineData("A red circle sits at the top. It falls down.", "c:move_down")]
    [InlineData("A red circle sits at the bottom. It rises up to the top.", "c:move_up c:move_up")]
    [InlineData("A red circle sits at the bottom. It climbs up, then drops back down.", "c:move_up c:move_down")]
    [InlineData("A red circle sits on the left. It moves all the way to the right.", "c:move_right c:move_right")]
    [InlineData("A red circle sits on the left. It slides right and then comes back.", "c:move_right c:move_left")]
    [InlineData("A red circle sits on the left. It vanishes, then comes back.", "c:vanish c:appear")]
    [InlineData(One + "It moves to the left, then goes back to the middle.", "c:move_left c:move_right")]
    [InlineData(One + "It slides right, then up, then back.", "c:move_right c:move_up c:move_down")]
    [InlineData("A red circle sits in the top left corner. It slides over to the right.", "c:move_right")]
    public void Particles_and_destinations(string text, string events) => Assert.Equal(events, Events(text));

    [Theory]
    [InlineData(One + "It quickly moves right, then suddenly turns blue.", "c:move_right c:turn_blue")]
    [InlineData(One + "It moves left very slowly, then smoothly jumps.", "c:move_left:slow c:jump")]
    [InlineData(One + "Gradually, it grows.", "c:grow:slow")]
    [InlineData(One + "It moves right (slowly), then it jumps.", "c:move_right:slow c:jump")]
    public void Manner_and_pace_words(string text, string events) => Assert.Equal(events, Events(text));

    [Theory]
    [InlineData("The red circle is on the left. It moves to the right.", "c:move_right")]
    [InlineData("A red circle on the left moves right and then turns blue.", "c:move_right c:turn_blue")]
    [InlineData("A red circle rests on the left, then it jumps.", "c:jump")]
    [InlineData("In the middle there is a red circle. It jumps twice.", "c:jump c:jump")]
    [InlineData("On the right sits a red circle. The shape shrinks.", "c:shrink")]
    [InlineData("There was a red circle in the middle of the screen. The object jumped.", "c:jump")]
    public void Articles_pronouns_and_sentence_shapes(string text, string events) => Assert.Equal(events, Events(text));

    [Theory]
    [InlineData("a red circle sits in the middle. it jumps, then it turns blue", "c:jump c:turn_blue")]
    [InlineData("A red circle sits in the middle!!  It jumps -- then it turns blue!", "c:jump c:turn_blue")]
    [InlineData("A red circle sits in the middle... It jumps... then it turns blue.", "c:jump c:turn_blue")]
    [InlineData("A red circle sits in the middle. It jumps — then it turns blue…", "c:jump c:turn_blue")]
    [InlineData("A red circle sits in the middle.It jumps.Then it turns blue.", "c:jump c:turn_blue")]
    [InlineData("A RED CIRCLE SITS IN THE MIDDLE. IT JUMPS AND THEN IT TURNS BLUE.", "c:jump c:turn_blue")]
    public void Punctuation_and_capitals(string text, string events) => Assert.Equal(events, Events(text));

    [Theory]
    [InlineData(One + "It has move right.", "after 'has' the verb takes its participle, e.g. 'has moved right'")]
    [InlineData(One + "It moving right.", "'moving right' needs 'is' or 'was' before it")]
    [InlineData(One + "It move right.", "write 'moves right' or 'moved right' here")]
    [InlineData(One + "It jumps for a moment.", "goes only with staying still")]
    [InlineData(One + "It moves back.", "has not moved yet, so it cannot move back")]
    [InlineData(One + "It jumps while it turns blue.", "cannot happen at the same time")]
    [InlineData(Two + "Both jump.", "cannot happen at the same time")]
    [InlineData("A red circle sits at the top. It rises to the top.", "already at the top")]
    public void Errors_say_what_is_wrong(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<InstructionParseException>(() => InstructionParser.Parse(text)).Message);
}
