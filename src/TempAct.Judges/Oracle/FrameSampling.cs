namespace TempAct.Judges.Oracle;

/// <summary>Which frames the full-video judge scores one by one: <c>count</c> frames at the centres of equal parts of
/// the video. Oracle and HTTP client use the same indices, so both judge the same frames.</summary>
public static class FrameSampling
{
    /// <summary>The sampled frame indices of a video of <paramref name="frames"/> frames, ascending and distinct.</summary>
    public static IReadOnlyList<int> Indices(int frames, int count)
    {
        if (frames < 1) throw new ArgumentOutOfRangeException(nameof(frames), "a video has at least one frame");
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), "sample at least one frame");
        int n = Math.Min(count, frames);
        // Centre of part i of n equal parts: floor((i + 0.5)·T / n).
        return Enumerable.Range(0, n).Select(i => (int)Math.Floor((i + 0.5) * frames / n)).ToArray();
    }
}
