using TempAct.Judges.Http;

namespace TempAct.Tests.Judges.Http;

public sealed class JsonAnswerExtractorTests
{
    [Theory]
    [InlineData("{\"final\": 0.5}")]
    [InlineData("```json\n{\"final\": 0.5}\n```")]
    [InlineData("Here is my assessment: {\"final\": 0.5}. Hope it helps {")]
    [InlineData("<think>the frames show {a circle}, so final is 0.5</think>\n{\"final\": 0.5}")]
    [InlineData("{not json} then {\"final\": 0.5,}")]
    [InlineData("{\"note\": \"a } in a string\", \"final\": 0.5}")]
    public void FindsTheObject_HoweverItIsWrapped(string answer)
    {
        using var doc = JsonAnswerExtractor.Extract(answer);
        Assert.NotNull(doc);
        Assert.Equal(0.5, doc.RootElement.GetProperty("final").GetDouble());
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("The video is great, 9/10.")]
    [InlineData("{\"final\": 0.5")]
    [InlineData("[0.5, 0.7]")]
    public void ReturnsNull_WhenThereIsNoObject(string? answer) => Assert.Null(JsonAnswerExtractor.Extract(answer));
}
