namespace TempAct.World.Plans;

/// <summary>A half-open range of chunk indices [First, End) — the "chunks" field of a plan step.</summary>
public readonly record struct ChunkSpan(int First, int End)
{
    /// <summary>Number of chunks.</summary>
    public int Length => End - First;

    /// <summary>The frames these chunks cover, at <paramref name="chunkFrames"/> frames a chunk.</summary>
    public Events.FrameSpan ToFrames(int chunkFrames) => new(First * chunkFrames, End * chunkFrames);

    /// <inheritdoc />
    public override string ToString() => $"[{First}, {End})";
}
