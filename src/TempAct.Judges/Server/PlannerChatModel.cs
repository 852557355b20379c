using System.Globalization;
using System.Text.RegularExpressions;
using TempAct.Models.Planner;

namespace TempAct.Judges.Server;

/// <summary>
/// Serves the project's planner LM as an OpenAI chat model: reads the instruction, chunk count and step count from a
/// <see cref="PlanPrompt.ForChat"/> request and answers with the LM's plan text, so `EndpointPlanner` (or any client)
/// gets exactly what the local planner would sample with the request's seed; <c>n</c> choices are n independent samples.
/// </summary>
public sealed partial class PlannerChatModel(LocalPlanner planner, string id = "planner") : IChatModel
{
    private readonly SemaphoreSlim gate = new(1, 1); // one LM, one request at a time

    /// <inheritdoc />
    public string Id { get; } = id;

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> CompleteAsync(ChatPrompt prompt, CancellationToken cancellation)
    {
        string user = prompt.Turns.LastOrDefault(t => t.Role == "user")?.Text
            ?? throw new ChatModelException("the request has no user message");
        var m = Request().Match(user);
        if (!m.Success)
            throw new ChatModelException("the user message is not a plan request: expected 'Instruction: …\\nThe video has N chunks. Write …'");
        string instruction = m.Groups["instruction"].Value.Trim();
        int chunks = int.Parse(m.Groups["chunks"].Value, CultureInfo.InvariantCulture);
        int? steps = m.Groups["steps"].Success ? int.Parse(m.Groups["steps"].Value, CultureInfo.InvariantCulture) : null;
        if (chunks is < 1 or > 99 || steps is < 1 || steps > chunks) throw new ChatModelException($"cannot plan {steps} steps over {chunks} chunks");
        await gate.WaitAsync(cancellation).ConfigureAwait(false);
        // n choices are n plans sampled together from the request's seed: independent draws, as the planner's group is.
        try { return planner.Sample(instruction, steps, chunks, prompt.Choices, prompt.Seed ?? 0).Select(p => p.Text).ToArray(); }
        catch (ArgumentException e) { throw new ChatModelException(e.Message, e); }
        finally { gate.Release(); }
    }

    [GeneratedRegex(@"^Instruction: (?<instruction>.+)\nThe video has (?<chunks>\d+) chunks\. Write (?:exactly (?<steps>\d+) steps|one step per event of the instruction)\.$", RegexOptions.Singleline)]
    private static partial Regex Request();
}
