namespace TempAct.Cli;

/// <summary>Named process exit codes; scripts can tell bad input from a crash.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>Bad command line: unknown option, invalid value, a train command's --out holding a run without --resume or
    /// --overwrite.</summary>
    public const int Usage = 2;
    /// <summary>An instruction outside the language (word and position on stderr).</summary>
    public const int InstructionError = 3;
    /// <summary>A file that is missing, corrupt or of the wrong shape (a config field out of range, a checkpoint that does
    /// not verify).</summary>
    public const int DataError = 4;
    /// <summary>An external service (planner or judge endpoint) is down or keeps failing.</summary>
    public const int Unavailable = 5;
    /// <summary>Anything unexpected: a bug.</summary>
    public const int Internal = 70;
}
