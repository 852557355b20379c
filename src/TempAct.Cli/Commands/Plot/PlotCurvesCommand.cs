using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Evaluation.Report;

namespace TempAct.Cli.Commands.Plot;

/// <summary>`plot curves`: chosen columns of a metrics CSV (e.g. `train rl`'s metrics.csv) as stacked PNG panels.</summary>
public sealed class PlotCurvesCommand : Command<PlotCurvesCommand.Settings>
{
    /// <summary>Arguments of `plot curves`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The metrics file.</summary>
        [CommandArgument(0, "<CSV>"), Description("Metrics CSV with a header; the first column is the x axis (train rl's metrics.csv: the epoch).")] public string Csv { get; init; } = "";
        /// <summary>Columns to plot.</summary>
        [CommandOption("--columns"), Description("Comma-separated column names, one panel each."), DefaultValue("r_exec,r_plan,s_local,s_aes,onset_rate,exec_kl")] public string Columns { get; init; } = "r_exec,r_plan,s_local,s_aes,onset_rate,exec_kl";
        /// <summary>Moving-average window.</summary>
        [CommandOption("--smooth"), Description("Points in the centred moving average."), DefaultValue(5)] public int Smooth { get; init; } = 5;
        /// <summary>Title of the first panel.</summary>
        [CommandOption("--title"), Description("Title of the first panel."), DefaultValue("training curves")] public string Title { get; init; } = "training curves";
        /// <summary>Output PNG.</summary>
        [CommandOption("--out"), Description("PNG to write (temporary name, then renamed).")] public string Out { get; init; } = "";

        /// <inheritdoc />
        public override Spectre.Console.ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Out) ? Spectre.Console.ValidationResult.Error("--out FILE.png is required")
            : Smooth is < 1 or > 1000 ? Spectre.Console.ValidationResult.Error($"--smooth must be 1..1000, got {Smooth}")
            : Columns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length == 0 ? Spectre.Console.ValidationResult.Error("--columns names no column")
            : Spectre.Console.ValidationResult.Success();
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var columns = s.Columns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var series = MetricCurves.Read(s.Csv, columns);
        MetricCurves.Write(series, s.Out, s.Title, s.Smooth);
        CliConsole.Human.MarkupLine($"wrote {Spectre.Console.Markup.Escape(s.Out)} ({columns.Length} panels, {series.Max(x => x.X.Length)} points)");
        return ExitCodes.Ok;
    }
}
