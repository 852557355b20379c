using Spectre.Console;
using TempAct.Models.Training;

namespace TempAct.Cli;

/// <summary>What the three train commands share: the output-folder flags (--resume, --overwrite, --steps) and config
/// errors that name the config file.</summary>
public static class TrainingRun
{
    /// <summary>The trainer's start for the flags.</summary>
    public static TrainingStart Start(bool resume, bool overwrite) =>
        resume ? TrainingStart.Resume : overwrite ? TrainingStart.Overwrite : TrainingStart.Fresh;

    /// <summary>Checks the flags (Spectre's settings validation: an error is exit 2).</summary>
    public static ValidationResult CheckFlags(bool resume, bool overwrite, int? steps = null) =>
        resume && overwrite ? ValidationResult.Error("--resume continues the run in --out, --overwrite replaces it: give one of them")
        : steps is < 1 ? ValidationResult.Error($"--steps must be ≥ 1 (got {steps})")
        : ValidationResult.Success();

    /// <summary>Runs <paramref name="run"/>; a <see cref="ConfigException"/> from it is re-thrown as a bad file naming the
    /// config file and the field ("data error: configs/planner.json: Model.MaxTokens …", exit 4).</summary>
    public static void NamingConfig(string? configPath, Action run)
    {
        try { run(); }
        catch (ConfigException e) { throw new InvalidDataException($"{configPath ?? "default config"}: {e.Message}", e); }
    }

    /// <summary>A relative InitFrom folder is read from the working directory, else from the repository (as --model is);
    /// a folder found nowhere is passed on unchanged, and the trainer names it.</summary>
    public static string? InitFromFolder(string? from)
    {
        if (from is not { Length: > 0 } || Directory.Exists(from) || Path.IsPathRooted(from)) return from;
        try { return RepoPaths.Find(from); }
        catch (FileNotFoundException) { return from; }
    }
}
