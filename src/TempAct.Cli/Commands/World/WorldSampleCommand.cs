using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Cli.Progress;
using TempAct.World.Benchmarks;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Media;
using TempAct.World.Rendering;
using TempAct.World.Serialization;

namespace TempAct.Cli.Commands.World;

/// <summary>`world sample`: random instructions rendered to GIF + contact sheet + ground-truth JSON + loss-free frames.</summary>
public sealed class WorldSampleCommand : Command<WorldSampleCommand.Settings>
{
    /// <summary>Options of `world sample`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Number of samples.</summary>
        [CommandOption("-n|--count"), Description("Number of samples (--n N also works)."), DefaultValue(4)] public int N { get; init; } = 4;
        /// <summary>Events per instruction (1–6).</summary>
        [CommandOption("--events"), Description("Events per instruction, 1-6 (counts like 'twice' included)."), DefaultValue(3)] public int Events { get; init; } = 3;
        /// <summary>Frames per video.</summary>
        [CommandOption("--frames"), Description("Frames per video (default: 12 per event).")] public int? Frames { get; init; }
        /// <summary>Seed of the whole run.</summary>
        [CommandOption("--seed"), Description("Seed: same seed, same files byte for byte."), DefaultValue(0)] public int Seed { get; init; }
        /// <summary>Output folder.</summary>
        [CommandOption("--out"), Description("Output folder."), DefaultValue("out/samples")] public string Out { get; init; } = "out/samples";
        /// <summary>Print a JSON summary on stdout.</summary>
        [CommandOption("--json"), Description("Print a JSON summary on stdout.")] public bool Json { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (N is < 1 or > 100_000) return ValidationResult.Error($"--n must be 1..100000, got {N}");
            if (Events is < 1 or > 6) return ValidationResult.Error($"--events must be 1..6, got {Events}");
            if (Frames is { } f && (f < EventTiming.MinSpanFrames * Events || f > 10_000))
                return ValidationResult.Error($"--frames must be at least {EventTiming.MinSpanFrames} per event ({EventTiming.MinSpanFrames * Events}) and at most 10000, got {f}");
            return ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        int frames = s.Frames ?? BenchmarkSet.DefaultFramesPerEvent * s.Events;
        Directory.CreateDirectory(s.Out);
        var rng = new Random(s.Seed);
        var lines = new List<BenchmarkLine>();
        var started = DateTime.UtcNow;
        ProgressBars.Run("rendering samples", s.N, advance =>
        {
            for (int i = 0; i < s.N && !cancellation.IsCancellationRequested; i++)
            {
                var instruction = InstructionGenerator.Generate(rng, s.Events);
                var timed = EventTiming.Assign(instruction.Events, frames);
                var video = Renderer.Render(instruction.Scene, timed, frames);
                string stem = Path.Combine(s.Out, $"sample_{i:000}");
                VideoImages.WriteGif(video, stem + ".gif");
                VideoImages.WriteContactSheet(video, stem + ".png");
                VideoJson.Save(video, stem + ".video.json");
                var line = BenchmarkSet.ToLine(new BenchmarkItem(instruction, frames, timed));
                AtomicFile.WriteAllText(stem + ".json", JsonSerializer.Serialize(line, WorldJson.Indented));
                lines.Add(line);
                advance(1);
            }
        }, "videos");
        AtomicFile.WriteAllLines(Path.Combine(s.Out, "samples.jsonl"), lines.Select(l => JsonSerializer.Serialize(l, WorldJson.Options)));

        var table = new Table().AddColumns("#", "instruction", "events");
        for (int i = 0; i < lines.Count; i++)
            table.AddRow($"{i:000}", Markup.Escape(lines[i].Instruction ?? ""), string.Join(", ", lines[i].Events!.Select(e => $"{e.Action}@{e.Start}")));
        CliConsole.Human.Write(table);
        double seconds = (DateTime.UtcNow - started).TotalSeconds;
        CliConsole.Human.MarkupLine($"wrote {lines.Count} samples ({frames} frames each) to [bold]{Markup.Escape(s.Out)}[/] in {seconds:0.0} s");
        if (s.Json)
            CliConsole.Result(JsonSerializer.Serialize(new { @out = s.Out, samples = lines.Count, frames, seconds }, WorldJson.Options));
        return ExitCodes.Ok;
    }
}
