using TempAct.Judges;
using TempAct.Judges.Oracle;
using TempAct.Judges.Rewards;
using TempAct.Training.Config;
using TempAct.Training.Exploration;
using TempAct.World.Events;
using TempAct.World.Plans;
using TempAct.World.Rendering;

namespace TempAct.Training.Scoring;

/// <summary>
/// TempAct's rewards from the judges (the oracle judges and the learned aesthetic scorer, each called once per epoch on
/// the whole batch): R_plan = mean_k[w_v·S_video + w_j·S_judge] − w_f·(1 − f) over the plan's K videos, and
/// R_exec = w_l·S_local + w_a·S_aes on the window [b, b + W) under step k's prompt (only chunk b is trained; the window
/// lets a reaction that starts in b show), minus λ·blend with a blend penalty λ (<see cref="SwitchBlending"/>, the
/// window's share of frames where the previous change is still under way). A plan the executor cannot read gets no
/// videos: S_video counts 0 for it.
/// </summary>
public sealed class RewardScorer(RewardWeights weights, IVideoJudge videoJudge, IPlanJudge planJudge, IStepJudge stepJudge,
    IAestheticScorer aesthetic, int windowChunks, ProbeReward probe = ProbeReward.None, double blendPenalty = 0)
{
    private readonly RewardAssembler assembler = new(weights);

    /// <summary>The oracle judges with the weights' sub-score weights; <paramref name="gradedAction"/> gives the step judge
    /// a graded action sub-score (<see cref="OracleOptions.GradedAction"/>).</summary>
    public static RewardScorer Oracle(RewardWeights weights, IAestheticScorer aesthetic, int windowChunks, ProbeReward probe = ProbeReward.None, bool gradedAction = false,
        double blendPenalty = 0) =>
        new(weights, new OracleVideoJudge(null, weights.Video), new OraclePlanJudge(null, weights.Plan),
            new OracleStepJudge(gradedAction ? OracleOptions.Default with { GradedAction = true } : null, weights.Step), aesthetic, windowChunks, probe, blendPenalty);

    /// <summary>Scores an epoch.</summary>
    public EpochRewards Score(EpochRollouts rollouts, int frameSize)
    {
        // 1. Every continuation: its whole video (S_video) and its window (S_local, S_aes).
        var items = rollouts.Groups.SelectMany((g, gi) => Enumerable.Range(0, g.Rows).Select(row => (Group: g, Index: gi, Row: row))).ToList();
        var videos = items.Select(x => new Video(x.Group.TotalChunks * StepPlan.ChunkFrames, frameSize, frameSize, x.Group.Videos[x.Row])).ToList();
        var windows = items.Select(x => Window(x.Group)).ToList();
        var plans = items.Select(x => x.Group.Plans[x.Row / x.Group.Continuations]).ToList();
        var sVideo = videoJudge.ScoreAsync(items.Select((x, i) => new VideoJudgeItem(videos[i], plans[i].Source)).ToList()).GetAwaiter().GetResult();
        var sLocal = stepJudge.ScoreAsync(items.Select((x, i) => new StepJudgeItem(videos[i], windows[i], plans[i].StepPrompt)).ToList()).GetAwaiter().GetResult();
        var sAes = aesthetic.ScoreAsync(videos.Select((v, i) => v.Slice(windows[i].Start, windows[i].End)).ToList()).GetAwaiter().GetResult();
        var blend = new double[items.Count];
        if (blendPenalty > 0) Parallel.For(0, items.Count, i => blend[i] = SwitchBlending.Score(videos[i], windows[i]));
        else Array.Fill(blend, double.NaN);
        var continuations = rollouts.Groups.Select(g => new ContinuationScore[g.Rows]).ToArray();
        for (int i = 0; i < items.Count; i++)
        {
            var step = StepPrompt.TryParse(plans[i].StepPrompt);
            bool actionStep = step is not null && step.Action != ActionKind.Stay;
            double action = sLocal[i][SubScoreNames.Action];
            // Under a graded action a partial credit is no onset: the judge says whether the event was detected.
            bool onset = sLocal[i].SubScores.TryGetValue(SubScoreNames.ActionEvent, out double detected) ? detected > 0 : action > 0;
            continuations[items[i].Index][items[i].Row] = new ContinuationScore(sVideo[i].Total, sLocal[i].Total, sAes[i].Total, action,
                actionStep && onset, actionStep, probe == ProbeReward.Brightness
                    ? ChunkBrightness(items[i].Group.Videos[items[i].Row], items[i].Group.TotalChunks, items[i].Group.BranchChunk)
                    : assembler.ExecReward(sLocal[i], sAes[i]) - (blendPenalty > 0 ? blendPenalty * blend[i] : 0), blend[i]);
        }

        // 2. Every plan: S_judge, and R_plan over its K videos (none generated: S_video 0).
        var sJudge = planJudge.ScoreAsync(rollouts.Plans.Select(p => new PlanJudgeItem(p.Plan, p.Source)).ToList()).GetAwaiter().GetResult();
        var videoScores = rollouts.Plans.Select(_ => new List<JudgeScore>()).ToArray();
        for (int i = 0; i < items.Count; i++) videoScores[plans[i].Id].Add(sVideo[i]);
        var planRewards = rollouts.Plans.Select(p =>
        {
            var scores = videoScores[p.Id].Count > 0 ? videoScores[p.Id] : [JudgeScore.Zero(SubScoreNames.Video, p.Unexecutable ?? "not generated")];
            return assembler.PlanReward(scores, sJudge[p.Id], p.FormatScore);
        }).ToArray();
        return new EpochRewards(planRewards, sJudge.Select(s => s.Total).ToArray(), continuations);
    }

    /// <summary>The mean intensity of chunk <paramref name="chunk"/> of a video of <paramref name="totalChunks"/> chunks
    /// (frames stored one after another, every chunk the same size).</summary>
    public static double ChunkBrightness(float[] video, int totalChunks, int chunk)
    {
        if (totalChunks < 1 || video.Length % totalChunks != 0) throw new ArgumentException($"a video of {video.Length} values is not {totalChunks} equal chunks");
        ArgumentOutOfRangeException.ThrowIfNegative(chunk);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(chunk, totalChunks);
        int perChunk = video.Length / totalChunks;
        double sum = 0;
        for (int i = chunk * perChunk; i < (chunk + 1) * perChunk; i++) sum += video[i];
        return sum / perChunk;
    }

    /// <summary>The frames of [b, b + W) chunks (cut at the video's end).</summary>
    private FrameSpan Window(ExecutionGroup g) =>
        new(g.BranchChunk * StepPlan.ChunkFrames, Math.Min(g.BranchChunk + windowChunks, g.TotalChunks) * StepPlan.ChunkFrames);
}
