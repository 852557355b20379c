using System.Globalization;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;
using TempAct.World.Scenes;
using TempAct.World.Simulation;

namespace TempAct.Cli.Commands.Executor;

/// <summary>What `generate` reads before any model work: the video length, the plan file (strictly) and the start
/// scene. Every problem is found here, fast, and named: the option or the file and what is wrong with it.</summary>
public static class GenerationInput
{
    /// <summary>Frames when neither --frames nor a plan says (a prompt video: four chunks).</summary>
    public const int DefaultFrames = 12;

    /// <summary>Most frames one `generate` makes (33,334 chunks). Memory does not grow with the frame count (the GIF,
    /// the sheet and the tracker all take frames as they come) but the GIF does, by a few kilobytes a frame, and time
    /// by the chunk; the bound keeps a typo like --frames 1000000000 from starting a job of days.</summary>
    public const int MaxFrames = 100_000;

    /// <summary>Why <paramref name="frames"/> is not a usable --frames, or null.</summary>
    public static string? FramesProblem(int frames) =>
        frames is >= 1 and <= MaxFrames ? null : $"--frames must be 1..{MaxFrames.ToString("N0", CultureInfo.InvariantCulture)}, got {frames}";

    /// <summary>
    /// Reads PLAN.json strictly (a plan the parser would have to repair is an error naming its problems) and fixes the
    /// video length: the plan's own spans decide it (their chunks × 3 frames) unless <paramref name="frames"/> is given,
    /// which must then need exactly the chunks the spans cover (⌈frames/3⌉; the last chunk may be cut).
    /// </summary>
    /// <exception cref="FileNotFoundException">no such file (exit 4).</exception>
    /// <exception cref="InvalidDataException">not a usable plan, or spans beyond <see cref="MaxFrames"/> (exit 4).</exception>
    /// <exception cref="ArgumentException">--frames disagrees with the spans, or is needed and missing (exit 2).</exception>
    public static (StepPlan Plan, int Frames) ReadPlan(string path, int? frames)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: plan file not found");
        string text = File.ReadAllText(path);
        const int cf = StepPlan.ChunkFrames;
        int? declared = PlanParser.DeclaredChunks(text);
        if (declared is { } d && (d < 1 || (long)d * cf > MaxFrames))
            throw new InvalidDataException($"{path}: the spans end at chunk {d}; a video has 1..{MaxFrames / cf} chunks (at most {MaxFrames} frames)");
        int chunks;
        if (frames is { } f)
        {
            chunks = (f + cf - 1) / cf;
            if (declared is { } spans && spans != chunks)
                throw new ArgumentException($"--frames {f} needs {chunks} chunks, but {path} spans {spans} chunks ({spans * cf} frames): " +
                    $"leave out --frames to use the plan's length, or give {(spans - 1) * cf + 1}..{spans * cf}");
        }
        else if (declared is { } spans) { chunks = spans; frames = spans * cf; }
        else
        {
            // No usable spans. A plan without any (uniform spans: valid TempAct) does not say how long the video is; a
            // broken one (malformed or partial spans, no array) is named as such. Probing with the most chunks a video
            // may have lets any step count through, so only the plan's own problems are reported.
            var probe = PlanParser.Parse(text, MaxFrames / cf, null, "(no usable plan)");
            if (!probe.IsValid) throw new InvalidDataException($"{path}: not a usable plan: {string.Join("; ", probe.Problems)}");
            throw new ArgumentException($"{path} gives no chunk spans, so it does not say how long the video is: give --frames");
        }
        var result = PlanParser.Parse(text, chunks, steps: null, fallbackInstruction: "(no usable plan)");
        if (!result.IsValid)
            throw new InvalidDataException($"{path}: not a usable plan for {chunks} chunks ({chunks * cf} frames): {string.Join("; ", result.Problems)}");
        return (result.Plan, frames.Value);
    }

    /// <summary>The scene generation starts from: an instruction's own scene, else a random one (from the seed) in which
    /// the prompt's or the plan's events can happen.</summary>
    /// <exception cref="InvalidDataException">a plan step that is not one subject and one action, or steps no scene
    /// allows (impossible plan), naming <paramref name="planPath"/>, the step and the reason (exit 4).</exception>
    public static Scene StartScene(string? prompt, StepPlan? plan, string? planPath, long seed)
    {
        var prompts = plan is null ? [prompt!] : plan.Steps.Select(x => x.Prompt).ToArray();
        var events = new List<WorldEvent>();
        foreach (var p in prompts)
        {
            if (StepPrompt.TryParse(p, out var problem) is { } e) { events.Add(e); continue; }
            if (plan is null) return InstructionParser.Parse(p).Scene; // a whole instruction names its own scene
            throw new InvalidDataException($"{planPath}: step {events.Count} prompt \"{p}\": not one subject and one action ({problem})");
        }
        if (SceneForEvents.Impossible(events) is { } why)
        {
            string where = why.EventIndex < 0 ? "" : plan is null ? $"\"{prompts[0]}\": " : $"step {why.EventIndex} \"{prompts[why.EventIndex]}\": ";
            string source = planPath ?? "--prompt";
            throw new InvalidDataException($"{source}: no start scene lets these steps happen: {where}{why.Message}");
        }
        try { return SceneForEvents.Draw(events, new Random(unchecked((int)seed))); }
        catch (InvalidOperationException e) { throw new InvalidDataException($"{planPath ?? "--prompt"}: {e.Message}", e); }
    }
}
