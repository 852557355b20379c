using TempAct.Training;
using TempAct.Training.Config;
using TempAct.World.Benchmarks;
using static TorchSharp.torch;

namespace TempAct.Cli.Commands.Rl;

/// <summary>What `train rl` and `bench rl` read from the repository: the config, the models it names (folders found
/// from the working directory or above it) and the benchmark sets' texts (never trained on).</summary>
public static class RlSetup
{
    /// <summary>The config at <paramref name="path"/> (defaults when null), validated; a bad field names the file.</summary>
    public static RlConfig Config(string? path, int? epochs, string? ablations = null, IReadOnlyList<string>? overrides = null)
    {
        var config = ConfigFiles.Read<RlConfig>(path, overrides ?? []);
        if (ablations is not null) config = config with { Ablations = config.Ablations | AblationNames.ParseList(ablations) };
        if (epochs is { } n) config = config with { Schedule = config.Schedule with { Epochs = n } };
        try { return config.Validate(); }
        catch (ArgumentException e) { throw new InvalidDataException($"{path ?? "default config"}: {e.Message}", e); }
    }

    /// <summary>The bases and the aesthetic scorer, on <paramref name="device"/>.</summary>
    public static RlModels Models(RlConfig config, Device device) => RlModels.Load(config, Resolve, device);

    /// <summary>A folder named in a config: as given when it exists, else found above the working directory (a bundle).</summary>
    public static string Resolve(string folder)
    {
        if (Directory.Exists(folder) || Path.IsPathRooted(folder)) return folder;
        try { return RepoPaths.Find(folder); }
        catch (FileNotFoundException) { return folder; } // the loader names the missing folder
    }

    /// <summary>Every instruction text of the committed benchmark sets (data/benchmarks/*.jsonl).</summary>
    public static IReadOnlyList<string> BenchmarkTexts()
    {
        string dir;
        try { dir = RepoPaths.Find("data/benchmarks"); }
        catch (FileNotFoundException e) { throw new FileNotFoundException($"data/benchmarks: not found (RL keeps its instructions disjoint from the benchmark sets): {e.Message}", e); }
        return Directory.GetFiles(dir, "*.jsonl").OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(f => BenchmarkSet.Load(f).Select(i => i.Instruction.Text)).ToList();
    }
}
