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

/// <summary>`measure planner`: valid-plan and event-match rates on held-out generated instructions and on benchmark sets.</summary>
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
        /// <summary>Benchmark sets.</summary>
        [CommandOption("--sets"), Description("Comma-separated JSONL sets."), DefaultValue("data/benchmarks/simple.jsonl,data/benchmarks/hard.jsonl")] public string Sets { get; init; } = "data/benchmarks/simple.jsonl,data/benchmarks/hard.jsonl";
        /// <summary>Sampling seed.</summary>
        [CommandOption("--seed"), DefaultValue(0)] public int Seed { get; init; }
        /// <summary>Device.</summary>
        [CommandOption("--device"), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        /// <summary>Where to write the JSON results.</summary>
        [CommandOption("--out"), Description("JSON results file.")] public string? Out { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var sampling = new SamplingOptions { Temperature = 1.0, TopP = 0.7 };
        var planner = PlannerSource.Open(s.Planner, sampling, s.Model, DeviceChoice.Resolve(s.Device));
        var groups = new List<(string Name, List<(TempAct.World.Language.Instruction, int)> Items)>
        {
            ("heldout", PlannerData.HeldOut(s.DataSeed, s.HeldOut).Select(e => (e.Instruction, e.TotalChunks)).ToList()),
        };
        foreach (var path in s.Sets.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string file = File.Exists(path) ? path : RepoPaths.Find(path);
            groups.Add((Path.GetFileNameWithoutExtension(file), BenchmarkSet.Load(file).Select(i => (i.Instruction, i.Frames / StepPlan.ChunkFrames)).ToList()));
        }
        var results = new Dictionary<string, object>();
        var clock = Stopwatch.StartNew();
        var table = new Table().AddColumns("set", "plans", "valid (f = 1)", "events matched in order");
        ProgressBars.Run("measuring planner", groups.Sum(g => g.Items.Count), advance =>
        {
            foreach (var (name, items) in groups)
            {
                var q = PlanQuality.Measure(planner, items, 1, s.Seed, () => advance(1));
                results[name] = new { plans = q.Plans, valid_rate = q.ValidRate, match_rate = q.MatchRate };
                table.AddRow(name, $"{q.Plans}", $"{q.ValidRate:P1}", $"{q.MatchRate:P1}");
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
}
