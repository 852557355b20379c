using TempAct.Models.Executor;

namespace TempAct.Cli.Commands.Executor;

/// <summary>Resolves --model: a folder as given, else the shipped one found from the repository or the bundle.</summary>
public static class ExecutorSource
{
    /// <summary>Loads the executor checkpoint at <paramref name="path"/> (errors name the folder or file).</summary>
    public static ExecutorTransformer Load(string path)
    {
        if (!Directory.Exists(path) && !Path.IsPathRooted(path))
        {
            try { path = RepoPaths.Find(path); }
            catch (FileNotFoundException) { /* fall through: Load names the missing folder */ }
        }
        return ExecutorCheckpoint.Load(path);
    }
}
