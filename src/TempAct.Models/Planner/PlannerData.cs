using TempAct.World.Language;

namespace TempAct.Models.Planner;

/// <summary>
/// The planner's data: training examples drawn on the fly (instruction, chunk count, requested steps, teacher answer) and a
/// held-out set from a disjoint seed stream. Training skips any instruction whose text is held out. Instructions are
/// written in the whole language (a share in the core forms the benchmark sets use); videos have 1 to
/// <see cref="MaxChunksPerEvent"/> chunks an event; the teacher's spans are drawn (<see cref="RuleTeacher.SampledSpans"/>).
/// </summary>
public static class PlannerData
{
    /// <summary>One example.</summary>
    public sealed record Example(Instruction Instruction, int TotalChunks, int? Steps, string Answer);

    /// <summary>Seed offset of the held-out stream (training uses seeds below it).</summary>
    public const int HeldOutSeedOffset = 1_000_000_007;

    /// <summary>Most chunks an event gets on average in a drawn video (8 chunks = 24 frames); a 6-event video has up to
    /// 48 chunks.</summary>
    public const int MaxChunksPerEvent = 8;

    /// <summary>Share of instructions written in the core forms (<see cref="Wording.Core"/>), as the benchmark sets are.</summary>
    public const double CoreWordingFraction = 0.15;

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

    /// <summary>Examples 0 … <paramref name="count"/> − 1 of a step, drawn in parallel (each is a pure function of its
    /// seed, so the batch is the same on any machine); writing the whole language costs a few times what the core forms
    /// did, and the training step waits for its batch.</summary>
    public static Example[] TrainingBatch(int seed, int step, int count, double explicitStepsFraction, IReadOnlySet<string> heldOut)
    {
        var examples = new Example[count];
        Parallel.For(0, count, i => examples[i] = Training(seed, step, i, explicitStepsFraction, heldOut));
        return examples;
    }

    /// <summary><paramref name="count"/> held-out examples: "auto" steps, drawn as in training.</summary>
    public static List<Example> HeldOut(int seed, int count)
    {
        var rng = new Random(seed + HeldOutSeedOffset);
        return Enumerable.Range(0, count).Select(_ => Draw(rng, 0)).ToList();
    }

    private static Example Draw(Random rng, double explicitStepsFraction)
    {
        var wording = rng.NextDouble() < CoreWordingFraction ? Wording.Core : Wording.Full;
        var instruction = InstructionGenerator.Generate(rng, 1 + rng.Next(6), wording: wording);
        int events = instruction.Events.Count;
        int chunks = events + rng.Next((MaxChunksPerEvent - 1) * events + 1); // events … 8·events chunks, uniform
        int? steps = rng.NextDouble() < explicitStepsFraction ? 1 + rng.Next(Math.Min(6, chunks)) : null;
        return new Example(instruction, chunks, steps, RuleTeacher.Answer(instruction, chunks, steps, rng));
    }
}
