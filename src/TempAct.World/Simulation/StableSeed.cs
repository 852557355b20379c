namespace TempAct.World.Simulation;

/// <summary>
/// Mixes integers into a <see cref="Random"/> seed that is the same in every process (HashCode.Combine is randomised
/// per process, so it must never seed data streams): SplitMix64 over the parts.
/// </summary>
public static class StableSeed
{
    /// <summary>A 31-bit seed from the parts, stable across processes and machines.</summary>
    public static int Of(params long[] parts)
    {
        ulong h = 0x9E3779B97F4A7C15UL;
        foreach (long p in parts)
        {
            h ^= unchecked((ulong)p);
            h = unchecked((h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL);
            h = unchecked((h ^ (h >> 27)) * 0x94D049BB133111EBUL);
            h ^= h >> 31;
        }
        return (int)(h & 0x7FFFFFFF);
    }
}
