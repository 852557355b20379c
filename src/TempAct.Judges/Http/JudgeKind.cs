namespace TempAct.Judges.Http;

/// <summary>Which of TempAct's judge prompts a request carries (the value of its "Judge:" line).</summary>
public enum JudgeKind
{
    /// <summary>The full-video "framewise" prompt: S_video.</summary>
    FullVideo,
    /// <summary>The clip-wise step prompt: S_local.</summary>
    StepClip,
    /// <summary>The plan-judge prompt: S_judge (text only).</summary>
    Plan,
}
