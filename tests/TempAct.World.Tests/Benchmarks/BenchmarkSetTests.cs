using TempAct.World.Benchmarks;

namespace TempAct.World.Tests.Benchmarks;

public sealed class BenchmarkSetTests
{
    private static string Root([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "")
    {
        var dir = new DirectoryInfo(thisFile);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TempAct.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("TempAct.sln not found");
    }

    [Theory]
    [InlineData("simple", 20261126, 3, 36)]
    [InlineData("hard", 20261127, 5, 60)]
    public void CommittedSets_LoadAndMatchTheirGenerator(string name, int seed, int events, int frames)
    {
        string path = Path.Combine(Root(), "data", "benchmarks", name + ".jsonl");
        var items = BenchmarkSet.Load(path); // every line parses and agrees with its stored events
        Assert.Equal(100, items.Count);
        Assert.All(items, i => { Assert.Equal(events, i.Instruction.Events.Count); Assert.Equal(frames, i.Frames); });
        // Regenerating with the committed seed gives the same lines: the language, sampler and timing have not drifted.
        string regenerated = Path.GetTempFileName();
        try
        {
            BenchmarkSet.Save(BenchmarkSet.Generate(seed, 100, events, frames), regenerated);
            Assert.Equal(File.ReadAllText(path), File.ReadAllText(regenerated));
        }
        finally { File.Delete(regenerated); }
    }

    [Theory]
    [InlineData("{\"instruction\": \"A red circle rests on the left. It jumps.\"}\n", null)]
    [InlineData("not json\n", "line 1: not valid JSON")]
    [InlineData("{\"frames\": 12}\n", "line 1: field 'instruction'")]
    [InlineData("\n{\"instruction\": \"A red circle zorbles.\"}\n", "line 2:")]
    [InlineData("{\"instruction\": \"A red circle rests on the left. It jumps.\", \"frames\": 2}\n", "field 'frames'")]
    [InlineData("{\"instruction\": \"A red circle rests on the left. It jumps.\", \"events\": [{\"subject\": \"red circle\", \"action\": \"grow\"}]}\n", "disagrees")]
    public void UserFiles_LoadOrFailWithFileAndLine(string content, string? expectedError)
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, content);
            if (expectedError is null)
            {
                var item = Assert.Single(BenchmarkSet.Load(path));
                Assert.Equal(BenchmarkSet.DefaultFramesPerEvent, item.Frames);
                return;
            }
            var ex = Assert.Throws<InvalidDataException>(() => BenchmarkSet.Load(path));
            Assert.Contains(path, ex.Message);
            Assert.Contains(expectedError, ex.Message);
        }
        finally { File.Delete(path); }
    }
}
