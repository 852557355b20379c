using TempAct.World.Serialization;

namespace TempAct.Cli;

/// <summary>Opens the output files a command will write, before it does any work: each is an <see cref="AtomicFile"/>
/// (a temporary file beside the target, renamed onto it when complete), so a bad path fails at once with the option
/// named, and a killed or failed run never leaves a truncated file or replaces a good one.</summary>
public static class OutputFiles
{
    /// <summary>Opens <paramref name="path"/> given as <paramref name="option"/>; any reason it cannot be written is an
    /// <see cref="OutputPathException"/>.</summary>
    public static AtomicFile Open(string path, string option)
    {
        try { return AtomicFile.Create(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new OutputPathException($"{option} {path}: cannot write there ({e.Message})", e);
        }
    }

    /// <summary>Commits <paramref name="file"/>; a failure at the last step (disk full, folder removed) names the option.</summary>
    public static void Commit(AtomicFile file, string option)
    {
        try { file.Commit(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputPathException($"{option} {file.FinalPath}: writing failed ({e.Message})", e);
        }
    }

    /// <summary>Refuses two options naming the same file (the second rename would replace the first).</summary>
    public static void Distinct(params (string Option, string? Path)[] outputs)
    {
        var given = outputs.Where(o => o.Path is not null).ToList();
        for (int i = 0; i < given.Count; i++)
            for (int j = i + 1; j < given.Count; j++)
                if (string.Equals(Path.GetFullPath(given[i].Path!), Path.GetFullPath(given[j].Path!), StringComparison.Ordinal))
                    throw new OutputPathException($"{given[i].Option} and {given[j].Option} name the same file {given[i].Path}");
    }
}
