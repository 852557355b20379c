using System.Globalization;
using System.Text;
using TempAct.Evaluation.Metrics;
using TempAct.World.Events;
using TempAct.World.Plans;
using TempAct.World.Serialization;

namespace TempAct.Evaluation.Eval;

/// <summary>
/// events.csv of an `eval` run: one row per expected event of every video — whether it was shown and, when not, why
/// (<see cref="EventOutcomes"/>) — so a run's failures can be counted by action, by mode and by what went wrong without
/// generating again. Rows in the order the videos were made.
/// </summary>
public sealed class EventsTable
{
    /// <summary>The file's name.</summary>
    public const string File = "events.csv";

    /// <summary>The header line's columns.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["mode", "item", "seed", "event", "subject", "action", "slow", "start", "end", "shown", "onset", "failure", "after_turn", "repeat", "fallback", "prompt_ok"];

    private readonly StringBuilder rows = new();

    /// <summary>Rows added so far.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the rows of one video (its expected events against what the tracker saw). prompt_ok says whether the
    /// plan's step for the event names its subject and action (1/0; empty without a plan): a 0 is the planner's miss, not
    /// the executor's.</summary>
    public void Add(EvalVideo v)
    {
        foreach (var o in EventOutcomes.Of(v.Expected, v.Tracking))
        {
            string promptOk = v.Plan is { } plan && plan.Steps.Count == v.Expected.Count
                ? Bit(StepPrompt.TryParse(plan.Steps[o.Index].Prompt) is { } said && said.Subject == o.Event.Subject && said.ActionCode == o.Event.ActionCode)
                : "";
            rows.Append(CultureInfo.InvariantCulture,
                $"{v.Mode.Name},{v.Item},{v.SeedIndex},{o.Index},{o.Event.Subject},{o.Event.ActionCode},{Bit(o.Event.Pace == Pace.Slow)},");
            rows.Append(CultureInfo.InvariantCulture,
                $"{o.Span.Start},{o.Span.End},{Bit(o.Shown)},{o.Onset?.ToString(CultureInfo.InvariantCulture) ?? ""},{o.Failure ?? ""},{Bit(o.AfterTurn)},{Bit(o.Repeat)},{Bit(v.Fallback)},{promptOk}");
            rows.AppendLine();
            Count++;
        }
    }

    /// <summary>The whole file's text: the header, then every row.</summary>
    public string ToCsv() => string.Join(",", Columns) + Environment.NewLine + rows;

    /// <summary>Writes <see cref="File"/> into <paramref name="dir"/> (created) through a temporary name; returns its path.</summary>
    public string Save(string dir)
    {
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, File);
        AtomicFile.WriteAllText(path, ToCsv());
        return path;
    }

    private static string Bit(bool b) => b ? "1" : "0";
}
