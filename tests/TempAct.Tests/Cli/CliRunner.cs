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
            string oldDir = Directory.GetCurrentDirectory();
            Console.SetOut(stdout); Console.SetError(stderr);
            Directory.SetCurrentDirectory(RepoRoot()); // as a user runs ./tempact: from the repository root
            try { return (TempAct.Cli.Program.Run(args), stdout.ToString(), stderr.ToString()); }
            finally { Console.SetOut(oldOut); Console.SetError(oldErr); Directory.SetCurrentDirectory(oldDir); }
        }
    }

    /// <summary>The repository root (the folder holding TempAct.sln), found from this source file's path so it works
    /// whatever the build output folder.</summary>
    public static string RepoRoot() => FindRoot(ThisFile());

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private static string FindRoot(string start)
    {
        var dir = new DirectoryInfo(start);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TempAct.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("TempAct.sln not found above " + start);
    }
}
