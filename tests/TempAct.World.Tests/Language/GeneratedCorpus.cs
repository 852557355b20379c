using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Scenes;
using TempAct.World.Simulation;

namespace TempAct.World.Tests.Language;

/// <summary>5,000 seeded generated instructions, each parsed back with a trace of the lexicon phrases it used; built once
/// and shared by the tests of one class.</summary>
public sealed class GeneratedCorpus
{
    public const int Size = 5000;
    public const int Seed = 20240611;

    public GeneratedCorpus()
    {
        var rng = new Random(Seed);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < Size; i++)
        {
            var generated = InstructionGenerator.Generate(rng, 1 + i % 6, OptionsFor(i), Wording.Full);
            Generated.Add(generated);
            var trace = new List<LexiconPhrase>();
            try
            {
                Parsed.Add(InstructionParser.Parse(generated.Text, trace));
                Failures.Add(null);
            }
            catch (InstructionParseException ex)
            {
                Parsed.Add(null);
                Failures.Add(ex.Message);
            }
            foreach (var p in trace) Used.Add(p);
        }
        Elapsed = watch.Elapsed;
    }

    /// <summary>Varied sampler options so that every construction occurs: repeats (counts up to six), slow events,
    /// hidden objects, one and three objects.</summary>
    public static ScenarioSampler.Options OptionsFor(int i) => (i % 5) switch
    {
        0 => new ScenarioSampler.Options(),
        1 => new ScenarioSampler.Options(RepeatProbability: 0.85, SlowProbability: 0.4),
        2 => new ScenarioSampler.Options(ObjectCount: 3, HiddenProbability: 0.3),
        3 => new ScenarioSampler.Options(ObjectCount: 1, SlowProbability: 0.3),
        _ => new ScenarioSampler.Options(ObjectCount: 2, HiddenProbability: 0.3, SameSubjectProbability: 0.3),
    };

    public List<Instruction> Generated { get; } = [];
    public List<Instruction?> Parsed { get; } = [];
    public List<string?> Failures { get; } = [];
    public HashSet<LexiconPhrase> Used { get; } = new(ReferenceEqualityComparer.Instance);
    public TimeSpan Elapsed { get; }
}
