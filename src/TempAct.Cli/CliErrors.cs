using Spectre.Console.Cli;
using TempAct.World.Language;

namespace TempAct.Cli;

/// <summary>Maps each bad-input exception type to a one-line message on stderr and a named exit code.</summary>
public static class CliErrors
{
    /// <summary>Writes the error and returns the exit code.</summary>
    public static int Report(Exception ex)
    {
        var (code, label) = ex switch
        {
            InstructionParseException => (ExitCodes.InstructionError, "instruction error"),
            TempAct.Models.Executor.PromptException => (ExitCodes.InstructionError, "prompt error"),
            CommandParseException or CommandRuntimeException => (ExitCodes.Usage, "usage error"),
            OutputPathException => (ExitCodes.Usage, "output error"),
            FileNotFoundException or DirectoryNotFoundException or InvalidDataException => (ExitCodes.DataError, "data error"),
            TempAct.World.Media.ImageLimitException => (ExitCodes.DataError, "image limit"),
            TempAct.Models.Checkpoints.CheckpointException => (ExitCodes.DataError, "checkpoint error"),
            TempAct.Models.Training.RunExistsException => (ExitCodes.Usage, "output folder in use"),
            TempAct.Models.Planner.PlannerUnavailableException => (ExitCodes.Unavailable, "planner unavailable"),
            TempAct.Judges.Http.JudgeUnavailableException => (ExitCodes.Unavailable, "judge unavailable"),
            TempAct.Judges.JudgeInputException => (ExitCodes.DataError, "judge input error"),
            ArgumentException => (ExitCodes.Usage, "invalid argument"),
            _ => (ExitCodes.Internal, "internal error"),
        };
        // Plain text, never wrapped: scripts grep this line.
        Console.Error.WriteLine($"{label}: {ex.Message}");
        if (code == ExitCodes.Internal) Console.Error.WriteLine(ex.ToString());
        return code;
    }
}
