using TempAct.Models.Checkpoints;

namespace TempAct.Tests.Training;

/// <summary>What the trainer tests share: temp folders, an injected kill, and logs compared without their timing columns.</summary>
internal static class TrainingRuns
{
    /// <summary>Thrown by a fault hook: leaves the folder as a kill -9 at that point would (the trainers write nothing
    /// while unwinding).</summary>
    public sealed class InjectedKill(string point) : Exception($"injected kill at {point}");

    /// <summary>A fault hook that kills the run at (<paramref name="step"/>, <paramref name="point"/>) and records that it did.</summary>
    public static Action<int, string> KillAt(int step, string point, Action? onKill = null) => (s, p) =>
    {
        if (s != step || p != point) return;
        onKill?.Invoke();
        throw new InjectedKill($"step {s}, {p}");
    };

    /// <summary>A fresh temp folder (deleted by the caller).</summary>
    public static string TempDir(string name) => Directory.CreateTempSubdirectory("tempact-" + name).FullName;

    /// <summary>Copies a folder (a reference run) so a test can change the copy.</summary>
    public static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>metrics.csv without its timing columns (the rate and the seconds, the last two), one string per row.</summary>
    public static string[] MetricsWithoutTiming(string dir) =>
        File.ReadAllLines(Path.Combine(dir, "metrics.csv")).Select(row => string.Join(",", row.Split(',')[..^2])).ToArray();

    /// <summary>Asserts that two runs ended with the same bytes in <paramref name="files"/>, the same metrics (timing aside)
    /// and the same eval.jsonl.</summary>
    public static void AssertSameRun(string expected, string actual, params string[] files)
    {
        foreach (var file in files.Append(WeightStore.WeightsFile))
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), $"{file} differs");
        Assert.Equal(MetricsWithoutTiming(expected), MetricsWithoutTiming(actual));
        Assert.Equal(File.ReadAllText(Path.Combine(expected, "eval.jsonl")), File.ReadAllText(Path.Combine(actual, "eval.jsonl")));
        Assert.False(Directory.Exists(Path.Combine(actual, CheckpointUnit.StagingDir)));
        Assert.False(Directory.Exists(Path.Combine(actual, CheckpointUnit.PendingDir)));
    }
}
