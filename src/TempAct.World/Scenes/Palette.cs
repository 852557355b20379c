namespace TempAct.World.Scenes;

/// <summary>The fixed RGB colours (in [0, 1]) and the colour fit shared by renderer and tracker.</summary>
public static class Palette
{
    /// <summary>The dark background.</summary>
    public static readonly (float R, float G, float B) Background = (0.06f, 0.06f, 0.09f);

    private static readonly (float R, float G, float B)[] Colors =
    {
        (0.92f, 0.16f, 0.16f), // red
        (0.16f, 0.80f, 0.22f), // green
        (0.20f, 0.36f, 0.96f), // blue
        (0.96f, 0.86f, 0.16f), // yellow
        (0.66f, 0.22f, 0.86f), // purple
        (0.14f, 0.86f, 0.90f), // cyan
        (0.95f, 0.95f, 0.95f), // white
    };

    /// <summary>RGB of a palette colour.</summary>
    public static (float R, float G, float B) Rgb(ColorName c) => Colors[(int)c];

    /// <summary>
    /// Fits a pixel (RGB in [0, 1]) as background + alpha·(colour − background) for every palette colour and returns the
    /// colour with the smallest residual and its alpha in [0, 1]. Faded (vanishing) and anti-aliased edge pixels keep the
    /// colour's direction, so they still classify correctly; the background itself returns alpha ≈ 0.
    /// </summary>
    public static (ColorName Color, float Alpha) Fit(float r, float g, float b)
    {
        float dr = r - Background.R, dg = g - Background.G, db = b - Background.B;
        var best = ColorName.Red; float bestResidual = float.MaxValue, bestAlpha = 0;
        for (int i = 0; i < Colors.Length; i++)
        {
            float cr = Colors[i].R - Background.R, cg = Colors[i].G - Background.G, cb = Colors[i].B - Background.B;
            float alpha = Math.Clamp((dr * cr + dg * cg + db * cb) / (cr * cr + cg * cg + cb * cb), 0f, 1f);
            float er = dr - alpha * cr, eg = dg - alpha * cg, eb = db - alpha * cb;
            float residual = er * er + eg * eg + eb * eb;
            if (residual < bestResidual) { bestResidual = residual; best = (ColorName)i; bestAlpha = alpha; }
        }
        return (best, bestAlpha);
    }
}
