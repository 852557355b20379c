namespace TempAct.World.Events;

/// <summary>A half-open range of frames [Start, End).</summary>
public readonly record struct FrameSpan(int Start, int End)
{
    /// <summary>Number of frames in the span.</summary>
    public int Length => End - Start;

    /// <summary>True when frame <paramref name="frame"/> lies in the span.</summary>
    public bool Contains(int frame) => frame >= Start && frame < End;

    /// <inheritdoc />
    public override string ToString() => $"[{Start}, {End})";
}
