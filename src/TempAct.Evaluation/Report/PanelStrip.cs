using TempAct.World.Rendering;

namespace TempAct.Evaluation.Report;

/// <summary>Videos of one shape side by side, left to right, separated by a grey column: one GIF to compare them.</summary>
internal static class PanelStrip
{
    private const int Gap = 2;          // pixels between panels
    private const float Grey = -0.3f;   // gap colour in [−1, 1]: lighter than the world's dark background

    /// <summary>The panels joined horizontally into one video.</summary>
    public static Video Join(IReadOnlyList<Video> panels)
    {
        var first = panels[0];
        if (panels.Any(p => p.Frames != first.Frames || p.Height != first.Height || p.Width != first.Width))
            throw new ArgumentException("panels must share frames and size");
        int t = first.Frames, h = first.Height, w = first.Width, width = panels.Count * w + (panels.Count - 1) * Gap;
        var data = new float[t * 3 * h * width];
        Array.Fill(data, Grey);
        for (int p = 0; p < panels.Count; p++)
            for (int f = 0; f < t; f++)
                for (int c = 0; c < 3; c++)
                    for (int y = 0; y < h; y++)
                        Array.Copy(panels[p].Data, ((f * 3 + c) * h + y) * w, data, ((f * 3 + c) * h + y) * width + p * (w + Gap), w);
        return new Video(t, h, width, data);
    }
}
