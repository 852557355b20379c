using System.Reflection;

namespace TempAct.Tests.Architecture;

/// <summary>The one-way arrows World → Models → … → Cli, checked on the compiled assemblies' references.</summary>
public sealed class LayeringTests
{
    private static string[] References(string assembly) =>
        Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name ?? "").ToArray();

    [Fact]
    public void World_HasNoTorchNoConsoleNoHigherLayer()
    {
        var refs = References("TempAct.World");
        Assert.DoesNotContain(refs, r => r.StartsWith("TorchSharp", StringComparison.Ordinal));
        Assert.DoesNotContain(refs, r => r.StartsWith("Spectre", StringComparison.Ordinal));
        Assert.DoesNotContain(refs, r => r.StartsWith("TempAct.", StringComparison.Ordinal));
    }

    [Fact]
    public void Models_DependOnlyOnWorld_AndNeverOnTheConsole()
    {
        var refs = References("TempAct.Models");
        Assert.Contains("TorchSharp", refs);
        Assert.DoesNotContain(refs, r => r.StartsWith("Spectre", StringComparison.Ordinal));
        Assert.All(refs.Where(r => r.StartsWith("TempAct.", StringComparison.Ordinal)), r => Assert.Equal("TempAct.World", r));
    }

    [Fact]
    public void Judges_DependOnWorldAndModels_AndNeverOnTheConsole()
    {
        var refs = References("TempAct.Judges");
        Assert.DoesNotContain(refs, r => r.StartsWith("Spectre", StringComparison.Ordinal));
        Assert.All(refs.Where(r => r.StartsWith("TempAct.", StringComparison.Ordinal)), r => Assert.Contains(r, new[] { "TempAct.World", "TempAct.Models" }));
    }

    [Fact]
    public void Training_DependsOnWorldModelsAndJudges_AndNeverOnTheConsole()
    {
        var refs = References("TempAct.Training");
        Assert.DoesNotContain(refs, r => r.StartsWith("Spectre", StringComparison.Ordinal));
        Assert.All(refs.Where(r => r.StartsWith("TempAct.", StringComparison.Ordinal)),
            r => Assert.Contains(r, new[] { "TempAct.World", "TempAct.Models", "TempAct.Judges" }));
        Assert.Contains("TorchSharp", refs);
    }

    [Fact]
    public void Evaluation_DependsOnWorldModelsJudgesAndTraining_AndNeverOnTheConsole()
    {
        var refs = References("TempAct.Evaluation");
        Assert.DoesNotContain(refs, r => r.StartsWith("Spectre", StringComparison.Ordinal));
        Assert.All(refs.Where(r => r.StartsWith("TempAct.", StringComparison.Ordinal)),
            r => Assert.Contains(r, new[] { "TempAct.World", "TempAct.Models", "TempAct.Judges", "TempAct.Training" }));
        Assert.Contains("TempAct.Judges", refs);
    }

    [Fact]
    public void Studio_SitsBetweenEvaluationAndTheCli_AndNeverOnTheConsole()
    {
        var refs = References("TempAct.Studio");
        Assert.DoesNotContain(refs, r => r.StartsWith("Spectre", StringComparison.Ordinal));
        Assert.All(refs.Where(r => r.StartsWith("TempAct.", StringComparison.Ordinal)),
            r => Assert.Contains(r, new[] { "TempAct.World", "TempAct.Models", "TempAct.Judges", "TempAct.Training", "TempAct.Evaluation" }));
        Assert.Contains("TempAct.Studio", References("tempact"));
        foreach (var lower in new[] { "TempAct.World", "TempAct.Models", "TempAct.Judges", "TempAct.Training", "TempAct.Evaluation" })
            Assert.DoesNotContain("TempAct.Studio", References(lower));
    }

    [Fact]
    public void OnlyTheCli_ReferencesSpectre()
    {
        Assert.Contains(References("tempact"), r => r.StartsWith("Spectre.Console", StringComparison.Ordinal));
    }
}
