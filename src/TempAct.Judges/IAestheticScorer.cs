using TempAct.World.Rendering;

namespace TempAct.Judges;

/// <summary>S_aes(frames): how clean the frames look, in [0, 1], scoring a batch of clips at once.</summary>
public interface IAestheticScorer
{
    /// <summary>Scores every clip; one <see cref="JudgeScore"/> per clip with the sub-scores of <see cref="SubScoreNames.Aesthetic"/>.</summary>
    Task<IReadOnlyList<JudgeScore>> ScoreAsync(IReadOnlyList<Video> clips, CancellationToken cancellation = default);
}
