namespace TempAct.Training.Config;

/// <summary>
/// The training instructions' geometry: how many events an instruction has and how many chunks each event gets in the
/// video (the video's chunk count is their product; the planner is told it).
/// </summary>
public sealed record InstructionConfig
{
    /// <summary>Fewest events of a training instruction. Release: 5-step videos. Ours: 5.</summary>
    public int MinEvents { get; init; } = 5;

    /// <summary>Most events of a training instruction (drawn uniformly between the two). Release: 5. Ours: 5.</summary>
    public int MaxEvents { get; init; } = 5;

    /// <summary>Chunks per event (3 frames a chunk). Release: 2 latent chunks (6 latent frames) a step. Ours: 4
    /// (12 frames an event, the benchmark sets' and the held-out evaluation's geometry: 5 events = 20 chunks).</summary>
    public int ChunksPerEvent { get; init; } = 4;
}
