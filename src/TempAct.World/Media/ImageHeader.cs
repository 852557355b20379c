namespace TempAct.World.Media;

/// <summary>What an image's header declares, read without decoding a pixel.</summary>
/// <param name="Format">"PNG", "JPEG" or "GIF".</param>
/// <param name="Width">Canvas width in pixels.</param>
/// <param name="Height">Canvas height in pixels.</param>
/// <param name="Frames">Frames that decoding will produce under the chosen <see cref="FrameSelection"/>.</param>
public readonly record struct ImageHeader(string Format, int Width, int Height, int Frames)
{
    /// <summary>Pixels of one canvas.</summary>
    public long CanvasPixels => (long)Width * Height;

    /// <summary>Pixels decoding will produce: one canvas per frame.</summary>
    public long DecodePixels => CanvasPixels * Frames;
}
