using TempAct.Models.Executor;
using TempAct.Training.Config;
using TempAct.World.Plans;

namespace TempAct.Evaluation.Eval;

/// <summary>
/// How `eval` prompts the executor for an instruction: one mode = one column of the results. Its <see cref="Name"/> is
/// its command-line and JSON name:
/// <list type="bullet">
/// <item>"single": the instruction as the caption of every chunk, on the base executor (it never switches);</item>
/// <item>"step": one plan of the cold-start planner per instruction and seed, on the base executor;</item>
/// <item>"tempact": one plan of the RL-trained planner per instruction and seed, on the RL-trained executor (--tempact);</item>
/// <item>an ablation arm ("flat", "planner-frozen", "executor-frozen", "no-kl", "no-aesthetic", "uniform-spans",
/// "look-ahead", "shuffled-advantages": <see cref="AblationNames"/>, the names `train rl --ablation` takes): as tempact, on the weights that
/// arm's RL run wrote (a folder of its own under --arms), executed as the trainer executed them (<see cref="Executed"/>);</item>
/// <item>any of them but single with "-none" or "-recache" appended ("tempact-recache"): the same with its switch mode
/// fixed, whatever --switch says — so "tempact,tempact-recache" puts both switch modes in one table.</item>
/// </list>
/// Modes made from the same weights draw the same plans and the same noise (single, step and every RL-trained mode each
/// have a noise key of their own, see <see cref="NoiseKey"/>), so their difference is the mode's alone.
/// </summary>
public sealed record EvalMode
{
    private EvalMode(string @base, Ablation arm, SwitchMode? fixedSwitch)
    {
        Base = @base; Arm = arm; FixedSwitch = fixedSwitch;
        Name = fixedSwitch is { } s ? $"{@base}-{SwitchName(s)}" : @base;
    }

    /// <summary>The command-line and JSON name ("single", "tempact-recache", "no-kl", …).</summary>
    public string Name { get; }

    /// <summary>The name without a switch suffix: "single", "step", "tempact" or an arm's name — also the weights' name
    /// (an arm's folder under --arms).</summary>
    public string Base { get; }

    /// <summary>The ablation arm whose weights it runs (<see cref="Ablation.None"/> for single, step and tempact).</summary>
    public Ablation Arm { get; }

    /// <summary>The switch mode fixed by a "-none"/"-recache" suffix; null: the run's (--switch).</summary>
    public SwitchMode? FixedSwitch { get; }

    /// <summary>The instruction on every chunk.</summary>
    public static EvalMode Single { get; } = new("single", Ablation.None, null);

    /// <summary>The cold-start planner on the base executor.</summary>
    public static EvalMode Step { get; } = new("step", Ablation.None, null);

    /// <summary>The RL-trained planner and executor.</summary>
    public static EvalMode TempAct { get; } = new("tempact", Ablation.None, null);

    /// <summary>The arm <paramref name="arm"/> (one flag of <see cref="Ablation"/>).</summary>
    public static EvalMode Of(Ablation arm) => Arms.FirstOrDefault(m => m.Arm == arm)
        ?? throw new ArgumentOutOfRangeException(nameof(arm), arm, "an arm is one flag of Ablation");

    /// <summary>Every ablation arm as a mode, in <see cref="Ablation"/>'s order.</summary>
    public static IReadOnlyList<EvalMode> Arms { get; } = AblationNames.Known.Select(n => new EvalMode(n, AblationNames.ParseList(n), null)).ToList();

    /// <summary>Single, step, tempact and every arm (the names --modes knows, before a switch suffix).</summary>
    public static IReadOnlyList<EvalMode> Known { get; } = [Single, Step, TempAct, .. Arms];

    /// <summary>Whether it plans (all but single).</summary>
    public bool Plans => Base != Single.Base;

    /// <summary>Whether it runs RL-trained weights (tempact and the arms).</summary>
    public bool Trained => Plans && Base != Step.Base;

    /// <summary>The same mode with its switch fixed to <paramref name="mode"/> (not for single, which never switches).</summary>
    public EvalMode WithSwitch(SwitchMode mode) => Plans ? new(Base, Arm, mode)
        : throw new ArgumentException("single never switches: it has no -none or -recache form");

    /// <summary>The switch mode its videos are generated with under a run's <paramref name="runSwitch"/>: none for
    /// single, else its fixed one, else the run's.</summary>
    public SwitchMode SwitchIn(SwitchMode runSwitch) => Plans ? FixedSwitch ?? runSwitch : SwitchMode.None;

    /// <summary>The part of the noise seed that tells modes apart: 0 single, 1 step, 2 every RL-trained mode (tempact,
    /// the arms, with any switch) — single, step and tempact keep the noise they always had, and modes on RL-trained
    /// weights see the same noise, so an arm's column differs from tempact's by the weights (and the arm's execution)
    /// alone, and tempact-recache from tempact by the switch alone.</summary>
    public long NoiseKey => Base == Single.Base ? 0 : Base == Step.Base ? 1 : 2;

    /// <summary>The plan the executor follows, as the trainer executes it (<see cref="AblationExecution.ExecutedPlan"/>):
    /// uniform spans over the same prompts for the uniform-spans arm, the planner's own otherwise.</summary>
    public StepPlan Executed(StepPlan plan, int chunks) => Arm.ExecutedPlan(plan, chunks);

    /// <summary>Parses one name (case-insensitive); <see cref="ArgumentException"/> naming an unknown one and listing
    /// the known names.</summary>
    public static EvalMode Parse(string name)
    {
        string n = name.Trim().ToLowerInvariant();
        if (Known.FirstOrDefault(m => m.Name == n) is { } plain) return plain;
        foreach (var s in new[] { SwitchMode.None, SwitchMode.Recache })
            if (n.EndsWith("-" + SwitchName(s), StringComparison.Ordinal) && Known.FirstOrDefault(m => m.Name == n[..^(SwitchName(s).Length + 1)]) is { } baseMode)
                return baseMode.Plans ? baseMode.WithSwitch(s)
                    : throw new ArgumentException($"--modes: '{name}': single never switches, so it has no -{SwitchName(s)} form");
        throw new ArgumentException($"--modes: unknown mode '{name}' (known: {KnownList}; any but single may end in -none or -recache to fix its switch)");
    }

    /// <summary>Parses a comma-separated list ("single,step,flat,tempact-recache"); <see cref="ArgumentException"/>
    /// naming an unknown or repeated mode.</summary>
    public static IReadOnlyList<EvalMode> ParseList(string list)
    {
        var modes = new List<EvalMode>();
        foreach (var raw in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var mode = Parse(raw);
            if (modes.Contains(mode)) throw new ArgumentException($"--modes: '{raw}' is given twice");
            modes.Add(mode);
        }
        if (modes.Count == 0) throw new ArgumentException($"--modes: no mode given (known: {KnownList})");
        return modes;
    }

    /// <summary>The known names, comma-separated.</summary>
    public static string KnownList => string.Join(", ", Known.Select(m => m.Name));

    /// <summary>"none" or "recache".</summary>
    public static string SwitchName(SwitchMode mode) => mode == SwitchMode.Recache ? "recache" : "none";

    /// <inheritdoc />
    public override string ToString() => Name;

}

