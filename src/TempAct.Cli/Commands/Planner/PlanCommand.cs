using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Models.Planner;
using TempAct.World.Language;
using TempAct.World.Plans;
using TempAct.World.Serialization;

namespace TempAct.Cli.Commands.Planner;

/// <summary>`plan`: samples plans for an instruction and prints them with their format score and log-prob.</summary>
public sealed class PlanCommand : Command<PlanCommand.Settings>
{
    /// <summary>Options of `plan`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The instruction.</summary>
        [CommandArgument(0, "<INSTRUCTION>"), Description("The instruction, quoted.")] public string Instruction { get; init; } = "";
        /// <summary>Exact step count (default: the planner chooses).</summary>
        [CommandOption("--steps"), Description("Ask for exactly M steps (default: the planner chooses).")] public int? Steps { get; init; }
        /// <summary>Chunks in the video.</summary>
        [CommandOption("--chunks"), Description("Chunks in the video (default: 4 per event = 12 frames a step).")] public int? Chunks { get; init; }
        /// <summary>Planner source.</summary>
        [CommandOption("--planner"), Description("base, a checkpoint folder, or an OpenAI-compatible URL (…/v1)."), DefaultValue("base")] public string Planner { get; init; } = "base";
        /// <summary>Model name for a URL planner.</summary>
        [CommandOption("--model"), Description("Model name sent to a URL planner."), DefaultValue("planner")] public string Model { get; init; } = "planner";
        /// <summary>Plans to sample.</summary>
        [CommandOption("--samples"), Description("Plans to sample (G)."), DefaultValue(1)] public int Samples { get; init; } = 1;
        /// <summary>Seed.</summary>
        [CommandOption("--seed"), Description("Seed."), DefaultValue(0)] public int Seed { get; init; }
        /// <summary>Sampling temperature.</summary>
        [CommandOption("--temperature"), Description("Sampling temperature, 0.01..100."), DefaultValue(1.0)] public double Temperature { get; init; } = 1.0;
        /// <summary>Top-p.</summary>
        [CommandOption("--top-p"), Description("Nucleus mass kept, in (0, 1]]; 1 turns top-p off."), DefaultValue(0.7)] public double TopP { get; init; } = 0.7;
        /// <summary>Device.</summary>
        [CommandOption("--device"), Description("cpu, cuda or auto."), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        /// <summary>Write the first plan as a PLAN.json file.</summary>
        [CommandOption("--out"), Description("Write the first plan to this PLAN.json (TempAct's array format, with spans) for `generate --plan`.")] public string? Out { get; init; }
        /// <summary>JSON output.</summary>
        [CommandOption("--json"), Description("Print {\"plans\": [[...]]} on stdout.")] public bool Json { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            Samples is < 1 or > 64 ? ValidationResult.Error($"--samples must be 1..64, got {Samples}")
            : Steps is < 1 or > 99 ? ValidationResult.Error($"--steps must be 1..99, got {Steps}")
            : Chunks is < 1 or > 99 ? ValidationResult.Error($"--chunks must be 1..99, got {Chunks}")
            // NaN and ±Infinity parse as doubles and fail every comparison: the checks are written to reject them.
            : SamplingOptions.TemperatureProblem(Temperature) is { } t ? ValidationResult.Error("--temperature " + t)
            : SamplingOptions.TopPProblem(TopP) is { } p ? ValidationResult.Error("--top-p " + p)
            : ValidationResult.Success();
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        using var outFile = s.Out is null ? null : OutputFiles.Open(s.Out, "--out"); // a bad path fails before any work
        var instruction = InstructionParser.Parse(s.Instruction); // an instruction outside the language fails here, clearly
        int chunks = s.Chunks ?? 4 * instruction.Events.Count;
        if (s.Steps is { } m && m > chunks) throw new ArgumentException($"--steps {m} cannot tile {chunks} chunks");
        var sampling = new SamplingOptions { Temperature = s.Temperature, TopP = s.TopP };
        var planner = PlannerSource.Open(s.Planner, sampling, s.Model, DeviceChoice.Resolve(s.Device));
        var samples = planner.Sample(instruction.Text, s.Steps, chunks, s.Samples, s.Seed);
        var plans = samples.Select(p => new
        {
            steps = p.Parsed.Plan.Steps.Select(x => new { step_index = x.StepIndex, prompt = x.Prompt, chunks = new[] { x.Chunks.First, x.Chunks.End } }),
            format_score = p.Parsed.FormatScore,
            logprob = p.AnswerTokens.Length > 0 ? Math.Round(p.LogProb, 4) : (double?)null,
            problems = p.Parsed.Problems,
        }).ToList();
        if (outFile is not null)
        {
            outFile.Stream.Write(System.Text.Encoding.UTF8.GetBytes(PlanParser.ToJson(samples[0].Parsed.Plan)));
            OutputFiles.Commit(outFile, "--out");
            CliConsole.Human.MarkupLine($"plan written to [bold]{Markup.Escape(s.Out!)}[/]");
        }
        if (s.Json)
        {
            CliConsole.Result(JsonSerializer.Serialize(new { plans }, WorldJson.Options));
            return ExitCodes.Ok;
        }
        for (int i = 0; i < samples.Count; i++)
        {
            var table = new Table().Title($"plan {i}: f = {samples[i].Parsed.FormatScore}, log-prob {plans[i].logprob?.ToString("F2") ?? "n/a"}").AddColumns("step", "chunks", "prompt");
            foreach (var st in samples[i].Parsed.Plan.Steps) table.AddRow($"{st.StepIndex}", Markup.Escape(st.Chunks.ToString()), Markup.Escape(st.Prompt));
            CliConsole.Human.Write(table);
            foreach (var problem in samples[i].Parsed.Problems) CliConsole.Human.MarkupLine($"[yellow]problem:[/] {Markup.Escape(problem)}");
        }
        return ExitCodes.Ok;
    }
}
