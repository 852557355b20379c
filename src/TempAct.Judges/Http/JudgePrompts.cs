using System.Globalization;
using TempAct.Judges.Rewards;
using TempAct.World.Plans;

namespace TempAct.Judges.Http;

/// <summary>
/// TempAct's three judge prompts adapted to ShapeWorld — the full-video "framewise" prompt, the clip-wise step prompt and
/// the plan-judge prompt — keeping TempAct's JSON fields and weights. Each user message begins with "Label: value" lines
/// (the judge kind, the instruction, which frames are what) that a VLM reads as text and the oracle server parses
/// (<see cref="ReadFields"/>); the instructions and the JSON answer template follow.
/// </summary>
public static class JudgePrompts
{
    /// <summary>Label of the line naming the judge: full_video, step_clip or plan.</summary>
    public const string JudgeLabel = "Judge";
    /// <summary>Label of the instruction's text.</summary>
    public const string InstructionLabel = "Instruction";
    /// <summary>Label of the frame count.</summary>
    public const string FramesLabel = "Frames";
    /// <summary>Label of the sampled frames' indices.</summary>
    public const string SampledLabel = "Sampled frames";
    /// <summary>Label of the step prompt.</summary>
    public const string StepPromptLabel = "Step prompt";
    /// <summary>Label of the step clip's frame range "S to E" (inclusive, request-relative).</summary>
    public const string StepClipLabel = "Step clip";
    /// <summary>Label of the video's chunk count (plan judge).</summary>
    public const string ChunksLabel = "Chunks";
    /// <summary>Label of the plan's JSON (one line).</summary>
    public const string PlanLabel = "Plan";

    private const string World =
        "The videos show ShapeWorld: a 32×32 dark canvas with one to three flat shapes (square, circle, triangle; small or large; " +
        "red, green, blue, yellow, purple, cyan or white). One event happens at a time: a shape moves one grid cell left, right, up " +
        "or down, jumps, grows, shrinks, turns another colour, vanishes, appears, or stays still. Objects are named by colour and " +
        "shape as they are at the start (\"the red circle\" keeps that name after turning blue).";

    /// <summary>System prompt of the full-video judge.</summary>
    public const string VideoSystem = "You are a strict judge of temporal instruction following in generated videos. " + World +
        " Judge what the frames show, not what the instruction promises. Answer with one JSON object and nothing else.";

    /// <summary>System prompt of the step judge.</summary>
    public const string StepSystem = "You are a strict judge of whether a video clip follows its step prompt right after the prompt switched. " + World +
        " Answer with one JSON object and nothing else.";

    /// <summary>System prompt of the plan judge.</summary>
    public const string PlanSystem = "You are a strict judge of plans that split a video instruction into step prompts for a video generator. " + World +
        " Answer with one JSON object and nothing else.";

    /// <summary>The wire name of a judge kind.</summary>
    public static string Name(JudgeKind kind) => kind switch
    {
        JudgeKind.FullVideo => "full_video",
        JudgeKind.StepClip => "step_clip",
        _ => "plan",
    };

    /// <summary>The user text of the full-video judge; frames 0…<paramref name="frames"/>−1 follow as images.</summary>
    public static string Video(string instruction, int frames, IReadOnlyList<int> sampled, VideoJudgeWeights w) => Lines(
        $"{JudgeLabel}: {Name(JudgeKind.FullVideo)}",
        $"{InstructionLabel}: {OneLine(instruction)}",
        $"{FramesLabel}: {frames}",
        $"{SampledLabel}: {string.Join(", ", sampled)}",
        $"The {frames} frames follow as images, frame 0 first.",
        "For each sampled frame, score from 0 to 1 whether the right objects (colour, shape, size) are present and where the " +
        "instruction's progress says they should be at that point of the video (timing may run a little ahead or behind).",
        "Then score the whole video, each from 0 to 1:",
        "- final: the last frame shows the state the instruction ends in;",
        "- temporal_order: the instruction's events happen, in its order;",
        "- physical_plausibility: no teleports, flicker, shapes breaking apart or stray fragments;",
        "- visual_consistency: every object keeps its identity unless an event changes it;",
        "- prompt_alignment: the video shows the instruction's events and nothing else.",
        $"The caller computes the total as {F(w.FrameScores)}·mean(frame_scores) + {F(w.Final)}·final + {F(w.TemporalOrder)}·temporal_order + " +
        $"{F(w.PhysicalPlausibility)}·physical_plausibility + {F(w.VisualConsistency)}·visual_consistency + {F(w.PromptAlignment)}·prompt_alignment.",
        $"Answer: {{\"frame_scores\": [{string.Join(", ", sampled.Select(_ => "0.0"))}], \"final\": 0.0, \"temporal_order\": 0.0, " +
        "\"physical_plausibility\": 0.0, \"visual_consistency\": 0.0, \"prompt_alignment\": 0.0}");

    /// <summary>The user text of the step judge; frames 0…<paramref name="frames"/>−1 follow, the clip being
    /// [<paramref name="clipStart"/>, <paramref name="frames"/>).</summary>
    public static string Step(string prompt, int frames, int clipStart, StepJudgeWeights w) => Lines(
        $"{JudgeLabel}: {Name(JudgeKind.StepClip)}",
        $"{StepPromptLabel}: {OneLine(prompt)}",
        $"{FramesLabel}: {frames}",
        $"{StepClipLabel}: {clipStart} to {frames - 1}",
        $"The {frames} frames follow as images, frame 0 first. The prompt switched to the step prompt at frame {clipStart}; " +
        "earlier frames are context (they show the objects before the switch).",
        "Score the step clip, each from 0 to 1:",
        "- subject: the step's subject is present;",
        "- scene: the other objects stay as they were;",
        "- action: the subject does the step's action, starting right after the switch, with no other action mixed in;",
        "- object_reasonability: the objects stay physically plausible (no teleports, flicker or broken shapes);",
        "- final: at the clip's end the subject is where, and as, the action leaves it.",
        $"The caller computes the total as {F(w.Subject)}·subject + {F(w.Scene)}·scene + {F(w.Action)}·action + " +
        $"{F(w.ObjectReasonability)}·object_reasonability + {F(w.Final)}·final.",
        "Answer: {\"subject\": 0.0, \"scene\": 0.0, \"action\": 0.0, \"object_reasonability\": 0.0, \"final\": 0.0}");

    /// <summary>The user text of the plan judge (no images).</summary>
    public static string Plan(string instruction, StepPlan plan, PlanJudgeWeights w) => Lines(
        $"{JudgeLabel}: {Name(JudgeKind.Plan)}",
        $"{InstructionLabel}: {OneLine(instruction)}",
        $"{ChunksLabel}: {plan.TotalChunks}",
        $"{PlanLabel}: {PlanJson.Write(plan)}",
        $"The video has {plan.TotalChunks} chunks of {StepPlan.ChunkFrames} frames; each step's \"chunks\" is its [first, end) range.",
        "Score the plan against the instruction, each from 0 to 1:",
        "- faithfulness: share of steps that say exactly what the instruction says (subject, action, pace) with a span long enough " +
        "for the action (its duration plus one still frame; slow actions take twice as long);",
        "- coverage: share of the instruction's events that some step covers;",
        "- temporal_order: share of pairs of the instruction's events whose steps keep the instruction's order;",
        "- hallucination: share of steps that describe something the instruction does not ask for.",
        $"The caller computes the total as clip({F(w.Faithfulness)}·faithfulness + {F(w.Coverage)}·coverage + " +
        $"{F(w.TemporalOrder)}·temporal_order − {F(w.Hallucination)}·hallucination, 0, 1).",
        "Answer: {\"faithfulness\": 0.0, \"coverage\": 0.0, \"temporal_order\": 0.0, \"hallucination\": 0.0}");

    /// <summary>The "Label: value" lines of a user text, first occurrence of each label (other lines ignored).</summary>
    public static IReadOnlyDictionary<string, string> ReadFields(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            int colon = line.IndexOf(':');
            if (colon <= 0) continue;
            string label = line[..colon].Trim();
            if (label.Length > 20 || fields.ContainsKey(label)) continue;
            fields[label] = line[(colon + 1)..].Trim();
        }
        return fields;
    }

    /// <summary>Parses a judge kind's wire name; null when unknown.</summary>
    public static JudgeKind? ParseKind(string name) =>
        Enum.GetValues<JudgeKind>().Cast<JudgeKind?>().FirstOrDefault(k => Name(k!.Value) == name.Trim());

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Lines(params string[] lines) => string.Join("\n", lines);
}
