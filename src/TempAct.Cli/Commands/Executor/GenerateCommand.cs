using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Cli.Progress;
using TempAct.Models.Executor;
using TempAct.World.Media;
using TempAct.World.Plans;
using TempAct.World.Scenes;
using TempAct.World.Serialization;
using TempAct.World.Tracking;
using TorchSharp;

namespace TempAct.Cli.Commands.Executor;

/// <summary>`generate`: stream a video from the executor for one prompt or a step plan, write a GIF (and a contact sheet)
/// frame by frame and say what the tracker sees in it. Memory stays flat however many frames: no frame is kept.</summary>
public sealed class GenerateCommand : Command<GenerateCommand.Settings>
{
    /// <summary>Options of `generate`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>One prompt for every chunk.</summary>
        [CommandOption("--prompt"), Description("One prompt for the whole video, e.g. \"red circle moves right\".")] public string? Prompt { get; init; }
        /// <summary>Step plan file.</summary>
        [CommandOption("--plan"), Description("PLAN.json: TempAct's step array with chunk spans (as `plan --out` writes); spans must cover the video.")] public string? Plan { get; init; }
        /// <summary>Switch mode.</summary>
        [CommandOption("--switch"), Description("What a prompt change does: none (keep the KV cache) or recache (re-encode the window)."), DefaultValue("none")]
        public string Switch { get; init; } = "none";
        /// <summary>Look-ahead conditioning.</summary>
        [CommandOption("--look-ahead"), Description("Condition step m on its prompt followed by step m+1's.")] public bool LookAhead { get; init; }
        /// <summary>What generation starts from.</summary>
        [CommandOption("--start"), Description("scene: the still initial state of a scene the prompt or plan allows (drawn from --seed; an instruction's own scene) as context chunk; noise: no context (text-to-video)."), DefaultValue("scene")]
        public string Start { get; init; } = "scene";
        /// <summary>Frames (default: the plan's length, or 12 for a prompt).</summary>
        [CommandOption("--frames"), Description("Frames to generate, 1..100,000 (default: a plan's own length, its chunks × 3; 12 for a prompt). With --plan it must need exactly the chunks the plan spans.")]
        public int? Frames { get; init; }
        /// <summary>Seed.</summary>
        [CommandOption("--seed"), DefaultValue(0L)] public long Seed { get; init; }
        /// <summary>Output GIF.</summary>
        [CommandOption("--out"), Description("Output GIF."), DefaultValue("out/generated.gif")] public string Out { get; init; } = "out/generated.gif";
        /// <summary>Contact sheet.</summary>
        [CommandOption("--sheet"), Description("Also write a PNG contact sheet of the frames here.")] public string? Sheet { get; init; }
        /// <summary>Executor checkpoint folder.</summary>
        [CommandOption("--model"), Description("Executor checkpoint folder."), DefaultValue("models/executor-ll")] public string Model { get; init; } = "models/executor-ll";
        /// <summary>Device.</summary>
        [CommandOption("--device"), Description("cpu, cuda or auto."), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        /// <summary>Machine-readable output.</summary>
        [CommandOption("--json"), Description("Print {out, frames, seconds, events} on stdout.")] public bool Json { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            (Prompt is null) == (Plan is null) ? ValidationResult.Error("give exactly one of --prompt and --plan")
            : Frames is { } f && GenerationInput.FramesProblem(f) is { } why ? ValidationResult.Error(why)
            : Switch is not ("none" or "recache") ? ValidationResult.Error($"--switch must be none or recache, got '{Switch}'")
            : Start is not ("scene" or "noise") ? ValidationResult.Error($"--start must be scene or noise, got '{Start}'")
            : ValidationResult.Success();
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        // 1. Everything that can be wrong with the input, before any model work: outputs, plan, length, start scene.
        OutputFiles.Distinct(("--out", s.Out), ("--sheet", s.Sheet));
        using var gifFile = OutputFiles.Open(s.Out, "--out");
        using var sheetFile = s.Sheet is null ? null : OutputFiles.Open(s.Sheet, "--sheet");
        var (plan, frames) = s.Plan is null ? (null, s.Frames ?? GenerationInput.DefaultFrames) : GenerationInput.ReadPlan(s.Plan, s.Frames);
        Scene? scene = s.Start == "scene" ? GenerationInput.StartScene(s.Prompt, plan, s.Plan, s.Seed) : null;

        // 2. The model; every prompt is tokenized, so an unknown word fails before the first chunk.
        var device = DeviceChoice.Resolve(s.Device);
        using var model = ExecutorSource.Load(s.Model);
        model.to(device);
        // One video: the small-batch CPU settings for the whole command (text encoding and the tracker included).
        using var cpuSettings = VideoGenerator.SmallBatchCpu(model, 1);
        var generator = new VideoGenerator(model);
        int chunks = generator.ChunksFor(frames), size = model.Config.FrameSize;
        if (plan is not null && plan.TotalChunks != chunks)
            throw new InvalidDataException($"{s.Model}: the executor makes {model.Config.ChunkFrames} frames a chunk; plans are written in chunks of {StepPlan.ChunkFrames}");
        string[] prompts = plan is null ? Enumerable.Repeat(s.Prompt!, chunks).ToArray() : VideoGenerator.ChunkPrompts(plan, s.LookAhead);
        foreach (var p in prompts.Distinct()) model.Tokenize(p);
        var mode = s.Switch == "recache" ? SwitchMode.Recache : SwitchMode.None;

        // 3. Stream: each chunk goes to the GIF, the sheet and the tracker as it comes; no frame is kept.
        var gif = new GifStreamWriter(gifFile.Stream, size, size);
        var sheet = sheetFile is null ? null : new ContactSheetWriter(sheetFile.Stream, frames, size, size);
        var tracker = new IncrementalTracker(frames, size, size);
        double seconds = 0, firstChunk = 0;
        ProgressBars.Run("generate", chunks, advance =>
        {
            foreach (var chunk in generator.Stream([prompts], frames, s.Seed, mode, scene is null ? null : [ExecutorClips.InitialState(scene)]))
            {
                gif.Write(chunk.Pixels, 0, chunk.Frames);
                sheet?.Write(chunk.Pixels, 0, chunk.Frames);
                tracker.Add(chunk.Pixels, 0, chunk.Frames);
                if (chunk.Index == 0) firstChunk = chunk.Elapsed.TotalSeconds;
                seconds = chunk.Elapsed.TotalSeconds;
                advance(1);
            }
        }, "chunks");

        // 4. Complete files replace the targets only now.
        gif.Finish();
        OutputFiles.Commit(gifFile, "--out");
        if (sheet is not null) { sheet.Finish(); OutputFiles.Commit(sheetFile!, "--sheet"); }
        var tracking = tracker.Finish();
        Report(s, frames, seconds, firstChunk, device, prompts, scene, tracking);
        return ExitCodes.Ok;
    }

    private static void Report(Settings s, int frames, double seconds, double firstChunk, torch.Device device, string[] prompts, Scene? scene, TrackingResult tracking)
    {
        if (scene is not null) CliConsole.Human.MarkupLine($"start: {Markup.Escape(string.Join(", ", scene.Objects.Select(o => $"{o.Name} at {o.Placement.Name}{(o.Visible ? "" : " (hidden)")}")))}");
        CliConsole.Human.MarkupLine($"{frames} frames in {seconds:F2} s ({frames / Math.Max(seconds, 1e-9):F1} frames/s, first chunk {firstChunk * 1000:F0} ms) → [bold]{Markup.Escape(s.Out)}[/]");
        foreach (var e in tracking.Events) CliConsole.Human.MarkupLine($"  tracker: {Markup.Escape(e.ToString())}");
        if (s.Json)
            CliConsole.Result(JsonSerializer.Serialize(new
            {
                @out = s.Out, frames, seconds, first_chunk_seconds = firstChunk, device = device.type.ToString().ToLowerInvariant(),
                @switch = s.Switch, prompts = prompts.Distinct().ToArray(),
                start = scene?.Objects.Select(o => new { name = o.Name, placement = o.Placement.Name, visible = o.Visible }).ToArray(),
                events = tracking.Events.Select(e => new { subject = e.Subject, action = e.ActionCode, onset = e.Onset, end = e.End }).ToArray(),
                peak_rss_mb = ProcessMemory.PeakResidentMegabytes(),
            }, WorldJson.Options));
    }
}
