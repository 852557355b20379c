using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.World.Language;
using TempAct.World.Serialization;

namespace TempAct.Cli.Commands.World;

/// <summary>`world parse`: an instruction → its scene and events; a parse error exits non-zero with the word and position.</summary>
public sealed class WorldParseCommand : Command<WorldParseCommand.Settings>
{
    /// <summary>Arguments of `world parse`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The instruction text.</summary>
        [CommandArgument(0, "<INSTRUCTION>"), Description("The instruction, quoted.")] public string Instruction { get; init; } = "";
        /// <summary>Print JSON on stdout.</summary>
        [CommandOption("--json"), Description("Print {\"objects\": [[...]], \"events\": [[...]]} on stdout.")] public bool Json { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var instruction = InstructionParser.Parse(s.Instruction);
        var json = WorldJson.ToJson(instruction);
        if (s.Json)
        {
            CliConsole.Result(JsonSerializer.Serialize(new { objects = json.Objects, events = json.Events }, WorldJson.Options));
            return ExitCodes.Ok;
        }
        var objects = new Table().AddColumns("object", "size", "position", "visible");
        foreach (var o in json.Objects) objects.AddRow(o.Name!, o.Size!, o.Position!, o.Visible == false ? "no" : "yes");
        var events = new Table().AddColumns("#", "subject", "action", "pace");
        for (int i = 0; i < json.Events.Count; i++)
            events.AddRow($"{i}", json.Events[i].Subject!, json.Events[i].Action!, json.Events[i].Pace ?? "normal");
        CliConsole.Human.Write(objects);
        CliConsole.Human.Write(events);
        return ExitCodes.Ok;
    }
}
