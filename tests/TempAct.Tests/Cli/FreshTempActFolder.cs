using TempAct.Judges.Aesthetic;
using TempAct.Models.Executor;
using TempAct.Models.Planner;
using TempAct.Training;
using TempAct.Training.Checkpoints;

namespace TempAct.Tests.Cli;

/// <summary>A models/tempact-style folder whose adapters are fresh (LoRA B = 0: the shipped bases' behaviour), written the
/// way the RL trainer exports, so the tempact mode can run before trained weights exist.</summary>
public static class FreshTempActFolder
{
    /// <summary>Exports the folder to <paramref name="dir"/> over the shipped bases; returns <paramref name="dir"/>.</summary>
    public static string Export(string dir)
    {
        string root = CliRunner.RepoRoot(), executorBase = Path.Combine(root, "models/executor-ll"), plannerBase = Path.Combine(root, "models/planner-base");
        var (planner, tokenizer) = PlannerCheckpoint.Load(plannerBase, 4, 8);
        using var models = new RlModels(ExecutorCheckpoint.Load(executorBase, 4, 8), planner, tokenizer, AestheticScorer.Load(Path.Combine(root, "models/aesthetic")));
        TempActWeights.Save(dir, new TempActManifest
        {
            ExecutorBase = executorBase, PlannerBase = plannerBase, ExecutorLoraRank = 4, ExecutorLoraAlpha = 8, PlannerLoraRank = 4, PlannerLoraAlpha = 8,
        }, models, models.ExecutorAdapters.Snapshot());
        return dir;
    }
}
