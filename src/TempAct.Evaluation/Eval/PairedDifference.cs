using TempAct.Evaluation.Metrics;

namespace TempAct.Evaluation.Eval;

/// <summary>One mode against the reference mode on the same videos' instructions and seeds: per metric, the mean of
/// (mode − reference) over the pairs where both values are defined, with its 95 % interval (Student t over pairs).
/// Pairing removes the instruction-to-instruction spread that dominates each mode's own interval, so a difference can be
/// told from zero even where the two modes' intervals overlap.</summary>
/// <param name="Mode">The compared mode's name.</param>
/// <param name="Reference">The reference mode's name.</param>
/// <param name="Metrics">Per results.json metric key, the interval of the differences (N: the pairs).</param>
public sealed record PairedDifference(string Mode, string Reference, IReadOnlyDictionary<string, ConfidenceInterval> Metrics)
{
    /// <summary>The reference of a run: step when it ran (the comparison the method is about), else the first mode.</summary>
    public static string? ReferenceOf(IReadOnlyList<ModeResult> modes) =>
        modes.Count < 2 ? null : modes.Any(m => m.Mode.Name == "step") ? "step" : modes[0].Mode.Name;

    /// <summary>Every other mode against <see cref="ReferenceOf"/>; empty with fewer than two modes. Videos pair on
    /// (instruction, seed); a key that occurs more than once in a mode pairs in the order of occurrence.</summary>
    public static IReadOnlyList<PairedDifference> Of(IReadOnlyList<ModeResult> modes)
    {
        string? reference = ReferenceOf(modes);
        if (reference is null) return [];
        var baseline = modes.First(m => m.Mode.Name == reference);
        return modes.Where(m => !ReferenceEquals(m, baseline)).Select(m => Between(m, baseline)).ToList();
    }

    /// <summary><paramref name="mode"/> − <paramref name="reference"/>, per metric.</summary>
    public static PairedDifference Between(ModeResult mode, ModeResult reference)
    {
        var pairs = Pairs(mode.Videos, reference.Videos);
        var metrics = EvalReport.Metrics.ToDictionary(m => m.Key, m => ConfidenceInterval.Of(
            pairs.Select(p => (p.Mode.Value(m.Key), p.Reference.Value(m.Key)))
                 .Where(d => d.Item1.HasValue && d.Item2.HasValue)
                 .Select(d => d.Item1!.Value - d.Item2!.Value)));
        return new PairedDifference(mode.Mode.Name, reference.Mode.Name, metrics);
    }

    private static List<(VideoScores Mode, VideoScores Reference)> Pairs(IReadOnlyList<VideoScores> mode, IReadOnlyList<VideoScores> reference)
    {
        var byKey = reference.GroupBy(v => (v.Item, v.Seed)).ToDictionary(g => g.Key, g => new Queue<VideoScores>(g));
        var pairs = new List<(VideoScores, VideoScores)>();
        foreach (var v in mode)
            if (byKey.TryGetValue((v.Item, v.Seed), out var q) && q.Count > 0) pairs.Add((v, q.Dequeue()));
        return pairs;
    }
}
