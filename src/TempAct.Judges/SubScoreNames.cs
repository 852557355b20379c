namespace TempAct.Judges;

/// <summary>
/// The JSON field names of every judge's sub-scores — the same strings in <see cref="JudgeScore.SubScores"/>, in the
/// HTTP judges' prompts and answers, and in docs/rewards.md (TempAct's schema).
/// </summary>
public static class SubScoreNames
{
    /// <summary>S_video: mean of the per-frame scores of the sampled frames (the answer's array of the same name).</summary>
    public const string FrameScores = "frame_scores";
    /// <summary>S_video and S_local: the last frame shows the expected end state.</summary>
    public const string Final = "final";
    /// <summary>S_video and S_judge: the events come in the instruction's order.</summary>
    public const string TemporalOrder = "temporal_order";
    /// <summary>S_video: no teleports, flicker, broken shapes or debris.</summary>
    public const string PhysicalPlausibility = "physical_plausibility";
    /// <summary>S_video: every object keeps its identity unless an event changes it.</summary>
    public const string VisualConsistency = "visual_consistency";
    /// <summary>S_video: the video shows what the instruction says, and nothing else.</summary>
    public const string PromptAlignment = "prompt_alignment";

    /// <summary>S_judge: the steps say what the instruction says, with executable spans.</summary>
    public const string Faithfulness = "faithfulness";
    /// <summary>S_judge: share of the instruction's events some step covers.</summary>
    public const string Coverage = "coverage";
    /// <summary>S_judge: share of steps that invent content.</summary>
    public const string Hallucination = "hallucination";

    /// <summary>S_local: the step's subject is there.</summary>
    public const string Subject = "subject";
    /// <summary>S_local: the other objects stay as they were.</summary>
    public const string Scene = "scene";
    /// <summary>S_local: the step's action happens, promptly and alone.</summary>
    public const string Action = "action";
    /// <summary>S_local under a graded action (<see cref="Oracle.OracleOptions.GradedAction"/> only, outside the weighted
    /// sum): 1 when an event of the step's action was detected starting in the window, else 0 (the action sub-score is
    /// then partial credit).</summary>
    public const string ActionEvent = "action_event";
    /// <summary>S_local: the window's frames are physically plausible.</summary>
    public const string ObjectReasonability = "object_reasonability";

    /// <summary>S_aes: mean frame score.</summary>
    public const string FrameMean = "frame_mean";
    /// <summary>S_aes: worst frame score.</summary>
    public const string FrameMin = "frame_min";

    /// <summary>The sub-scores of S_video, in the order of TempAct's formula.</summary>
    public static IReadOnlyList<string> Video { get; } =
        [FrameScores, Final, TemporalOrder, PhysicalPlausibility, VisualConsistency, PromptAlignment];

    /// <summary>The sub-scores of S_judge.</summary>
    public static IReadOnlyList<string> Plan { get; } = [Faithfulness, Coverage, TemporalOrder, Hallucination];

    /// <summary>The sub-scores of S_local.</summary>
    public static IReadOnlyList<string> Step { get; } = [Subject, Scene, Action, ObjectReasonability, Final];

    /// <summary>The sub-scores of S_aes.</summary>
    public static IReadOnlyList<string> Aesthetic { get; } = [FrameMean, FrameMin];
}
