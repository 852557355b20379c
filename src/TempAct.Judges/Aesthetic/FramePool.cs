using TempAct.World.Events;
using TempAct.World.Rendering;
using TempAct.World.Scenes;
using TempAct.World.Simulation;

namespace TempAct.Judges.Aesthetic;

/// <summary>
/// Clean ground-truth frames for the aesthetic scorer: random feasible scenarios (1–6 events, 12 frames an event) from
/// <see cref="ScenarioSampler"/>, rendered, and a few frames of each kept — only frames where some object is at least
/// half visible, so every degradation has something to spoil. Deterministic in its seed.
/// </summary>
public sealed class FramePool
{
    private const int Size = WorldGeometry.Canvas;
    private const int PerVideo = 6;
    private readonly List<float[]> frames = [];

    private FramePool() { }

    /// <summary>Number of frames.</summary>
    public int Count => frames.Count;

    /// <summary>Frame i: planar [3, 32, 32] in [−1, 1].</summary>
    public float[] this[int i] => frames[i];

    /// <summary>Frame height and width.</summary>
    public static int FrameSize => Size;

    /// <summary>Renders <paramref name="count"/> frames from seed <paramref name="seed"/>, skipping any frame whose
    /// content hash is in <paramref name="exclude"/> (so a held-out pool shares no frame with the training pool).</summary>
    public static FramePool Build(int seed, int count, IReadOnlySet<string>? exclude = null)
    {
        var pool = new FramePool();
        var rng = new Random(seed);
        int per = 3 * Size * Size;
        while (pool.Count < count)
        {
            int events = rng.Next(1, 7), length = 12 * events;
            var (scene, evs) = ScenarioSampler.Sample(rng, events);
            var video = Renderer.Render(scene, EventTiming.Assign(evs, length), length);
            for (int k = 0; k < PerVideo && pool.Count < count; k++)
            {
                var frame = video.Data.AsSpan(rng.Next(video.Frames) * per, per).ToArray();
                if (!HasObject(frame) || (exclude is not null && exclude.Contains(Hash(frame)))) continue;
                pool.frames.Add(frame);
            }
        }
        return pool;
    }

    /// <summary>Content hashes of every frame.</summary>
    public IReadOnlySet<string> Hashes() => frames.Select(Hash).ToHashSet();

    private static string Hash(float[] frame) => new Video(1, Size, Size, frame).Hash();

    private static bool HasObject(float[] f)
    {
        int plane = Size * Size, solid = 0;
        for (int i = 0; i < plane; i++)
            if (Palette.Fit((f[i] + 1) / 2, (f[plane + i] + 1) / 2, (f[2 * plane + i] + 1) / 2).Alpha >= 0.5f && ++solid >= 6) return true;
        return false;
    }
}
