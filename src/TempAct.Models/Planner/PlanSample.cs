using TempAct.World.Plans;

namespace TempAct.Models.Planner;

/// <summary>One sampled plan: its tokens and per-token log-probs (for GSPO), the answer text, and what the plan parser
/// made of it (plan, format score, problems).</summary>
public sealed record PlanSample(int[] PromptTokens, int[] AnswerTokens, float[] TokenLogProbs, string Text, PlanParseResult Parsed)
{
    /// <summary>Sum of the answer's token log-probs (log π(answer | prompt) at the sampling temperature).</summary>
    public double LogProb => TokenLogProbs.Sum(x => (double)x);
}
