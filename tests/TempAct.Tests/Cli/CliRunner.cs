namespace TempAct.Tests.Cli;

/// <summary>Runs the CLI in-process and captures stdout, stderr and the exit code.</summary>
public static class CliRunner
{
    private static readonly object Gate = new();

    /// <summary>Runs `tempact args…`.</summary>
    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        lock (Gate) // Console redirection is process-wide
        {
            var (oldOut, oldErr) = (Console.Out, Console.Error);
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            Console.SetOut(stdout); Console.SetError(stderr);
            try { return (TempAct.Cli.Program.Run(args), stdout.ToString(), stderr.ToString()); }
            finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
        }
    }

    /// <summary>The repository root (the folder holding TempAct.sln).</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TempAct.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("TempAct.sln not found above " + AppContext.BaseDirectory);
    }
}
