using TempAct.Evaluation.Eval;

namespace TempAct.Cli.Commands.Eval;

/// <summary>Turns --set into an evaluation set: "simple" and "hard" are the committed benchmark sets, anything else a
/// JSONL file.</summary>
public static class EvalInput
{
    /// <summary>Loads the set named by <paramref name="option"/>.</summary>
    public static EvalSet Load(string option)
    {
        if (option is "simple" or "hard") return EvalSetReader.Read(RepoPaths.Find($"data/benchmarks/{option}.jsonl"), option);
        if (!File.Exists(option)) throw new FileNotFoundException($"--set {option}: no such file (give simple, hard or a JSONL file)");
        return EvalSetReader.Read(option, Path.GetFileNameWithoutExtension(option));
    }
}
