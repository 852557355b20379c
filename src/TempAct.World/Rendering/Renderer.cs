using TempAct.World.Events;
using TempAct.World.Scenes;
using TempAct.World.Simulation;

namespace TempAct.World.Rendering;

/// <summary>
/// Scene + timed events → ground-truth frames. Deterministic: no randomness at all; anti-aliased by 4×4 supersampling.
/// </summary>
public static class Renderer
{
    private const int Samples = 4; // per axis

    /// <summary>Renders <paramref name="frames"/> frames of the scene with the events at their spans.</summary>
    public static Video Render(Scene scene, IReadOnlyList<TimedEvent> timed, int frames)
    {
        var states = WorldSimulator.States(scene, timed, frames);
        return RenderStates(states);
    }

    /// <summary>Draws precomputed object states, one array per frame.</summary>
    public static Video RenderStates(IReadOnlyList<ObjectState[]> states)
    {
        const int n = WorldGeometry.Canvas;
        var data = new float[states.Count * 3 * n * n];
        var rgb = new float[3 * n * n];
        for (int t = 0; t < states.Count; t++)
        {
            DrawFrame(states[t], rgb);
            for (int i = 0; i < rgb.Length; i++) data[t * rgb.Length + i] = 2 * rgb[i] - 1;
        }
        return new Video(states.Count, n, n, data);
    }

    /// <summary>Draws one frame into planar RGB [3, H, W] in [0, 1].</summary>
    private static void DrawFrame(ObjectState[] objects, float[] rgb)
    {
        const int n = WorldGeometry.Canvas;
        var bg = Palette.Background;
        for (int i = 0; i < n * n; i++) { rgb[i] = bg.R; rgb[n * n + i] = bg.G; rgb[2 * n * n + i] = bg.B; }
        foreach (var o in objects)
        {
            if (!o.Visible) continue;
            var (hx, hy) = WorldGeometry.HalfExtents(o.Shape, o.Radius);
            int x0 = Math.Max(0, (int)MathF.Floor(o.X - hx - 1)), x1 = Math.Min(n - 1, (int)MathF.Ceiling(o.X + hx + 1));
            int y0 = Math.Max(0, (int)MathF.Floor(o.Y - hy - 1)), y1 = Math.Min(n - 1, (int)MathF.Ceiling(o.Y + hy + 1));
            var main = Palette.Rgb(o.Color);
            var wipe = o.WipeColor is { } w ? Palette.Rgb(w) : main;
            float wipeEdge = o.Y - hy + 2 * hy * o.WipeFraction; // samples above this line show the new colour
            for (int y = y0; y <= y1; y++)
                for (int x = x0; x <= x1; x++)
                {
                    float cover = 0, r = 0, g = 0, b = 0;
                    for (int sy = 0; sy < Samples; sy++)
                        for (int sx = 0; sx < Samples; sx++)
                        {
                            // Pixel (x, y) covers [x, x+1) × [y, y+1); sample at sub-cell centres.
                            float px = x + (sx + 0.5f) / Samples, py = y + (sy + 0.5f) / Samples;
                            if (!WorldGeometry.Contains(o.Shape, o.X, o.Y, o.Radius, px, py)) continue;
                            var c = py < wipeEdge ? wipe : main;
                            cover++; r += c.R; g += c.G; b += c.B;
                        }
                    if (cover == 0) continue;
                    float inv = 1f / (Samples * Samples), a = o.Alpha * cover * inv;
                    int idx = y * n + x;
                    rgb[idx] = rgb[idx] * (1 - a) + o.Alpha * r * inv;
                    rgb[n * n + idx] = rgb[n * n + idx] * (1 - a) + o.Alpha * g * inv;
                    rgb[2 * n * n + idx] = rgb[2 * n * n + idx] * (1 - a) + o.Alpha * b * inv;
                }
        }
    }
}
