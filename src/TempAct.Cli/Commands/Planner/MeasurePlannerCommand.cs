using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Cli.Progress;
using TempAct.Models.Planner;
using TempAct.World.Benchmarks;
using TempAct.World.Plans;
using TempAct.World.Serialization;

namespace TempAct.Cli.Commands.Planner;

/// <summary>`measure planner`: valid-plan and event-match rates on held-out generated instructions, the paraphrase set
/// (instructions as people write them, events given by hand) and benchmark sets; and the spread of sampled plans — the
/// share of instructions whose group of sampled plans is all identical.</summary>
public sealed class MeasurePlannerCommand : Command<MeasurePlannerCommand.Settings>
{
    /// <summary>Options of `measure planner`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Planner source.</summary>
        [CommandOption("--planner"), Description("base, a checkpoint folder, or an OpenAI-compatible URL."), DefaultValue("base")] public string Planner { get; init; } = "base";
        /// <summary>Model name for a URL planner.</summary>
        [CommandOption("--model"), DefaultValue("planner")] public string Model { get; init; } = "planner";
        /// <summary>Held-out instructions.</summary>
        [CommandOption("--heldout"), Description("Held-out generated instructions (never in the SFT data)."), DefaultValue(500)] public int HeldOut { get; init; } = 500;
        /// <summary>Seed of the SFT run (selects the held-out stream).</summary>
        [CommandOption("--data-seed"), Description("The SFT config's Seed: selects the held-out stream."), DefaultValue(1)] public int DataSeed { get; init; } = 1;
        /// <summary>Paraphrase set ("" to skip).</summary>
        [CommandOption("--paraphrases"), Description("Paraphrase set (JSONL with the expected events); \"\" skips it."), DefaultValue("data/paraphrases.jsonl")] public string Paraphrases { get; init; } = "data/paraphrases.jsonl";
        /// <summary>Benchmark sets.</summary>
        [CommandOption("--sets"), Description("Comma-separated JSONL sets."), DefaultValue("data/benchmarks/simple.jsonl,data/benchmarks/hard.jsonl")] public string Sets { get; init; } = "data/benchmarks/simple.jsonl,data/benchmarks/hard.jsonl";
        /// <summary>Instructions per set for the spread measurement.</summary>
        [CommandOption("--spread"), Description("N instructions of each set, evenly spaced, get a group of plans sampled (0: no spread measurement)."), DefaultValue(100)] public int Spread { get; init; } = 100;
        /// <summary>Plans per group.</summary>
        [CommandOption("--group"), Description("Plans sampled per instruction for the spread (RL's G)."), DefaultValue(4)] public int Group { get; init; } = 4;
        /// <summary>Sampling seed.</summary>
        [CommandOption("--seed"), DefaultValue(0)] public int Seed { get; init; }
        /// <summary>Device.</summary>
        [CommandOption("--device"), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        /// <summary>Where to write the JSON results.</summary>
        [CommandOption("--out"), Description("JSON results file.")] public string? Out { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            HeldOut < 0 || Spread < 0 ? ValidationResult.Error("--heldout and --spread must be ≥ 0")
            : Group < 2 ? ValidationResult.Error("--group must be ≥ 2") : ValidationResult.Success();
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var sampling = new SamplingOptions { Temperature = 1.0, TopP = 0.7 };
        var planner = PlannerSource.Open(s.Planner, sampling, s.Model, DeviceChoice.Resolve(s.Device));
        var groups = Groups(s);
        var results = new Dictionary<string, object>();
        var clock = Stopwatch.StartNew();
        var table = new Table().AddColumns("set", "plans", "valid (f = 1)", "events matched in order", $"{s.Group} plans all identical");
        int work = groups.Sum(g => g.Items.Count + Math.Min(s.Spread, g.Items.Count));
        ProgressBars.Run("measuring planner", work, advance =>
        {
            foreach (var (name, items) in groups)
            {
                var q = PlanQuality.Measure(planner, items, 1, s.Seed, () => advance(1));
                // Evenly spaced through the set, so a set written in sections (the paraphrase set) is sampled throughout.
                int n = Math.Min(s.Spread, items.Count);
                var spreadItems = Enumerable.Range(0, n).Select(k => items[k * items.Count / n]).ToList();
                var spread = spreadItems.Count == 0 ? null : PlanSpread.Measure(planner, spreadItems, s.Group, s.Seed + 7919, () => advance(1));
                results[name] = new
                {
                    plans = q.Plans, valid_rate = q.ValidRate, match_rate = q.MatchRate,
                    misses = q.Misses.Select(m => new { instruction = m.Instruction, expected = m.Expected, planned = m.Planned }),
                    spread = spread is null ? null : new
                    {
                        instructions = spread.Instructions, group = spread.GroupSize, all_identical_share = spread.AllIdenticalShare,
                        spans_differ_share = spread.SpansDifferShare, valid_rate = spread.Quality.ValidRate, match_rate = spread.Quality.MatchRate,
                    },
                };
                table.AddRow(name, $"{q.Plans}", $"{q.ValidRate:P1}", $"{q.MatchRate:P1}",
                    spread is null ? "-" : $"{spread.AllIdenticalShare:P1} of {spread.Instructions}");
            }
        }, "instr");
        results["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
        results["sampling"] = new { temperature = sampling.Temperature, top_p = sampling.TopP };
        CliConsole.Human.Write(table);
        string json = JsonSerializer.Serialize(results, WorldJson.Indented);
        if (s.Out is not null) AtomicFile.WriteAllText(s.Out, json);
        CliConsole.Result(json);
        return ExitCodes.Ok;
    }

    /// <summary>The measured sets: held-out generated instructions, the paraphrase set, the benchmark sets.</summary>
    private static List<(string Name, List<PlanQuality.Item> Items)> Groups(Settings s)
    {
        var groups = new List<(string Name, List<PlanQuality.Item> Items)>();
        if (s.HeldOut > 0)
            groups.Add(("heldout", PlannerData.HeldOut(s.DataSeed, s.HeldOut)
                .Select(e => new PlanQuality.Item(e.Instruction.Text, e.Instruction.Events, e.TotalChunks)).ToList()));
        if (s.Paraphrases.Length > 0)
        {
            string file = File.Exists(s.Paraphrases) ? s.Paraphrases : RepoPaths.Find(s.Paraphrases);
            groups.Add((Path.GetFileNameWithoutExtension(file), ParaphraseSet.Load(file)
                .Select(i => new PlanQuality.Item(i.Text, i.Events, i.Frames / StepPlan.ChunkFrames)).ToList()));
        }
        foreach (var path in s.Sets.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string file = File.Exists(path) ? path : RepoPaths.Find(path);
            groups.Add((Path.GetFileNameWithoutExtension(file), BenchmarkSet.Load(file)
                .Select(i => new PlanQuality.Item(i.Instruction.Text, i.Instruction.Events, i.Frames / StepPlan.ChunkFrames)).ToList()));
        }
        return groups;
    }
}
