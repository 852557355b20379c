using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Cli.Commands.Studio;
using TempAct.Studio;
using TempAct.World.Serialization;

namespace TempAct.Cli.Commands.Bench;

/// <summary>`bench studio`: the studio in-process on a free loopback port, measured by WebSocket clients (the page's own
/// protocol): time from Start to first frame and frames/s delivered, alone and with N streams at once, from an
/// instruction (planning included) and from a given plan; optionally RSS over a long stream. JSON, Markdown and CSV.</summary>
public sealed class BenchStudioCommand : AsyncCommand<BenchStudioCommand.Settings>
{
    /// <summary>Options.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Concurrency levels.</summary>
        [CommandOption("--streams"), Description("Comma-separated numbers of streams at once."), DefaultValue("1,3")] public string Streams { get; init; } = "1,3";
        /// <summary>Rounds.</summary>
        [CommandOption("--rounds"), Description("Rounds per setting (each round starts its streams together); 0: only the long stream."), DefaultValue(5)] public int Rounds { get; init; } = 5;
        /// <summary>Chunks per stream.</summary>
        [CommandOption("--chunks"), Description("Chunks per stream of the given-plan runs (3 frames each); the planned runs use 3 events × 8 chunks."), DefaultValue(100)]
        public int Chunks { get; init; } = 100;
        /// <summary>Long stream.</summary>
        [CommandOption("--long-minutes"), Description("Also stream one video this long and sample the RSS (0: skip)."), DefaultValue(0.0)]
        public double LongMinutes { get; init; }
        /// <summary>Long stream's pace.</summary>
        [CommandOption("--long-pace"), Description("Frames/s of the long stream (0: as fast as generated)."), DefaultValue(0.0)]
        public double LongPace { get; init; }
        /// <summary>Executor.</summary>
        [CommandOption("--model"), DefaultValue("models/executor-ll")] public string Model { get; init; } = "models/executor-ll";
        /// <summary>Planner.</summary>
        [CommandOption("--planner"), DefaultValue("base")] public string Planner { get; init; } = "base";
        /// <summary>Device.</summary>
        [CommandOption("--device"), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        /// <summary>Output folder.</summary>
        [CommandOption("--out <DIR>"), Description("Folder for studio.json, studio.md, studio-rss.csv."), DefaultValue("bench/results/studio")]
        public string Out { get; init; } = "bench/results/studio";

        /// <summary>The concurrency levels, parsed.</summary>
        public int[] Levels() => Streams.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(x => int.TryParse(x, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : -1).ToArray();

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            Levels() is { Length: > 0 } l && l.All(n => n is >= 1 and <= 16) ? Rounds < 0 ? ValidationResult.Error($"--rounds must be ≥ 0, got {Rounds}")
                : Chunks < 2 ? ValidationResult.Error($"--chunks must be ≥ 2, got {Chunks}")
                : LongMinutes < 0 ? ValidationResult.Error($"--long-minutes must be ≥ 0, got {LongMinutes}")
                : ValidationResult.Success()
            : ValidationResult.Error($"--streams must list numbers 1..16, got '{Streams}'");
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var levels = s.Levels();
        using var loaded = new StudioModelsLoader(s.Model, s.Planner, "none", DeviceChoice.Resolve(s.Device));
        await using var server = await StudioServer.StartAsync(loaded.Models, new StudioOptions(Port: 0, MaxStreams: levels.Max()));
        var all = new List<StudioBenchStream>();
        // Warm-up: JIT, first allocations (not counted), at the most streams measured (streams made together run code a
        // single stream never reaches).
        if (s.Rounds > 0)
            foreach (bool planned in new[] { false, true })
                await StudioBench.RoundsAsync(server.BaseAddress, levels.Max(), 1, planned, 24, 999, cancellation: cancellation);
        foreach (bool planned in s.Rounds > 0 ? new[] { false, true } : [])
            foreach (int n in levels)
            {
                int chunks = planned ? 24 : s.Chunks;
                CliConsole.Human.MarkupLine($"{n} stream(s) at once, {(planned ? "planned from an instruction" : "given plan")}, {chunks} chunks, {s.Rounds} rounds…");
                var (generating, delivering) = server.Engine.Seconds;
                all.AddRange(await StudioBench.RoundsAsync(server.BaseAddress, n, s.Rounds, planned, chunks, 1, x =>
                    CliConsole.Human.MarkupLine($"  first frame {x.FirstFrameMs:0.0} ms, {x.Frames} frames at {x.FramesPerSecond:0.0} frames/s"), cancellation));
                var (generated, delivered) = server.Engine.Seconds;
                CliConsole.Human.MarkupLine($"  generation thread: {generated - generating:0.00} s making chunks, {delivered - delivering:0.00} s delivering them; {server.Engine.ChunksPerTurn:0.00} chunks a forward so far");
            }
        List<StudioRssSample>? rss = null;
        if (s.LongMinutes > 0)
        {
            CliConsole.Human.MarkupLine($"long stream: {s.LongMinutes} min at {(s.LongPace > 0 ? $"{s.LongPace} frames/s" : "full speed")}, RSS every 10 s…");
            rss = await StudioBench.LongStreamAsync(server.BaseAddress, server.Engine, TimeSpan.FromMinutes(s.LongMinutes), TimeSpan.FromSeconds(10), s.LongPace,
                x => CliConsole.Human.MarkupLine($"  {x.Seconds,6:0} s  {x.Frames,7} frames  RSS {x.RssMb:0.0} MB"), cancellation);
            if (rss.Count > 0 && rss[^1].Seconds < s.LongMinutes * 60 - 10)
                CliConsole.Human.MarkupLine($"  the stream ended before {s.LongMinutes} min: it reached the studio's longest video ({server.Engine.Options.MaxFrames} frames) after about {rss[^1].Seconds:0} s");
        }

        Directory.CreateDirectory(s.Out);
        var summary = all.GroupBy(x => (x.Planned, x.Streams)).Select(g => new
        {
            start = g.Key.Planned ? "instruction (planned)" : "given plan",
            streams = g.Key.Streams,
            runs = g.Count(),
            first_frame_ms_median = Math.Round(StudioBench.Median(g.Select(x => x.FirstFrameMs)), 1),
            first_frame_ms_max = g.Max(x => x.FirstFrameMs),
            frames_per_second_median = Math.Round(StudioBench.Median(g.Select(x => x.FramesPerSecond)), 1),
            frames_per_second_min = g.Min(x => x.FramesPerSecond),
            frames = g.First().Frames,
        }).ToList();
        var json = JsonSerializer.Serialize(new { summary, streams = all, rss, cpu_count = Environment.ProcessorCount,
            // The launcher turns tiered compilation off for the studio and this benchmark ("0"); null: the runtime's default (on).
            dotnet_tiered_compilation = Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") }, WorldJson.Options);
        AtomicFile.WriteAllText(Path.Combine(s.Out, "studio.json"), json);
        var md = new StringBuilder("| start | streams at once | runs | frames a stream | first frame, median (max) ms | frames/s a stream, median (min) |\n|---|---|---|---|---|---|\n");
        foreach (var r in summary)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.start} | {r.streams} | {r.runs} | {r.frames} | {r.first_frame_ms_median:0.0} ({r.first_frame_ms_max:0.0}) | {r.frames_per_second_median:0.0} ({r.frames_per_second_min:0.0}) |");
        AtomicFile.WriteAllText(Path.Combine(s.Out, "studio.md"), md.ToString());
        if (rss is not null)
            AtomicFile.WriteAllText(Path.Combine(s.Out, "studio-rss.csv"),
                "seconds,frames,rss_mb,live_rollouts\n" + string.Concat(rss.Select(x => FormattableString.Invariant($"{x.Seconds},{x.Frames},{x.RssMb},{x.LiveRollouts}\n"))));
        CliConsole.Human.WriteLine(md.ToString());
        CliConsole.Human.MarkupLine($"wrote [bold]{Markup.Escape(s.Out)}[/]/studio.json, studio.md{(rss is null ? "" : ", studio-rss.csv")}");
        return ExitCodes.Ok;
    }
}
