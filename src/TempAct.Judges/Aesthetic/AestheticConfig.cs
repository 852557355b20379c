using TempAct.Models.Training;

namespace TempAct.Judges.Aesthetic;

/// <summary>
/// Shape of the aesthetic scorer network (saved as config.json beside its weights): a small CNN over single 32×32
/// frames, in the spirit of the LAION aesthetic predictor's small head — here on pixels, since no CLIP is available.
/// </summary>
/// <param name="Widths">Channels of the four 3×3 convolutions; the first keeps full resolution (noise and blur live in
/// single pixels), the next three halve it (32 → 16 → 8 → 4).</param>
/// <param name="ImageSize">Frame height and width the network was trained on.</param>
public sealed record AestheticConfig(int[] Widths, int ImageSize = 32)
{
    /// <summary>The shipped shape: 16, 32, 64, 64 channels (about 61 k parameters, 240 kB of weights).</summary>
    public static AestheticConfig Default { get; } = new([16, 32, 64, 64]);

    /// <summary>Throws a <see cref="ConfigException"/> when the shape is not four positive widths over a size divisible by 8.</summary>
    public AestheticConfig Validate()
    {
        if (Widths is not { Length: 4 } || Widths.Any(c => c is < 1 or > 1024))
            throw new ConfigException($"Widths must be four channel counts in 1..1024, got [{string.Join(", ", Widths ?? [])}]");
        if (ImageSize < 8 || ImageSize % 8 != 0) throw new ConfigException($"ImageSize must be a multiple of 8, got {ImageSize}");
        return this;
    }
}
