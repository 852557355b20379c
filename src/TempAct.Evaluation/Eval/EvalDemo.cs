using TempAct.Models.Executor;

namespace TempAct.Evaluation.Eval;

/// <summary>
/// The policy of `demo`: a handful of the `hard` set's instructions, spread evenly over the set, in every mode the shipped
/// weights allow — single, step and, when the RL-trained folder exists, tempact — with two seeds each, so the report
/// shows intervals and a timeline of every mode side by side in a few minutes on a laptop's CPU.
/// </summary>
public static class EvalDemo
{
    /// <summary>The set the demo draws from.</summary>
    public const string SetName = "hard";

    /// <summary>Instructions shown.</summary>
    public const int Instructions = 6;

    /// <summary>Seeds per instruction.</summary>
    public const int Seeds = 2;

    /// <summary>Base seed of plans and noise.</summary>
    public const long Seed = 1;

    /// <summary><paramref name="count"/> instructions of <paramref name="set"/> at evenly spread places (item ⌊k · n / count⌋
    /// for k = 0 … count − 1; all of them when the set is smaller), named "<c>NAME-demo</c>"; the skipped lines stay.</summary>
    public static EvalSet Pick(EvalSet set, int count = Instructions)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), $"the demo needs at least one instruction, got {count}");
        int n = set.Items.Count;
        var picked = n <= count ? set.Items.ToList() : Enumerable.Range(0, count).Select(k => set.Items[(int)((long)k * n / count)]).ToList();
        return set with { Name = set.Name + "-demo", Items = picked };
    }

    /// <summary>The modes: single and step, and tempact when <paramref name="tempact"/> (the RL-trained folder exists).</summary>
    public static IReadOnlyList<EvalMode> Modes(bool tempact) =>
        tempact ? [EvalMode.Single, EvalMode.Step, EvalMode.TempAct] : [EvalMode.Single, EvalMode.Step];

    /// <summary>The run's options. Step and tempact switch as the RL-trained executor was trained to
    /// (<paramref name="trainedSwitch"/>, from its folder's manifest), so both are measured under the same switch; without
    /// that folder, as `eval` does by default (none).</summary>
    public static EvalOptions Options(bool tempact, SwitchMode? trainedSwitch = null) => new()
    {
        Modes = Modes(tempact),
        Seeds = Seeds,
        Seed = Seed,
        Switch = tempact ? trainedSwitch ?? SwitchMode.None : SwitchMode.None,
    };

    /// <summary>The one-line notice when the RL-trained folder <paramref name="folder"/> is missing (null when it is there).</summary>
    public static string? Notice(bool tempact, string folder) => tempact ? null
        : $"no RL-trained weights in {folder} (train them with `train rl`): showing single and step only";
}
