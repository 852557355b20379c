using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using TempAct.Evaluation.Metrics;

namespace TempAct.Evaluation.Switching;

/// <summary>The switch-reaction part of <c>measure executor</c>: the plans, the setting, one <see cref="ModeReaction"/> per
/// switch mode.</summary>
/// <param name="Plans">The two-step plans, in order.</param>
/// <param name="Continuations">K: videos per plan and mode, each with its own noise.</param>
/// <param name="Frames">Frames a video.</param>
/// <param name="SwitchChunk">The chunk where step 2 takes over.</param>
/// <param name="WindowChunks">The reaction window in chunks from the switch.</param>
/// <param name="ChunkFrames">Frames a chunk.</param>
/// <param name="Modes">One entry per switch mode.</param>
public sealed record SwitchReactionReport(IReadOnlyList<SwitchPlan> Plans, int Continuations, int Frames, int SwitchChunk, int WindowChunks,
    int ChunkFrames, IReadOnlyList<ModeReaction> Modes)
{
    /// <summary>The part as JSON: the setting, each mode's summary and per-plan successes, the plans.</summary>
    public JsonObject ToJson()
    {
        var modes = new JsonObject();
        foreach (var m in Modes)
            modes[m.Name] = new JsonObject
            {
                ["reaction"] = Interval(m.Reaction), ["zero_success_groups"] = Round(m.ZeroGroups), ["first_step"] = Interval(m.FirstStep),
                ["after_switch_any_time"] = Interval(m.AfterSwitch), ["delay_frames"] = Interval(m.Delay), ["frame_quality"] = Interval(m.FrameQuality),
                ["successes_per_plan"] = new JsonArray(m.Successes.Select(s => (JsonNode)s).ToArray()),
            };
        return new JsonObject
        {
            ["plans"] = Plans.Count, ["continuations"] = Continuations, ["frames"] = Frames, ["switch_chunk"] = SwitchChunk,
            ["window_chunks"] = WindowChunks, ["modes"] = modes,
            ["plan_prompts"] = new JsonArray(Plans.Select(p => (JsonNode)p.ToString()).ToArray()),
        };
    }

    /// <summary>Appends the part's Markdown section.</summary>
    public void AppendMarkdown(StringBuilder md)
    {
        int first = SwitchChunk * ChunkFrames;
        md.AppendLine(Invariant($"## Switch reaction ({Plans.Count} two-step plans × K = {Continuations}, {Frames} frames, switch at chunk {SwitchChunk})")).AppendLine();
        md.AppendLine("| mode | reaction (step 2 within " + WindowChunks + " chunks) | zero-success K-groups | step 1 before the switch | step 2 after the switch, any time | delay (frames) | frame quality |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var m in Modes)
            md.AppendLine(Invariant($"| {m.Name} | {m.Reaction} | {m.ZeroGroups:0.000} | {m.FirstStep} | {m.AfterSwitch} | {m.Delay.ToString("0.0")} | {m.FrameQuality} |"));
        md.AppendLine();
        md.AppendLine(Invariant($"Step 1 on chunks 0–{SwitchChunk}, step 2 from chunk {SwitchChunk} (frame {first}); reaction: the tracker sees step 2's event start in frames [{first}, {first + WindowChunks * ChunkFrames})."));
        md.AppendLine("Intervals over plans; a zero-success K-group is a plan none of whose K videos reacts.");
        md.AppendLine();
    }

    private static JsonObject Interval(ConfidenceInterval c) => new() { ["mean"] = Round(c.Mean), ["ci95"] = Round(c.HalfWidth), ["n"] = c.N };

    private static double? Round(double x) => double.IsFinite(x) ? Math.Round(x, 4) : null;

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
