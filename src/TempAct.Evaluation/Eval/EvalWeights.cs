using TempAct.Models.Checkpoints;
using TempAct.Models.Executor;
using TempAct.Training.Checkpoints;
using TempAct.Training.Config;

namespace TempAct.Evaluation.Eval;

/// <summary>
/// Where the RL-trained modes of `eval` find their weights, and what their folders must say. tempact reads --tempact
/// (models/tempact); an ablation arm reads the folder named like the mode under --arms (<see cref="ArmsFolder"/>:
/// models/tempact-ablations/flat/, …/no-kl/, …): each is what `train rl … --out RUN` writes as RUN/model/ (tempact.json
/// with the executor and planner adapters).
/// </summary>
public static class EvalWeights
{
    /// <summary>The default --arms folder.</summary>
    public const string ArmsFolder = "models/tempact-ablations";

    /// <summary>The folder <paramref name="mode"/>'s weights are read from, as given (not resolved):
    /// <paramref name="tempact"/> for tempact, <paramref name="arms"/>/NAME for an arm; null for single and step.</summary>
    public static string? FolderOf(EvalMode mode, string tempact, string arms) =>
        !mode.Trained ? null : mode.Arm == Ablation.None ? tempact : Path.Combine(arms, mode.Base);

    /// <summary>The error when <paramref name="mode"/>'s folder <paramref name="folder"/> holds no RL-trained weights; it
    /// names the folder, the option and the fix.</summary>
    public static CheckpointException Missing(EvalMode mode, string folder, string option) => mode.Arm == Ablation.None
        ? new($"{option} {folder}: no RL-trained weights there ({TempActWeights.ManifestFile} missing); train them with `train rl` or leave {mode.Name} out of --modes")
        : new($"{option}: no weights for the {mode.Base} arm: {folder} holds no {TempActWeights.ManifestFile} (`train rl` with Ablations \"{mode.Arm}\" " +
            $"writes it as RUN/model/; copy or link that folder to {folder}, point --arms elsewhere, or leave {mode.Name} out of --modes)");

    /// <summary>
    /// Checks that the folder's manifest fits the mode: the look-ahead arm's executor must have been trained with
    /// look-ahead prompts (<see cref="CheckpointException"/> naming the folder otherwise). Returns a one-line notice when
    /// the mode runs with another switch mode than the folder was trained with (null otherwise): --switch decides, as it
    /// does for tempact, and a "-none"/"-recache" mode fixes it.
    /// </summary>
    public static string? Check(EvalMode mode, string folder, TempActManifest manifest, SwitchMode runSwitch)
    {
        if (mode.Arm.HasFlag(Ablation.LookAhead) && !manifest.LookAhead)
            throw new CheckpointException($"{Path.Combine(folder, TempActWeights.ManifestFile)}: LookAhead is false, but the look-ahead arm's executor " +
                "is trained on \"s_m ; s_{m+1}\" prompts (Ablations \"LookAhead\"): this is not that arm's folder");
        // A folder that records its arms must be this mode's arm (older folders record none: only look-ahead is checked).
        if (manifest.Ablations.Count > 0 || mode.Arm != Ablation.None)
        {
            var trained = manifest.Ablations.ToHashSet();
            var wanted = AblationNames.Names(mode.Arm).ToHashSet();
            if (manifest.Ablations.Count > 0 && !trained.SetEquals(wanted))
                throw new CheckpointException($"{Path.Combine(folder, TempActWeights.ManifestFile)}: trained with ablations [{string.Join(", ", manifest.Ablations)}], " +
                    $"but the {mode.Name} mode needs {(wanted.Count == 0 ? "the full method" : "[" + string.Join(", ", wanted) + "]")}: this is not that mode's folder");
        }
        var used = mode.SwitchIn(runSwitch);
        return used == manifest.SwitchMode ? null
            : $"{mode.Name}: {folder} was trained with switch {EvalMode.SwitchName(manifest.SwitchMode)} and runs with {EvalMode.SwitchName(used)} here " +
              $"({(mode.FixedSwitch is null ? "--switch" : "its -" + EvalMode.SwitchName(used) + " suffix")}; {mode.Base}-{EvalMode.SwitchName(manifest.SwitchMode)} runs it as trained)";
    }
}
