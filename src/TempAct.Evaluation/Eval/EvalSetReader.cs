using TempAct.World.Benchmarks;

namespace TempAct.Evaluation.Eval;

/// <summary>
/// Reads an evaluation set: a JSONL file with one {"instruction": "..."} a line; "frames" is optional (default
/// <see cref="BenchmarkSet.DefaultFramesPerEvent"/> an event) and stored "events", when present, must agree with the
/// parser. A line whose instruction does not parse, whose frames cannot hold its events, or whose events disagree is
/// skipped with the message; a line
/// that is not JSON, or has no "instruction" string, makes the file bad (<see cref="InvalidDataException"/> naming the
/// file and line).
/// </summary>
public static class EvalSetReader
{
    /// <summary>Reads <paramref name="path"/>; the set is named <paramref name="name"/>. The benchmark-set reader does the
    /// work; an instruction it cannot use is listed as skipped, with its message, instead of stopping the run.</summary>
    public static EvalSet Read(string path, string name)
    {
        var skipped = new List<SkippedInstruction>();
        var items = BenchmarkSet.Load(path, (text, error) => skipped.Add(new SkippedInstruction(text, error)));
        return new EvalSet(name, items, skipped);
    }
}
