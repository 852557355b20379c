namespace TempAct.Judges;

/// <summary>
/// What a judge says about one item: the weighted <see cref="Total"/> in [0, 1] and the named sub-scores it was computed
/// from (TempAct's schema, see docs/rewards.md). A failed judgement (an HTTP judge whose answer could not be used after
/// every retry) scores 0 everywhere and says why in <see cref="Failure"/>.
/// </summary>
/// <param name="Total">The weighted total in [0, 1].</param>
/// <param name="SubScores">Each sub-score by its JSON field name ("final", "temporal_order" …), in [0, 1].</param>
public sealed record JudgeScore(double Total, IReadOnlyDictionary<string, double> SubScores)
{
    /// <summary>Why the judgement failed (it then scores 0); null for a real judgement.</summary>
    public string? Failure { get; init; }

    /// <summary>True when the judge could not score the item and 0 was given instead.</summary>
    public bool Failed => Failure is not null;

    /// <summary>A zero score with every named sub-score at 0, recording why.</summary>
    public static JudgeScore Zero(IEnumerable<string> subScoreNames, string reason) =>
        new(0, subScoreNames.ToDictionary(n => n, _ => 0.0)) { Failure = reason };

    /// <summary>The sub-score <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> naming it when absent.</summary>
    public double this[string name] => SubScores.TryGetValue(name, out var v)
        ? v : throw new KeyNotFoundException($"no sub-score '{name}'; this score has {string.Join(", ", SubScores.Keys)}");

    /// <inheritdoc />
    public override string ToString() =>
        $"{Total:0.000} ({string.Join(", ", SubScores.Select(kv => $"{kv.Key} {kv.Value:0.000}"))}){(Failed ? " FAILED: " + Failure : "")}";
}
