using System.Text.Json.Nodes;
using TempAct.Judges.Http;
using TempAct.Judges.Oracle;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Media;

namespace TempAct.Judges.Server;

/// <summary>
/// The oracle judges behind the chat protocol, answering like a VLM judge served by vLLM: it reads a TempAct judge
/// request (the "Label: value" lines of <see cref="JudgePrompts"/> and the frames' images), runs the oracle judge it
/// names on the decoded frames, and answers with the judge's JSON — sub-scores at full precision, plus "total". The
/// oracle is deterministic, so a request for n choices gets the same answer n times.
/// </summary>
public sealed class OracleChatModel(OracleOptions? options = null, string id = OracleChatModel.DefaultId) : IChatModel
{
    /// <summary>The name the oracle is served under by default.</summary>
    public const string DefaultId = "tempact-oracle";

    private readonly OracleVideoJudge video = new(options);
    private readonly OracleStepJudge step = new(options);
    private readonly OraclePlanJudge plan = new(options);

    /// <inheritdoc />
    public string Id { get; } = id;

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> CompleteAsync(ChatPrompt prompt, CancellationToken cancellation)
    {
        var turn = prompt.Turns.LastOrDefault(t => t.Role == "user" && JudgePrompts.ReadFields(t.Text).ContainsKey(JudgePrompts.JudgeLabel))
            ?? throw new ChatModelException($"not a TempAct judge request: no user message has a '{JudgePrompts.JudgeLabel}:' line");
        var fields = JudgePrompts.ReadFields(turn.Text);
        var kind = JudgePrompts.ParseKind(fields[JudgePrompts.JudgeLabel])
            ?? throw new ChatModelException($"unknown judge '{fields[JudgePrompts.JudgeLabel]}'; expected full_video, step_clip or plan");
        try
        {
            JsonObject answer = kind switch
            {
                JudgeKind.FullVideo => Video(fields, turn),
                JudgeKind.StepClip => Step(fields, turn),
                _ => Plan(fields),
            };
            // Deterministic: n samples of the oracle are the same answer n times.
            return Task.FromResult<IReadOnlyList<string>>(Enumerable.Repeat(answer.ToJsonString(), prompt.Choices).ToArray());
        }
        catch (ImageLimitException e)
        {
            throw new ChatModelException($"cannot judge this {JudgePrompts.Name(kind)} request: {e.Message}", e, "image_too_large");
        }
        catch (Exception e) when (e is InstructionParseException or InvalidDataException or FormatException or JudgeInputException)
        {
            throw new ChatModelException($"cannot judge this {JudgePrompts.Name(kind)} request: {e.Message}", e);
        }
    }

    private JsonObject Video(IReadOnlyDictionary<string, string> fields, ChatTurn turn)
    {
        var instruction = InstructionParser.Parse(Field(fields, JudgePrompts.InstructionLabel));
        var frames = JpegFrames.Decode(turn.Images);
        var sampled = Field(fields, JudgePrompts.SampledLabel).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, out var t) ? t : throw new FormatException($"'{s}' in '{JudgePrompts.SampledLabel}' is not a frame index")).ToArray();
        var (score, frameScores) = video.Judge(frames, instruction, sampled);
        var answer = Answer(score);
        answer[SubScoreNames.FrameScores] = new JsonArray(frameScores.Select(v => (JsonNode)v).ToArray());
        return answer;
    }

    private JsonObject Step(IReadOnlyDictionary<string, string> fields, ChatTurn turn)
    {
        var frames = JpegFrames.Decode(turn.Images);
        var range = Field(fields, JudgePrompts.StepClipLabel).Split(" to ", StringSplitOptions.TrimEntries);
        if (range.Length != 2 || !int.TryParse(range[0], out int start) || !int.TryParse(range[1], out int last))
            throw new FormatException($"'{JudgePrompts.StepClipLabel}' must read 'S to E', got '{fields[JudgePrompts.StepClipLabel]}'");
        return Answer(step.Score(frames, new FrameSpan(start, last + 1), Field(fields, JudgePrompts.StepPromptLabel)));
    }

    private JsonObject Plan(IReadOnlyDictionary<string, string> fields)
    {
        var instruction = InstructionParser.Parse(Field(fields, JudgePrompts.InstructionLabel));
        if (!int.TryParse(Field(fields, JudgePrompts.ChunksLabel), out int chunks) || chunks < 1)
            throw new FormatException($"'{JudgePrompts.ChunksLabel}' must be a positive chunk count");
        return Answer(plan.Score(PlanJson.Read(Field(fields, JudgePrompts.PlanLabel), chunks), instruction));
    }

    /// <summary>The sub-scores and the total as a JSON object, in the judge's field order.</summary>
    private static JsonObject Answer(JudgeScore score)
    {
        var answer = new JsonObject();
        foreach (var (name, value) in score.SubScores) answer[name] = value;
        answer["total"] = score.Total;
        return answer;
    }

    private static string Field(IReadOnlyDictionary<string, string> fields, string label) =>
        fields.TryGetValue(label, out var v) ? v : throw new FormatException($"the request has no '{label}:' line");
}
