namespace TempAct.Training.Benchmarks;

/// <summary>The executor's cost at one batch size, medians over the repeats (milliseconds).</summary>
/// <param name="Batch">Videos (rows = batch × 48 tokens).</param>
/// <param name="SampleForwardMs">One gradient-free chunk forward against a cache of 12 frames (a denoising step).</param>
/// <param name="ChunkMs">One whole chunk: the previous chunk's write, the noise, four denoising steps (Rollout.Step).</param>
/// <param name="TrainStepMs">One forward and backward with gradients through the adapters and the text condition
/// (what the update does three times per continuation), plus the adapters-off reference forward.</param>
public sealed record ForwardTiming(int Batch, double SampleForwardMs, double ChunkMs, double TrainStepMs)
{
    /// <summary>Chunks generated per second at this batch.</summary>
    public double ChunksPerSecond => Batch / ChunkMs * 1000;
}
