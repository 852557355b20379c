using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.World.Serialization;

namespace TempAct.Cli.Commands.Bench;

/// <summary>`bench generate-memory`: runs `generate` (GIF, contact sheet, tracker) as a fresh process per frame count and
/// reports each one's peak resident memory, time and file sizes — flat memory means the peak does not grow with frames.</summary>
public sealed class BenchGenerateMemoryCommand : Command<BenchGenerateMemoryCommand.Settings>
{
    /// <summary>Options.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Frame counts.</summary>
        [CommandOption("--frames"), Description("Comma-separated frame counts, one `generate` process each."), DefaultValue("1000,10000")]
        public string Frames { get; init; } = "1000,10000";
        /// <summary>Prompt.</summary>
        [CommandOption("--prompt"), Description("Prompt of every video."), DefaultValue("red circle moves right")] public string Prompt { get; init; } = "red circle moves right";
        /// <summary>Executor checkpoint.</summary>
        [CommandOption("--model"), Description("Executor checkpoint folder."), DefaultValue("models/executor-ll")] public string Model { get; init; } = "models/executor-ll";
        /// <summary>Device.</summary>
        [CommandOption("--device"), Description("cpu, cuda or auto."), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        /// <summary>Seed.</summary>
        [CommandOption("--seed"), DefaultValue(1L)] public long Seed { get; init; } = 1;
        /// <summary>Output folder.</summary>
        [CommandOption("--out <DIR>"), Description("Folder for generate-memory.json (the videos go to a temporary folder, deleted after)."), DefaultValue("bench/results")]
        public string Out { get; init; } = "bench/results";

        /// <summary>The frame counts, parsed.</summary>
        public int[] FrameCounts() => Frames.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(f => int.TryParse(f, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : -1).ToArray();

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            var counts = FrameCounts();
            if (counts.Length == 0) return ValidationResult.Error("--frames needs at least one count");
            foreach (int n in counts)
                if (Executor.GenerationInput.FramesProblem(n) is { } why) return ValidationResult.Error($"{why} (in --frames {Frames})");
            return ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        using var result = OutputFiles.Open(Path.Combine(s.Out, "generate-memory.json"), "--out");
        string work = Directory.CreateTempSubdirectory("tempact-bench-generate").FullName;
        var runs = new List<object>();
        try
        {
            foreach (int frames in s.FrameCounts())
            {
                string gif = Path.Combine(work, $"v{frames}.gif"), sheet = Path.Combine(work, $"v{frames}.png");
                CliConsole.Human.MarkupLine($"generate --frames {frames} …");
                var clock = Stopwatch.StartNew();
                var (code, json) = RunGenerate(["generate", "--prompt", s.Prompt, "--frames", $"{frames}", "--seed", $"{s.Seed}", "--model", s.Model,
                    "--device", s.Device, "--out", gif, "--sheet", sheet, "--json"]);
                if (code != ExitCodes.Ok)
                {
                    Console.Error.WriteLine($"bench generate-memory: generate --frames {frames} exited with {code}");
                    return code; // its own error line says why
                }
                double wall = clock.Elapsed.TotalSeconds;
                var run = new
                {
                    frames, peak_rss_mb = json.GetProperty("peak_rss_mb").GetDouble(), process_seconds = Math.Round(wall, 1),
                    generate_seconds = Math.Round(json.GetProperty("seconds").GetDouble(), 1), gif_mb = Math.Round(new FileInfo(gif).Length / 1048576.0, 1),
                    sheet_mb = Math.Round(new FileInfo(sheet).Length / 1048576.0, 1), tracker_events = json.GetProperty("events").GetArrayLength(),
                };
                runs.Add(run);
                CliConsole.Human.MarkupLine($"  peak RSS {run.peak_rss_mb:F0} MiB, {run.generate_seconds:F0} s generating, GIF {run.gif_mb:F1} MB, sheet {run.sheet_mb:F1} MB");
                File.Delete(gif); File.Delete(sheet);
            }
        }
        finally { Directory.Delete(work, true); }
        string line = JsonSerializer.Serialize(new { bench = "generate-memory", device = s.Device, prompt = s.Prompt, runs }, WorldJson.Options);
        result.Stream.Write(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
        OutputFiles.Commit(result, "--out");
        CliConsole.Result(line);
        return ExitCodes.Ok;
    }

    /// <summary>Runs this CLI as a child process and returns its exit code and the JSON it printed; its stderr (progress,
    /// errors) passes through.</summary>
    private static (int Code, JsonElement Json) RunGenerate(IReadOnlyList<string> args)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("the running executable is unknown");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet tempact.dll` the executable is the host: the child needs the dll first.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {self}");
        string stdout = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0) return (child.ExitCode, default);
        return (0, JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement.Clone());
    }
}
