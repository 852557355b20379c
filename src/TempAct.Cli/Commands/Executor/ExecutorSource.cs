using TempAct.Models.Executor;

namespace TempAct.Cli.Commands.Executor;

/// <summary>Resolves --model: a folder as given, else the shipped one found from the repository or the bundle.</summary>
public static class ExecutorSource
{
    /// <summary>Loads the executor checkpoint at <paramref name="path"/>, or the adapted executor of a models/tempact-style
    /// folder (errors name the folder or file).</summary>
    public static ExecutorTransformer Load(string path)
    {
        if (!Directory.Exists(path) && !Path.IsPathRooted(path))
        {
            try { path = RepoPaths.Find(path); }
            catch (FileNotFoundException) { /* fall through: Load names the missing folder */ }
        }
        // A models/tempact-style folder: the base it names with the RL adapters on top.
        return TempAct.Training.Checkpoints.TempActWeights.IsFolder(path) ? TempAct.Training.Checkpoints.TempActWeights.LoadExecutor(path) : ExecutorCheckpoint.Load(path);
    }
}
