using TempAct.Judges.Rewards;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Plans;
using TempAct.World.Simulation;

namespace TempAct.Judges.Oracle;

/// <summary>
/// S_judge by the parser: the plan's step prompts read back as events (<see cref="StepPrompt.TryParse(string)"/>) and
/// compared with the instruction's events — faithfulness, coverage, temporal order and hallucination, TempAct's plan-judge
/// schema (docs/rewards.md, "S_judge"). Spans are checked against what the executor can do: a step's span must hold its
/// action's duration plus one still frame (<see cref="RequiredFrames"/>), so a slow event needs twice the frames.
/// </summary>
public sealed class OraclePlanJudge(OracleOptions? options = null, PlanJudgeWeights? weights = null) : IPlanJudge
{
    private readonly OracleOptions o = options ?? OracleOptions.Default;
    private readonly PlanJudgeWeights w = weights ?? new();

    /// <inheritdoc />
    public Task<IReadOnlyList<JudgeScore>> ScoreAsync(IReadOnlyList<PlanJudgeItem> items, CancellationToken cancellation = default) =>
        Task.FromResult(o.Batch(items, item => Score(item.Plan, item.Instruction), cancellation));

    /// <summary>Frames a step of this event needs: its action's duration at its pace plus one hold frame (stay: 1).</summary>
    public static int RequiredFrames(WorldEvent e) =>
        ActionDynamics.NormalDuration(e.Action) * (e.Pace == Pace.Slow ? 2 : 1) + 1;

    /// <summary>Scores one plan.</summary>
    public JudgeScore Score(StepPlan plan, Instruction instruction)
    {
        var events = instruction.Events;
        var steps = plan.Steps.Select(s => StepPrompt.TryParse(s.Prompt)).ToArray();

        // 1. Pair steps with events by (subject, action code): the k-th step of a key takes the k-th event of that key.
        var eventOfStep = new int[steps.Length];
        var stepOfEvent = new int[events.Count];
        Array.Fill(eventOfStep, -1);
        Array.Fill(stepOfEvent, -1);
        for (int s = 0; s < steps.Length; s++)
        {
            if (steps[s] is not { } step) continue;
            for (int e = 0; e < events.Count; e++)
            {
                if (stepOfEvent[e] >= 0 || events[e].Subject != step.Subject || events[e].ActionCode != step.ActionCode) continue;
                stepOfEvent[e] = s; eventOfStep[s] = e;
                break;
            }
        }

        // 2. Faithfulness per step: matched, at the right pace (else half), with a span the executor can do (else half).
        double faithfulness = steps.Select((step, s) =>
        {
            if (eventOfStep[s] < 0) return 0.0;
            var e = events[eventOfStep[s]];
            double pace = step!.Pace == e.Pace ? 1 : 0.5;
            double span = plan.Steps[s].Chunks.Length * StepPlan.ChunkFrames >= RequiredFrames(e) ? 1 : 0.5;
            return pace * span;
        }).Average();

        // 3. Coverage, order (pairs of events both covered by steps in the same order), hallucination.
        double coverage = (double)stepOfEvent.Count(s => s >= 0) / events.Count;
        double order;
        if (events.Count == 1) order = stepOfEvent[0] >= 0 ? 1 : 0;
        else
        {
            int concordant = 0, pairs = 0;
            for (int a = 0; a < events.Count; a++)
                for (int b = a + 1; b < events.Count; b++)
                {
                    pairs++;
                    if (stepOfEvent[a] >= 0 && stepOfEvent[b] >= 0 && stepOfEvent[a] < stepOfEvent[b]) concordant++;
                }
            order = (double)concordant / pairs;
        }
        double hallucination = (double)eventOfStep.Count(e => e < 0) / steps.Length;

        var subs = new Dictionary<string, double>
        {
            [SubScoreNames.Faithfulness] = faithfulness,
            [SubScoreNames.Coverage] = coverage,
            [SubScoreNames.TemporalOrder] = order,
            [SubScoreNames.Hallucination] = hallucination,
        };
        return new JudgeScore(w.Total(subs), subs);
    }
}
