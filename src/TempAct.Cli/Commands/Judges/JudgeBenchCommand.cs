using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Judges;
using TempAct.Judges.Http;
using TempAct.Judges.Oracle;
using TempAct.Judges.Server;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;
using TempAct.World.Rendering;
using TempAct.World.Serialization;

namespace TempAct.Cli.Commands.Judges;

/// <summary>`judges bench`: throughput of the oracle judges in-process and of the same judges over HTTP (an in-process
/// OpenAI-compatible server on loopback and the OpenAI .NET client), on ground-truth renders of random instructions.</summary>
public sealed class JudgeBenchCommand : AsyncCommand<JudgeBenchCommand.Settings>
{
    /// <summary>Options of `judges bench`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Videos to score.</summary>
        [CommandOption("--videos"), Description("Videos (ground-truth renders of random instructions) to score."), DefaultValue(32)]
        public int Videos { get; init; } = 32;
        /// <summary>Events per instruction.</summary>
        [CommandOption("--events"), Description("Events per instruction (1-6)."), DefaultValue(3)]
        public int Events { get; init; } = 3;
        /// <summary>Frames per video.</summary>
        [CommandOption("--frames"), Description("Frames per video."), DefaultValue(36)]
        public int Frames { get; init; } = 36;
        /// <summary>Seed of the instructions.</summary>
        [CommandOption("--seed"), Description("Seed of the instructions."), DefaultValue(0)]
        public int Seed { get; init; }
        /// <summary>HTTP requests in flight.</summary>
        [CommandOption("--concurrency"), Description("HTTP requests in flight (the client's MaxConcurrency)."), DefaultValue(4)]
        public int Concurrency { get; init; } = 4;
        /// <summary>Timed passes per path (the median is reported).</summary>
        [CommandOption("--repeats"), Description("Timed passes per measurement; the median is reported (the machine may be shared)."), DefaultValue(3)]
        public int Repeats { get; init; } = 3;
        /// <summary>Print JSON on stdout.</summary>
        [CommandOption("--json"), Description("Print the figures as JSON on stdout.")]
        public bool Json { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Videos is < 1 or > 100_000) return ValidationResult.Error($"--videos must be 1..100000, got {Videos}");
            if (Events is < 1 or > 6) return ValidationResult.Error($"--events must be 1..6, got {Events}");
            if (Frames < EventTiming.MinSpanFrames * Events || Frames % StepPlan.ChunkFrames != 0)
                return ValidationResult.Error($"--frames must be a multiple of {StepPlan.ChunkFrames} with at least {EventTiming.MinSpanFrames} per event, got {Frames}");
            if (Repeats is < 1 or > 100) return ValidationResult.Error($"--repeats must be 1..100, got {Repeats}");
            if (Concurrency is < 1 or > 256) return ValidationResult.Error($"--concurrency must be 1..256, got {Concurrency}");
            return ValidationResult.Success();
        }
    }

    /// <summary>One measured path: items per second and the largest |total − in-process oracle total|.</summary>
    private sealed record Row(string Judge, string Path, int Items, double Seconds, double MaxDifference)
    {
        public double PerSecond => Items / Seconds;
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings s, CancellationToken cancellation)
    {
        // 1. Inputs: ground-truth renders, their steps after each switch, and the rule teacher's plans.
        var rng = new Random(s.Seed);
        var videos = new List<VideoJudgeItem>();
        var steps = new List<StepJudgeItem>();
        var plans = new List<PlanJudgeItem>();
        for (int i = 0; i < s.Videos; i++)
        {
            var instruction = InstructionGenerator.Generate(rng, s.Events);
            var timed = EventTiming.Assign(instruction.Events, s.Frames);
            var video = Renderer.Render(instruction.Scene, timed, s.Frames);
            videos.Add(new VideoJudgeItem(video, instruction));
            steps.AddRange(timed.Skip(1).Select(t => new StepJudgeItem(video, t.Span, StepPrompt.Canonical(t.Event))));
            plans.Add(new PlanJudgeItem(StepPlan.Uniform(instruction.Events.Select(StepPrompt.Canonical).ToList(), s.Frames / StepPlan.ChunkFrames), instruction));
        }

        // 2. In-process oracle, one thread and all cores.
        var rows = new List<Row>();
        var reference = new Dictionary<string, IReadOnlyList<JudgeScore>>();
        foreach (int threads in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            var o = new OracleOptions(Parallelism: threads);
            string path = $"in-process, {threads} thread{(threads == 1 ? "" : "s")}";
            rows.Add(await Measure("S_video", path, videos, s.Repeats, new OracleVideoJudge(o).ScoreAsync, reference, cancellation));
            rows.Add(await Measure("S_local", path, steps, s.Repeats, new OracleStepJudge(o).ScoreAsync, reference, cancellation));
            rows.Add(await Measure("S_judge", path, plans, s.Repeats, new OraclePlanJudge(o).ScoreAsync, reference, cancellation));
        }

        // 3. The same judges over HTTP: server and client in this process, on loopback.
        await using (var server = await JudgeServer.StartAsync([new OracleChatModel()], new JudgeServerOptions(Port: 0), cancellation))
        using (var client = new JudgeClient(new JudgeClientOptions { Endpoints = [server.ApiBase.ToString()], MaxConcurrency = s.Concurrency }))
        {
            string path = $"HTTP loopback, {s.Concurrency} in flight";
            rows.Add(await Measure("S_video", path, videos, s.Repeats, new HttpVideoJudge(client).ScoreAsync, reference, cancellation));
            rows.Add(await Measure("S_local", path, steps, s.Repeats, new HttpStepJudge(client).ScoreAsync, reference, cancellation));
            rows.Add(await Measure("S_judge", path, plans, s.Repeats, new HttpPlanJudge(client).ScoreAsync, reference, cancellation));
            CliConsole.Human.MarkupLine($"client: {Markup.Escape(client.Stats.ToString())}");
        }

        // 4. Report.
        var table = new Table().AddColumns("judge", "path", "items", "seconds (median)", "items/s", "max |Δ total| vs in-process");
        foreach (var r in rows)
            table.AddRow(r.Judge, r.Path, $"{r.Items}", $"{r.Seconds:0.00}", $"{r.PerSecond:0.0}", $"{r.MaxDifference:0.0000}");
        CliConsole.Human.Write(table);
        CliConsole.Human.MarkupLine($"{s.Videos} videos of {s.Frames} frames, {s.Events} events; {steps.Count} step windows; {Environment.ProcessorCount} processors; median of {s.Repeats} passes");
        if (s.Json)
            CliConsole.Result(JsonSerializer.Serialize(new
            {
                videos = s.Videos, frames = s.Frames, events = s.Events, processors = Environment.ProcessorCount, repeats = s.Repeats,
                rows = rows.Select(r => new { judge = r.Judge, path = r.Path, items = r.Items, seconds = Math.Round(r.Seconds, 3),
                    per_second = Math.Round(r.PerSecond, 2), max_difference = Math.Round(r.MaxDifference, 6) }),
            }, WorldJson.Options));
        return ExitCodes.Ok;
    }

    /// <summary>Scores the items once untimed (JIT tier-up, connections), then times <paramref name="repeats"/> passes and keeps
    /// the median; the first path measured for a judge becomes the reference the others are compared with.</summary>
    private static async Task<Row> Measure<T>(string judge, string path, IReadOnlyList<T> items, int repeats,
        Func<IReadOnlyList<T>, CancellationToken, Task<IReadOnlyList<JudgeScore>>> score,
        Dictionary<string, IReadOnlyList<JudgeScore>> reference, CancellationToken cancellation)
    {
        await score(items, cancellation); // warm-up: JIT tiering and connections settle before timing
        var times = new List<double>();
        IReadOnlyList<JudgeScore> scores = [];
        for (int r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            scores = await score(items, cancellation);
            times.Add(clock.Elapsed.TotalSeconds);
        }
        if (!reference.TryGetValue(judge, out var baseline)) reference[judge] = baseline = scores;
        double diff = scores.Zip(baseline, (a, b) => Math.Abs(a.Total - b.Total)).DefaultIfEmpty(0).Max();
        return new Row(judge, path, items.Count, times.Order().ElementAt(times.Count / 2), diff);
    }
}
