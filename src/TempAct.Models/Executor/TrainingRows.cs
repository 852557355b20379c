namespace TempAct.Models.Executor;

/// <summary>One batch's rows: the clip of each row, its caption and, when some clip switches, which chunks of each row
/// the loss counts ([rows × chunks], 1 or 0; null = all).</summary>
public sealed record TrainingRows(long[] Clips, string[] Captions, float[]? ChunkWeights);
