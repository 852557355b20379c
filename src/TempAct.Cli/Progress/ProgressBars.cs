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
}
