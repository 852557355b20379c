using OpenAI.Chat;
using TempAct.Judges.Rewards;

namespace TempAct.Judges.Http;

/// <summary>S_judge through an OpenAI-compatible endpoint (a text LLM such as Qwen3-8B in TempAct): TempAct's plan-judge
/// prompt with the instruction and the plan's JSON; the total is computed here with TempAct's weights.</summary>
public sealed class HttpPlanJudge(JudgeClient client, PlanJudgeWeights? weights = null) : IPlanJudge
{
    private readonly PlanJudgeWeights w = weights ?? new();

    /// <inheritdoc />
    public async Task<IReadOnlyList<JudgeScore>> ScoreAsync(IReadOnlyList<PlanJudgeItem> items, CancellationToken cancellation = default) =>
        await Task.WhenAll(items.Select(item => ScoreOneAsync(item, cancellation))).ConfigureAwait(false);

    private async Task<JudgeScore> ScoreOneAsync(PlanJudgeItem item, CancellationToken cancellation)
    {
        ChatMessage[] messages = [new SystemChatMessage(JudgePrompts.PlanSystem), new UserChatMessage(JudgePrompts.Plan(item.Instruction.Text, item.Plan, w))];
        var (scores, problem) = await client.AskAsync(messages, json => JudgeAnswerReader.Read(json, SubScoreNames.Plan), cancellation).ConfigureAwait(false);
        return scores is null ? JudgeScore.Zero(SubScoreNames.Plan, problem!) : new JudgeScore(w.Total(scores), scores);
    }
}
