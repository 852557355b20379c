using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.World.Benchmarks;

namespace TempAct.Cli.Commands.World;

/// <summary>`world sets`: writes the committed evaluation sets — simple (100 × 3 events, 36 frames) and
/// hard (100 × 5 events, 60 frames) — from a fixed seed.</summary>
public sealed class WorldSetsCommand : Command<WorldSetsCommand.Settings>
{
    /// <summary>The seed the committed sets were made with.</summary>
    public const int CommittedSeed = 20261126;

    /// <summary>Options of `world sets`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Output folder.</summary>
        [CommandOption("--out"), Description("Output folder."), DefaultValue("data/benchmarks")] public string Out { get; init; } = "data/benchmarks";
        /// <summary>Seed; the simple set uses it, the hard set seed + 1.</summary>
        [CommandOption("--seed"), Description("Seed (simple uses it, hard uses seed + 1)."), DefaultValue(CommittedSeed)] public int Seed { get; init; } = CommittedSeed;
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        Directory.CreateDirectory(s.Out);
        foreach (var (name, seed, events, frames) in new[] { ("simple", s.Seed, 3, 36), ("hard", s.Seed + 1, 5, 60) })
        {
            var items = BenchmarkSet.Generate(seed, 100, events, frames);
            string path = Path.Combine(s.Out, name + ".jsonl");
            BenchmarkSet.Save(items, path);
            BenchmarkSet.Load(path); // every line must parse back: the file and the language agree
            CliConsole.Human.MarkupLine($"wrote [bold]{Markup.Escape(path)}[/]: {items.Count} instructions, {events} events, {frames} frames");
        }
        return ExitCodes.Ok;
    }
}
