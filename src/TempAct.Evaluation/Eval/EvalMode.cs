namespace TempAct.Evaluation.Eval;

/// <summary>How `eval` prompts the executor for an instruction (one mode = one column of the results).</summary>
public enum EvalMode
{
    /// <summary>"single": the instruction as the caption of every chunk, on the base executor.</summary>
    Single,
    /// <summary>"step": one plan of the cold-start planner per instruction and seed, on the base executor.</summary>
    Step,
    /// <summary>"tempact": one plan of the RL-trained planner per instruction and seed, on the RL-trained executor.</summary>
    TempAct,
}
