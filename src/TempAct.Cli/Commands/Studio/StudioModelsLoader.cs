using TempAct.Cli.Commands.Executor;
using TempAct.Cli.Commands.Planner;
using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.Studio;
using TempAct.Training.Checkpoints;
using TorchSharp;

namespace TempAct.Cli.Commands.Studio;

/// <summary>Loads the studio's networks from the command line: the executor (--model), the planner (--planner
/// base|DIR|URL) and, when the folder holds them, the RL-trained weights (--tempact, as `eval` loads them).</summary>
public sealed class StudioModelsLoader : IDisposable
{
    private readonly List<IDisposable> owned = [];

    /// <summary>The loaded networks.</summary>
    public StudioModels Models { get; }

    /// <summary>Why the TempAct weights are not in use, or null when they are.</summary>
    public string? TempActMissing { get; }

    /// <summary>Loads everything on <paramref name="device"/>.</summary>
    public StudioModelsLoader(string model, string planner, string tempact, TorchSharp.torch.Device device)
    {
        var executor = ExecutorSource.Load(model);
        owned.Add(executor);
        executor.to(device);
        executor.eval();
        var sampling = new SamplingOptions();
        var plan = PlannerSource.Open(planner, sampling, "", device);
        if (plan is LocalPlanner lp) owned.Add(lp.Model);
        ExecutorTransformer? tempactExecutor = null;
        IPlanner? tempactPlanner = null;
        bool lookAhead = false;
        string? dir = tempact == "none" ? null : Folder(tempact);
        if (dir is not null && TempActWeights.IsFolder(dir))
        {
            tempactExecutor = ExecutorSource.Load(dir);
            owned.Add(tempactExecutor);
            tempactExecutor.to(device);
            tempactExecutor.eval();
            tempactPlanner = PlannerSource.Open(dir, sampling, "", device);
            if (tempactPlanner is LocalPlanner tp) owned.Add(tp.Model);
            lookAhead = TempActWeights.Manifest(dir).LookAhead;
        }
        else TempActMissing = tempact == "none" ? "--tempact none" : $"{tempact}: no RL-trained weights there ({TempActWeights.ManifestFile} missing)";
        Models = new StudioModels(executor, plan, tempactExecutor, tempactPlanner, lookAhead, Path.GetFileName(Path.TrimEndingDirectorySeparator(model)),
            planner.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? planner : planner == "base" ? "planner-base" : Path.GetFileName(Path.TrimEndingDirectorySeparator(planner)));
    }

    private static string? Folder(string option)
    {
        if (Directory.Exists(option) || Path.IsPathRooted(option)) return option;
        try { return RepoPaths.Find(option); }
        catch (FileNotFoundException) { return null; }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var d in owned) d.Dispose();
    }
}
