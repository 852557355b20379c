using TempAct.World.Benchmarks;

namespace TempAct.Evaluation.Eval;

/// <summary>The instructions of an `eval` run and the lines skipped because their instruction does not parse.</summary>
/// <param name="Name">The set's name: "simple", "hard" or the JSONL file's name without extension.</param>
/// <param name="Items">Parsed instructions with their frame counts and default timing.</param>
/// <param name="Skipped">Lines left out, with the parser's message.</param>
public sealed record EvalSet(string Name, IReadOnlyList<BenchmarkItem> Items, IReadOnlyList<SkippedInstruction> Skipped)
{
    /// <summary>The first <paramref name="limit"/> instructions (all when null); the skipped lines stay.</summary>
    public EvalSet Take(int? limit) => limit is { } n ? this with { Items = Items.Take(n).ToList() } : this;
}
