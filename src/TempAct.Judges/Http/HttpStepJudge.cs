using OpenAI.Chat;
using TempAct.Judges.Rewards;

namespace TempAct.Judges.Http;

/// <summary>S_local through an OpenAI-compatible endpoint: TempAct's clip-wise step prompt with the context frames before
/// the switch (all, or the last <see cref="JudgeClientOptions.StepContextFrames"/>) and the step's window as JPEG data
/// URLs; the total is computed here with TempAct's weights.</summary>
public sealed class HttpStepJudge(JudgeClient client, StepJudgeWeights? weights = null) : IStepJudge
{
    private readonly StepJudgeWeights w = weights ?? new();

    /// <inheritdoc />
    public async Task<IReadOnlyList<JudgeScore>> ScoreAsync(IReadOnlyList<StepJudgeItem> items, CancellationToken cancellation = default) =>
        await Task.WhenAll(items.Select(item => ScoreOneAsync(item, cancellation))).ConfigureAwait(false);

    private async Task<JudgeScore> ScoreOneAsync(StepJudgeItem item, CancellationToken cancellation)
    {
        var (video, window) = (item.Video, item.Window);
        if (window.Start < 0 || window.End > video.Frames || window.Length < 1)
            throw new JudgeInputException($"step window {window} is not inside the video's {video.Frames} frames");
        int first = client.Options.StepContextFrames is { } context ? Math.Max(0, window.Start - context) : 0;
        int frames = window.End - first;
        var parts = new List<ChatMessageContentPart> { ChatMessageContentPart.CreateTextPart(JudgePrompts.Step(item.Prompt, frames, window.Start - first, w)) };
        for (int t = first; t < window.End; t++)
            parts.Add(ChatMessageContentPart.CreateImagePart(
                BinaryData.FromBytes(JpegFrames.Encode(video, t, client.Options.FrameScale, client.Options.JpegQuality)), "image/jpeg"));
        ChatMessage[] messages = [new SystemChatMessage(JudgePrompts.StepSystem), new UserChatMessage(parts)];
        var (scores, problem) = await client.AskAsync(messages, json => JudgeAnswerReader.Read(json, SubScoreNames.Step), cancellation).ConfigureAwait(false);
        return scores is null ? JudgeScore.Zero(SubScoreNames.Step, problem!) : new JudgeScore(w.Total(scores), scores);
    }
}
