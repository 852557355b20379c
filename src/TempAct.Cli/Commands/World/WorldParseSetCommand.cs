using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.World.Benchmarks;
using TempAct.World.Serialization;

namespace TempAct.Cli.Commands.World;

/// <summary>`world parse-set`: parses every instruction of a paraphrase set (JSONL with the expected events) and reports
/// the exact-parse rate, what the parser rejects (with its message) and what it reads as other events.</summary>
public sealed class WorldParseSetCommand : Command<WorldParseSetCommand.Settings>
{
    /// <summary>Arguments of `world parse-set`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The set.</summary>
        [CommandArgument(0, "<FILE>"), Description("JSONL lines {\"instruction\", \"events\"}, e.g. data/paraphrases.jsonl.")] public string File { get; init; } = "";
        /// <summary>Print JSON on stdout.</summary>
        [CommandOption("--json"), Description("Print {\"total\", \"exact\", \"exact_rate\", \"rejected\", \"different\"} on stdout.")] public bool Json { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var report = ParseSetReport.Measure(ParaphraseSet.Load(s.File));
        if (s.Json)
        {
            CliConsole.Result(JsonSerializer.Serialize(new
            {
                total = report.Total, exact = report.Exact, exact_rate = report.ExactRate,
                rejected = report.Rejected.Select(r => new { line = r.Item.Line, instruction = r.Item.Text, reason = r.Reason }),
                different = report.Different.Select(d => new
                {
                    line = d.Item.Line, instruction = d.Item.Text,
                    parsed = d.Parsed.Events.Select(e => WorldJson.ToJson(e)), expected = d.Item.Events.Select(e => WorldJson.ToJson(e)),
                }),
            }, WorldJson.Options));
            return ExitCodes.Ok;
        }
        CliConsole.Human.MarkupLine($"[bold]{report.Exact} of {report.Total}[/] parse to exactly the expected events ({report.ExactRate:P1})");
        if (report.Rejected.Count > 0)
        {
            var rejected = new Table().AddColumns("line", "instruction", "why the parser rejects it");
            foreach (var (item, reason) in report.Rejected) rejected.AddRow($"{item.Line}", Markup.Escape(item.Text), Markup.Escape(reason));
            CliConsole.Human.Write(rejected);
        }
        if (report.Different.Count > 0)
        {
            var different = new Table().AddColumns("line", "instruction", "parsed", "expected");
            foreach (var (item, parsed) in report.Different)
                different.AddRow($"{item.Line}", Markup.Escape(item.Text), Markup.Escape(string.Join("; ", parsed.Events)), Markup.Escape(string.Join("; ", item.Events)));
            CliConsole.Human.Write(different);
        }
        return ExitCodes.Ok;
    }
}
