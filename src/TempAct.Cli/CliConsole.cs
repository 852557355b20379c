using Spectre.Console;

namespace TempAct.Cli;

/// <summary>The two outputs of every command: results on stdout (JSON with --json), progress and tables on stderr.</summary>
public static class CliConsole
{
    /// <summary>Human-facing console on the current stderr (read at each use, so redirection works), keeping stdout
    /// machine-readable.</summary>
    public static IAnsiConsole Human => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>Writes one line of machine-readable output to stdout.</summary>
    public static void Result(string line) => Console.Out.WriteLine(line);
}
