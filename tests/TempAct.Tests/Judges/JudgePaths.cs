using System.Runtime.CompilerServices;

namespace TempAct.Tests.Judges;

/// <summary>Finds the repository from the test binary or, when it is built elsewhere (--artifacts-path), from this
/// source file's compile-time path.</summary>
public static class JudgePaths
{
    /// <summary>The folder holding TempAct.sln.</summary>
    public static string RepoRoot([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source) ?? "" })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "TempAct.sln"))) return dir.FullName;
        throw new InvalidOperationException($"TempAct.sln not found above {AppContext.BaseDirectory} or {source}");
    }

    /// <summary>models/aesthetic: the shipped aesthetic scorer.</summary>
    public static string ShippedAesthetic => Path.Combine(RepoRoot(), "models", "aesthetic");
}
