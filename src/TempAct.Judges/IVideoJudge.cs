namespace TempAct.Judges;

/// <summary>S_video(video, instruction): the full-video temporal judge, scoring a batch at once.</summary>
public interface IVideoJudge
{
    /// <summary>Scores every item; the result has one <see cref="JudgeScore"/> per item, in order, with the sub-scores of
    /// <see cref="SubScoreNames.Video"/>.</summary>
    Task<IReadOnlyList<JudgeScore>> ScoreAsync(IReadOnlyList<VideoJudgeItem> items, CancellationToken cancellation = default);
}
