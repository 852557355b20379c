namespace TempAct.Judges.Aesthetic;

/// <summary>The ways a frame is spoiled for the aesthetic scorer's training and evaluation.</summary>
public enum DegradationKind
{
    /// <summary>Gaussian blur, σ 0.7–1.5 px: soft edges, as an under-trained decoder gives.</summary>
    Blur,
    /// <summary>Gaussian pixel noise, σ 0.08–0.25 (in [−1, 1] units): leftover diffusion noise.</summary>
    Noise,
    /// <summary>Colour bleed: the red and blue channels shifted 1–2 px in opposite directions, so colours fringe.</summary>
    ColorBleed,
    /// <summary>A broken shape: a 1.2–2.2 px band cut across an object through its centre.</summary>
    BrokenShape,
    /// <summary>A doubled shape: a ghost copy of an object 4–9 px away at 60–100% opacity.</summary>
    DoubledShape,
    /// <summary>Smearing: a directional motion blur of 3–5 taps.</summary>
    Smear,
}
