using TempAct.Training.Config;
using TempAct.World.Language;
using TempAct.World.Simulation;

namespace TempAct.Training.Data;

/// <summary>
/// RL's instructions: training instruction i of epoch e is drawn from its own generator (seed, e, i), so an epoch's
/// instructions are a function of the epoch alone (resume needs nothing else). The held-out instructions come from a
/// separate stream; training skips every held-out text and every excluded text (the benchmark sets), and the held-out
/// stream skips the excluded texts too — disjoint by text, not just by seed.
/// </summary>
public sealed class RlInstructions
{
    private const long TrainingRole = 0x747261696E, HeldOutRole = 0x68656C64;
    private readonly InstructionConfig geometry;
    private readonly int seed;
    private readonly HashSet<string> excluded;

    /// <summary>Streams for <paramref name="seed"/>; <paramref name="excluded"/> are texts neither stream may yield.</summary>
    public RlInstructions(InstructionConfig geometry, int seed, IEnumerable<string> excluded, int heldOutCount)
    {
        this.geometry = geometry;
        this.seed = seed;
        this.excluded = [.. excluded];
        var rng = new Random(StableSeed.Of(seed, HeldOutRole));
        var heldOut = new List<Instruction>();
        while (heldOut.Count < heldOutCount)
        {
            var instruction = Draw(rng);
            if (!this.excluded.Contains(instruction.Text) && heldOut.All(h => h.Text != instruction.Text)) heldOut.Add(instruction);
        }
        HeldOut = heldOut;
        foreach (var h in heldOut) this.excluded.Add(h.Text);
    }

    /// <summary>The held-out instructions (evaluation).</summary>
    public IReadOnlyList<Instruction> HeldOut { get; }

    /// <summary>Epoch <paramref name="epoch"/>'s <paramref name="count"/> training instructions.</summary>
    public IReadOnlyList<Instruction> Epoch(int epoch, int count) => Enumerable.Range(0, count).Select(i =>
    {
        var rng = new Random(StableSeed.Of(seed, TrainingRole, epoch, i));
        while (true)
        {
            var instruction = Draw(rng);
            if (!excluded.Contains(instruction.Text)) return instruction;
        }
    }).ToList();

    /// <summary>Chunks of the video for an instruction: events × chunks per event.</summary>
    public int ChunksFor(Instruction instruction) => instruction.Events.Count * geometry.ChunksPerEvent;

    /// <summary>True when a text is one neither stream may give (held out or excluded).</summary>
    public bool IsExcluded(string text) => excluded.Contains(text);

    private Instruction Draw(Random rng) => InstructionGenerator.Generate(rng, geometry.MinEvents + rng.Next(geometry.MaxEvents - geometry.MinEvents + 1));
}
