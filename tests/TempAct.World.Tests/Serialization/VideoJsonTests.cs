using TempAct.World.Events;
using TempAct.World.Rendering;
using TempAct.World.Serialization;
using TempAct.World.Simulation;

namespace TempAct.World.Tests.Serialization;

public sealed class VideoJsonTests
{
    [Fact]
    public void RoundTrip_IsLossFree()
    {
        var (scene, events) = ScenarioSampler.Sample(new Random(3), 2);
        var video = Renderer.Render(scene, EventTiming.Assign(events, 12), 12);
        string path = Path.Combine(Path.GetTempPath(), $"tempact-{Guid.NewGuid():N}.video.json");
        try
        {
            VideoJson.Save(video, path);
            Assert.Equal(video.Hash(), VideoJson.Load(path).Hash());
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("{not json", "not a video JSON")]
    [InlineData("{\"frames\":1,\"height\":32,\"width\":32,\"encoding\":\"png\",\"data\":\"\"}", "field 'encoding'")]
    [InlineData("{\"frames\":2,\"height\":32,\"width\":32,\"encoding\":\"float32-le-base64\",\"data\":\"AAAA\"}", "field 'data' has 3 bytes")]
    [InlineData("{\"frames\":1,\"height\":32,\"width\":32,\"encoding\":\"float32-le-base64\",\"data\":\"@@\"}", "not base64")]
    public void CorruptFiles_GiveErrorsThatNameTheField(string content, string expected)
    {
        string path = Path.Combine(Path.GetTempPath(), $"tempact-{Guid.NewGuid():N}.video.json");
        try
        {
            File.WriteAllText(path, content);
            var ex = Assert.Throws<InvalidDataException>(() => VideoJson.Load(path));
            Assert.Contains(expected, ex.Message);
            Assert.Contains(path, ex.Message);
        }
        finally { File.Delete(path); }
    }
}
