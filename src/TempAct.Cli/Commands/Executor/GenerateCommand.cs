using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Cli.Progress;
using TempAct.Models.Executor;
using TempAct.World.Media;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;
using TempAct.World.Scenes;
using TempAct.World.Simulation;
using TempAct.World.Rendering;
using TempAct.World.Serialization;
using TempAct.World.Tracking;
using TorchSharp;

namespace TempAct.Cli.Commands.Executor;

/// <summary>`generate`: stream a video from the executor for one prompt or a step plan, write a GIF and say what the
/// tracker sees in it.</summary>
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
        /// <summary>Frames.</summary>
        [CommandOption("--frames"), Description("Frames to generate (a plan must cover ⌈frames/3⌉ chunks)."), DefaultValue(12)] public int Frames { get; init; } = 12;
        /// <summary>Seed.</summary>
        [CommandOption("--seed"), DefaultValue(0L)] public long Seed { get; init; }
        /// <summary>Output GIF.</summary>
        [CommandOption("--out"), Description("Output GIF."), DefaultValue("out/generated.gif")] public string Out { get; init; } = "out/generated.gif";
        /// <summary>Contact sheet.</summary>
        [CommandOption("--sheet"), Description("Also write a PNG contact sheet of the frames here.")] public string? Sheet { get; init; }
        /// <summary>Executor checkpoint folder.</summary>
        [CommandOption("--model"), Description("Executor checkpoint folder."), DefaultValue("models/executor-base")] public string Model { get; init; } = "models/executor-base";
        /// <summary>Device.</summary>
        [CommandOption("--device"), Description("cpu, cuda or auto."), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        /// <summary>Machine-readable output.</summary>
        [CommandOption("--json"), Description("Print {out, frames, seconds, events} on stdout.")] public bool Json { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            (Prompt is null) == (Plan is null) ? ValidationResult.Error("give exactly one of --prompt and --plan")
            : Frames <= 0 ? ValidationResult.Error($"--frames must be positive, got {Frames}")
            : Switch is not ("none" or "recache") ? ValidationResult.Error($"--switch must be none or recache, got '{Switch}'")
            : Start is not ("scene" or "noise") ? ValidationResult.Error($"--start must be scene or noise, got '{Start}'")
            : ValidationResult.Success();
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var device = DeviceChoice.Resolve(s.Device);
        using var model = ExecutorSource.Load(s.Model);
        model.to(device);
        // One video: the small-batch CPU settings for the whole command (text encoding and the tracker included).
        using var cpuSettings = VideoGenerator.SmallBatchCpu(model, 1);
        var generator = new VideoGenerator(model);
        int chunks = generator.ChunksFor(s.Frames);
        var plan = s.Plan is null ? null : ReadPlan(s.Plan, chunks);
        string[] prompts = plan is null ? Enumerable.Repeat(s.Prompt!, chunks).ToArray() : VideoGenerator.ChunkPrompts(plan, s.LookAhead);
        foreach (var p in prompts.Distinct()) model.Tokenize(p); // unknown words fail before any work
        Scene? scene = s.Start == "scene" ? StartScene(s.Prompt, plan, s.Seed) : null;
        var mode = s.Switch == "recache" ? SwitchMode.Recache : SwitchMode.None;

        int frameSize = 3 * model.Config.FrameSize * model.Config.FrameSize;
        var pixels = new float[s.Frames * frameSize];
        double seconds = 0, firstChunk = 0;
        ProgressBars.Run("generate", chunks, advance =>
        {
            foreach (var chunk in generator.Stream([prompts], s.Frames, s.Seed, mode, scene is null ? null : [ExecutorClips.InitialState(scene)]))
            {
                Array.Copy(chunk.Pixels, 0, pixels, chunk.FirstFrame * frameSize, chunk.Frames * frameSize);
                if (chunk.Index == 0) firstChunk = chunk.Elapsed.TotalSeconds;
                seconds = chunk.Elapsed.TotalSeconds;
                advance(1);
            }
        }, "chunks");
        var video = new Video(s.Frames, model.Config.FrameSize, model.Config.FrameSize, pixels);
        if (Path.GetDirectoryName(Path.GetFullPath(s.Out)) is { } dir) Directory.CreateDirectory(dir);
        VideoImages.WriteGif(video, s.Out);
        if (s.Sheet is not null) VideoImages.WriteContactSheet(video, s.Sheet);
        var tracking = Tracker.Track(video);
        if (scene is not null) CliConsole.Human.MarkupLine($"start: {Markup.Escape(string.Join(", ", scene.Objects.Select(o => $"{o.Name} at {o.Placement.Name}{(o.Visible ? "" : " (hidden)")}")))}");
        CliConsole.Human.MarkupLine($"{s.Frames} frames in {seconds:F2} s ({s.Frames / Math.Max(seconds, 1e-9):F1} frames/s, first chunk {firstChunk * 1000:F0} ms) → [bold]{Markup.Escape(s.Out)}[/]");
        foreach (var e in tracking.Events) CliConsole.Human.MarkupLine($"  tracker: {Markup.Escape(e.ToString())}");
        if (s.Json)
            CliConsole.Result(JsonSerializer.Serialize(new
            {
                @out = s.Out, frames = s.Frames, seconds, first_chunk_seconds = firstChunk, device = device.type.ToString().ToLowerInvariant(),
                @switch = s.Switch, prompts = prompts.Distinct().ToArray(),
                start = scene?.Objects.Select(o => new { name = o.Name, placement = o.Placement.Name, visible = o.Visible }).ToArray(),
                events = tracking.Events.Select(e => new { subject = e.Subject, action = e.ActionCode, onset = e.Onset, end = e.End }).ToArray(),
            }, WorldJson.Options));
        return ExitCodes.Ok;
    }

    /// <summary>The scene generation starts from: an instruction's own scene, else a random one (from the seed) in which
    /// the prompt's or the plan's events can happen.</summary>
    public static Scene StartScene(string? prompt, StepPlan? plan, long seed)
    {
        var prompts = plan is null ? [prompt!] : plan.Steps.Select(x => x.Prompt).ToArray();
        var events = new List<WorldEvent>();
        foreach (var p in prompts)
        {
            if (StepPrompt.TryParse(p, out var problem) is { } e) { events.Add(e); continue; }
            if (plan is null) return InstructionParser.Parse(p).Scene; // a whole instruction names its own scene
            throw new InvalidDataException($"step prompt \"{p}\": not one subject and one action ({problem})");
        }
        try { return SceneForEvents.Draw(events, new Random(unchecked((int)seed))); }
        catch (InvalidOperationException e) { throw new ArgumentException(e.Message, e); }
    }

    /// <summary>Reads PLAN.json strictly: a plan the parser would have to repair is an error naming its problems.</summary>
    public static StepPlan ReadPlan(string path, int chunks)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: plan file not found");
        var result = PlanParser.Parse(File.ReadAllText(path), chunks, steps: null, fallbackInstruction: "(no usable plan)");
        if (!result.IsValid)
            throw new InvalidDataException($"{path}: not a usable plan for {chunks} chunks ({chunks * StepPlan.ChunkFrames} frames): {string.Join("; ", result.Problems)}");
        return result.Plan;
    }
}
