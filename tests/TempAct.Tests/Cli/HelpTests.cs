namespace TempAct.Tests.Cli;

/// <summary>Every command's --help renders: descriptions are Spectre markup, and a stray '[' or ']' in one crashes the
/// help page of its command with an internal error (it did for `plan`).</summary>
public sealed class HelpTests
{
    /// <summary>Every command of `tempact --help` and its branches' help pages (add a new command here).</summary>
    public static TheoryData<string> Commands() =>
    [
        "world sample", "world parse", "world track", "world sets", "world parse-set", "train executor", "train planner",
        "train aesthetic", "train rl", "serve", "judges bench", "measure planner", "measure executor", "demo", "eval",
        "bench transformer-step", "bench executor", "bench generate-memory", "bench studio", "bench rl", "bench executor-step", "bench credit",
        "weights convert", "plot curves", "studio", "generate", "plan", "world", "train", "judges", "measure", "bench", "weights", "plot",
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public void TheHelpPage_Renders(string command)
    {
        var (code, _, stderr) = CliRunner.Run([.. command.Split(' '), "--help"]);
        Assert.True(code == 0, $"tempact {command} --help exited {code}: {stderr}");
        Assert.DoesNotContain("error", stderr, StringComparison.OrdinalIgnoreCase);
    }
}
