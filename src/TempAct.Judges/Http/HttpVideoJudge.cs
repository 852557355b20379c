using OpenAI.Chat;
using TempAct.Judges.Oracle;
using TempAct.Judges.Rewards;

namespace TempAct.Judges.Http;

/// <summary>S_video through an OpenAI-compatible endpoint: TempAct's full-video "framewise" prompt with every frame as a
/// JPEG data URL; the total is computed here from the answer's sub-scores with TempAct's weights.</summary>
public sealed class HttpVideoJudge(JudgeClient client, VideoJudgeWeights? weights = null) : IVideoJudge
{
    private readonly VideoJudgeWeights w = weights ?? new();

    /// <inheritdoc />
    public async Task<IReadOnlyList<JudgeScore>> ScoreAsync(IReadOnlyList<VideoJudgeItem> items, CancellationToken cancellation = default) =>
        await Task.WhenAll(items.Select(item => ScoreOneAsync(item, cancellation))).ConfigureAwait(false);

    private async Task<JudgeScore> ScoreOneAsync(VideoJudgeItem item, CancellationToken cancellation)
    {
        var video = item.Video;
        var sampled = FrameSampling.Indices(video.Frames, client.Options.FrameSamples);
        var parts = new List<ChatMessageContentPart> { ChatMessageContentPart.CreateTextPart(JudgePrompts.Video(item.Instruction.Text, video.Frames, sampled, w)) };
        for (int t = 0; t < video.Frames; t++)
            parts.Add(ChatMessageContentPart.CreateImagePart(
                BinaryData.FromBytes(JpegFrames.Encode(video, t, client.Options.FrameScale, client.Options.JpegQuality)), "image/jpeg"));
        ChatMessage[] messages = [new SystemChatMessage(JudgePrompts.VideoSystem), new UserChatMessage(parts)];
        var (scores, problem) = await client.AskAsync(messages,
            json => JudgeAnswerReader.Read(json, SubScoreNames.Video, SubScoreNames.FrameScores), cancellation).ConfigureAwait(false);
        return scores is null ? JudgeScore.Zero(SubScoreNames.Video, problem!) : new JudgeScore(w.Total(scores), scores);
    }
}
