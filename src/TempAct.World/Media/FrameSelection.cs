namespace TempAct.World.Media;

/// <summary>Which frames of a (possibly animated) image are decoded.</summary>
public enum FrameSelection
{
    /// <summary>The first frame only; later GIF frames are neither decoded nor paid for.</summary>
    First,
    /// <summary>Every frame (an animated GIF read as a video).</summary>
    All,
}
