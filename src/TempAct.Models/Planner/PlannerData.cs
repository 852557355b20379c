using TempAct.World.Language;

namespace TempAct.Models.Planner;

/// <summary>
/// The planner's data: training examples drawn on the fly (instruction, chunk count, requested steps, teacher answer) and a
/// held-out set from a disjoint seed stream. Training skips any instruction whose text is held out.
/// </summary>
public static class PlannerData
{
    /// <summary>One example.</summary>
    public sealed record Example(Instruction Instruction, int TotalChunks, int? Steps, string Answer);

    /// <summary>Seed offset of the held-out stream (training uses seeds below it).</summary>
    public const int HeldOutSeedOffset = 1_000_000_007;

    /// <summary>A training example for (seed, step, index); deterministic, so a resumed run sees the same data.</summary>
    public static Example Training(int seed, int step, int index, double explicitStepsFraction, IReadOnlySet<string> heldOut)
    {
        var rng = new Random(TempAct.World.Simulation.StableSeed.Of(seed, step, index));
        while (true)
        {
            var ex = Draw(rng, explicitStepsFraction);
            if (!heldOut.Contains(ex.Instruction.Text)) return ex;
        }
    }

    /// <summary><paramref name="count"/> held-out examples: "auto" steps, 1–4 chunks per event as in training.</summary>
    public static List<Example> HeldOut(int seed, int count)
    {
        var rng = new Random(seed + HeldOutSeedOffset);
        return Enumerable.Range(0, count).Select(_ => Draw(rng, 0)).ToList();
    }

    private static Example Draw(Random rng, double explicitStepsFraction)
    {
        var instruction = InstructionGenerator.Generate(rng, 1 + rng.Next(6));
        int events = instruction.Events.Count;
        int chunks = events * (1 + rng.Next(4));                 // 1–4 chunks (3–12 frames) per event
        int? steps = rng.NextDouble() < explicitStepsFraction ? 1 + rng.Next(Math.Min(6, chunks)) : null;
        if (steps is null) chunks = Math.Max(chunks, events);
        return new Example(instruction, chunks, steps, RuleTeacher.Answer(instruction, chunks, steps));
    }
}
