using Spectre.Console;

namespace TempAct.Cli.Progress;

/// <summary>The project's one progress-bar style: description, bar, percentage, count, rate, elapsed, ETA (on stderr).</summary>
public static class ProgressBars
{
    /// <summary>Runs <paramref name="work"/> with a bar of <paramref name="total"/> steps; the callback advances it.</summary>
    public static void Run(string description, int total, Action<Action<int>> work, string unit = "it")
    {
        CliConsole.Human.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                     new RateColumn(unit), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(description, maxValue: total);
                work(n => task.Increment(n));
            });
    }

    /// <summary>Runs <paramref name="work"/> with one bar per phase; the callback advances phase i by n.</summary>
    public static void RunPhases(IReadOnlyList<(string Description, int Total)> phases, Action<Action<int, int>> work, string unit = "it")
    {
        CliConsole.Human.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                     new RateColumn(unit), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var tasks = phases.Select(p => ctx.AddTask(p.Description, maxValue: p.Total)).ToArray();
                work((i, n) => tasks[i].Increment(n));
            });
    }
}
