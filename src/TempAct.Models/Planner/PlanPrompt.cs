using System.Globalization;

namespace TempAct.Models.Planner;

/// <summary>
/// TempAct's planner template adapted to ShapeWorld: the instruction, the number of steps ("auto" lets the planner choose)
/// and the video's chunk count, then the plan as a JSON array. <see cref="ForLm"/> is the compact form the local LM is
/// trained on; <see cref="ForChat"/> is the same request worded for a chat LLM (e.g. Qwen3 behind vLLM).
/// </summary>
public static class PlanPrompt
{
    /// <summary>The local LM's prompt: "instruction : … steps : auto chunks : 12 plan :".</summary>
    public static string ForLm(string instruction, int? steps, int totalChunks) =>
        $"instruction : {instruction} steps : {(steps is { } m ? m.ToString(CultureInfo.InvariantCulture) : "auto")} chunks : {totalChunks} plan :";

    /// <summary>System and user messages for an external chat planner.</summary>
    public static (string System, string User) ForChat(string instruction, int? steps, int totalChunks)
    {
        const string system =
            "You are a video planner for an autoregressive video generator. The video is generated chunk by chunk; " +
            "each chunk is conditioned on one short step prompt. Rewrite the user's instruction into step prompts the generator can execute, " +
            "in order, one action per step, each naming its subject by colour and shape, e.g. \"red circle moves right\", \"blue square turns green\", " +
            "\"red circle slowly grows\", \"white triangle jumps\", \"green circle vanishes\", \"green circle appears\", \"red circle stays still\". " +
            "Give each step a span of chunks [first, end): spans are ordered, contiguous, non-empty and cover the whole video; a slow step may take more chunks. " +
            "Answer with a JSON array only: [{\"step_index\": 0, \"prompt\": \"...\", \"chunks\": [0, 4]}, ...].";
        string count = steps is { } m ? $"exactly {m} steps" : "one step per event of the instruction";
        string user = $"Instruction: {instruction}\nThe video has {totalChunks} chunks. Write {count}.";
        return (system, user);
    }
}
