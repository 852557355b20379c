namespace TempAct.Evaluation;

/// <summary>How the executor is prompted for a multi-event instruction in the baseline measurement (the evaluation's modes).</summary>
public enum BaselineMode
{
    /// <summary>"global": the whole instruction on every chunk, no switch (the `single` mode).</summary>
    Global,
    /// <summary>"step-none": the rule teacher's step prompts, switched Self-Forcing style (swap the text, keep the cache).</summary>
    StepNone,
    /// <summary>"step-recache": the rule teacher's step prompts, switched LongLive style (re-encode the cache).</summary>
    StepRecache,
}
